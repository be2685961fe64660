"""Next questions: the missing facts, ranked by how many undecided outcomes each settles.

For each fact missing from an undecided (``INDETERMINE``) object, the engine re-evaluates
the situation with every representative answer to that fact. The fact *settles* an
object when no answer leaves it undecided, and *may settle* it when some answer decides
it (e.g. "no complaint" decides the CST). Facts are ranked by the number of objects they
settle, then by the number they may settle, then by the number of undecided objects that
name them, then in the order of the facts dictionary (legal-spec §5), which is the order
an agent asks them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sejour_traite.law import dates
from sejour_traite.law import facts as facts_module
from sejour_traite.law.evaluation import Determination, evaluate
from sejour_traite.law.logic import NONE
from sejour_traite.law.outcomes import INDETERMINE

_ELIGIBLE = frozenset({"225-4-1"})
_OTHER = frozenset({"225-13"})


@dataclass(frozen=True)
class Question:
    """A fact to ask about, the question in plain words, and what answering it decides."""

    fact: str
    text: str
    help: str
    who: tuple[str, ...]
    settles: tuple[str, ...]
    may_settle: tuple[str, ...]
    concerns: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        """JSON-ready mapping."""
        return {
            "fact": self.fact,
            "question": self.text,
            "help": self.help,
            "who": list(self.who),
            "settles": list(self.settles),
            "may_settle": list(self.may_settle),
            "concerns": list(self.concerns),
        }


def candidate_values(name: str, day: date) -> list[Any]:
    """Representative answers to a fact, covering each branch the rules distinguish."""
    kind = facts_module.FACT_TYPES[name]
    past = dates.add_days(day, -1)
    match kind.kind:
        case "bool":
            return [True, False]
        case "enum":
            return list(kind.values)
        case "event_date":
            return [NONE, past, dates.add_days(day, 1)]
        case "date":
            return [dates.add_years(day, -40), dates.add_years(day, -17), dates.add_years(day, -15)]
        case "country":
            return ["NG", "IT", "DZ"]
        case "int" | "number":
            return [0, 3, 10_000]
        case "enum_set":
            return [frozenset(), frozenset(kind.values)]
        case "articles":
            return [_ELIGIBLE, _OTHER]
        case "record_list":
            return [()]
    if name == "complaint":
        return [
            {"kind": "none"},
            {"kind": "civil_only"},
            {"kind": "penal", "filed_date": past, "against_x": False, "offences": _ELIGIBLE},
            {"kind": "penal", "filed_date": past, "against_x": False, "offences": _OTHER},
        ]
    if name == "testimony":
        return [NONE, {"date": past, "accused_prosecuted": True, "offences": _ELIGIBLE}]
    if name == "removal_decision":
        return [NONE, {"type": "OQTF", "date": past}]
    if name == "application":
        return [{"kind": kind, "filing_date": day} for kind in ("first_cst", "cst_renewal")]
    if name == "current_document":
        return [{"kind": "none"}, {"kind": "cst", "valid_from": past, "valid_until": day}]
    return []


def next_questions(
    facts: Mapping[str, Any],
    eval_date: date,
    lang: str = "fr",
    readings: Mapping[str, str] | None = None,
    determination: Determination | None = None,
) -> list[Question]:
    """The questions to ask next, most useful first."""
    current = determination or evaluate(facts, eval_date, readings)
    undecided = [key for key, obj in current.objects.items() if obj.status == INDETERMINE]
    concerns: dict[str, list[str]] = {}
    for key in undecided:
        for name in current.objects[key].missing_facts:
            if name in facts_module.FACT_TYPES and name not in facts:
                concerns.setdefault(name, []).append(key)
    order = {name: index for index, name in enumerate(facts_module.FACT_TYPES)}
    questions = []
    for name, objects in concerns.items():
        settled = set(objects)
        some_answer_settles: set[str] = set()
        for value in candidate_values(name, eval_date):
            trial = evaluate({**facts, name: value}, eval_date, readings)
            still = {key for key in objects if trial.status(key) == INDETERMINE}
            settled -= still
            some_answer_settles |= set(objects) - still
        texts = facts_module.texts().get(name) or {}
        questions.append(
            Question(
                fact=name,
                text=str((texts.get("question") or {}).get(lang) or name),
                help=str((texts.get("help") or {}).get(lang) or ""),
                who=tuple(texts.get("who") or ()),
                settles=tuple(key for key in objects if key in settled),
                may_settle=tuple(key for key in objects if key in some_answer_settles),
                concerns=tuple(objects),
            )
        )
    questions.sort(
        key=lambda q: (
            -len(q.settles),
            -len(q.may_settle),
            -len(q.concerns),
            order.get(q.fact, 999),
        )
    )
    return questions
