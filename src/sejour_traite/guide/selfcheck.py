"""« Suis-je concernée ? »: the journey through the questions, and the result.

The answers so far travel in the query string (nothing is stored): ``parse`` reads them
back, ``next_fact`` asks the law engine which fact is worth asking next, and ``build_result``
turns the determination into plain words: the rights today, the next steps, the documents
to bring.

The self-check only asks what the person herself knows (``content.SELF_CHECK_FACTS``). The
facts that the police, the courts or the prefecture establish are assumed in her favour
(``content.ASSUMPTIONS``) and every right that rests on one of them says so: « si les
vérifications confirment que … ». Whatever she does not know stays unknown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.utils import formats
from django.utils.functional import Promise

from sejour_traite import law
from sejour_traite.guide import content, i18n
from sejour_traite.guide.forms import UNKNOWN, QuestionForm, question_form
from sejour_traite.law import registry
from sejour_traite.law.explanation import explain_object, known_results
from sejour_traite.law.questions import next_questions

QUESTION_PARAM = "q"  # the question being answered (to tell "no choice made" from "not asked")


@dataclass
class Answer:
    """A valid answer to one question."""

    fact: str
    form: QuestionForm
    value: Any  # the raw value of the fact, or UNKNOWN

    @property
    def label(self) -> str:
        """The fact asked, in words."""
        return i18n.fact_text(self.fact, "label")


@dataclass
class Journey:
    """Where the person is: the answers given, and the question to (re)show if any."""

    answers: list[Answer]
    invalid: QuestionForm | None = None

    @property
    def asked(self) -> set[str]:
        """The facts already asked (answered, « je ne sais pas » included)."""
        return {answer.fact for answer in self.answers}

    def raw_facts(self) -> dict[str, Any]:
        """The person's facts (unknown answers left out: unknown is absent)."""
        return {a.fact: a.value for a in self.answers if a.value is not UNKNOWN}

    def params(self, upto: int | None = None) -> list[tuple[str, str]]:
        """The answers (the first ``upto`` of them) as query-string pairs."""
        pairs: list[tuple[str, str]] = []
        for answer in self.answers[:upto]:
            pairs.extend(answer.form.params())
        return pairs

    def query(self, upto: int | None = None) -> str:
        """The answers as a query string (without ``?``)."""
        return urlencode(self.params(upto))


def parse(query: Mapping[str, Any]) -> Journey:
    """The answers carried by the query string, in the order they were given.

    Reading stops at the first invalid answer, which is shown again with its errors (the
    question being answered without a choice, a date in the future, a tampered URL…).
    """
    answers: list[Answer] = []
    seen: set[str] = set()
    for name in query:
        if name not in content.SELF_CHECK_FACTS or name in seen:
            continue
        seen.add(name)
        form = question_form(name, query)
        if not form.is_valid():
            return Journey(answers, form)
        answers.append(Answer(name, form, form.answer()))
    current = query.get(QUESTION_PARAM)
    if current in content.SELF_CHECK_FACTS and current not in seen:
        form = question_form(current, query)
        form.is_valid()  # the main choice is missing: shows « Choisissez une réponse »
        return Journey(answers, form)
    journey = Journey(answers)
    try:
        law.validate(journey.raw_facts())
    except law.FactsError as error:
        wrong = {where.split(".")[0].split("[")[0] for where, _ in error.problems}
        index = next(i for i, a in enumerate(answers) if a.fact in wrong)
        form = question_form(answers[index].fact, query)
        form.is_valid()
        form.add_error(None, str(error))
        return Journey(answers[:index], form)
    return journey


def assumed(raw: Mapping[str, Any], today: date) -> dict[str, Any]:
    """The facts the authorities establish, assumed in the person's favour where unknown."""
    result = {
        name: assumption.value
        for name, assumption in content.ASSUMPTIONS.items()
        if name not in raw
    }
    if "application" not in raw:
        held = (raw.get("current_document") or {}).get("kind")
        kind = "cst_renewal" if held == "cst" else "first_cst"
        result["application"] = {"kind": kind, "filing_date": today.isoformat()}
    return result


def next_fact(journey: Journey, today: date) -> str | None:
    """The fact to ask next, or ``None`` when the self-check is over.

    The engine ranks the missing facts (those that settle most outcomes first), with the
    authorities' facts assumed, so that only what the person can answer is left; among
    them, the tier of ``content.SELF_CHECK_FACTS`` comes first.
    """
    if len(journey.answers) >= content.MAX_QUESTIONS:
        return None
    raw = journey.raw_facts()
    facts = law.validate({**assumed(raw, today), **raw})
    ranked = [
        q.fact
        for q in next_questions(facts, today)
        if q.fact in content.SELF_CHECK_FACTS and q.fact not in journey.asked
    ]
    if not ranked:
        return None
    position = {fact: index for index, fact in enumerate(ranked)}
    return min(ranked, key=lambda fact: (content.SELF_CHECK_FACTS[fact][1], position[fact]))


# ------------------------------------------------------------------------ the result

POSITIVE = frozenset(
    {
        "DE_PLEIN_DROIT",
        "IN_SCOPE",
        "ACTIVE",
        "PROTECTED",
        "ELIGIBLE",
        "ELIGIBLE_TO_APPLY",
        "PROTECTION_SOCIALE",
        "AME",
        "YES",
    }
)
POSSIBLE = frozenset({"DISCRETIONNAIRE", "SPECIAL_REGIME_BG_RO"})
NEGATIVE = frozenset({"NON_REMPLI", "EXCLU", "NON_APPLICABLE", "NOT_ELIGIBLE", "NOT_PROTECTED"})


def tone(status: str) -> str:
    """``yes``, ``maybe``, ``no`` or ``unknown``: how the result card looks."""
    if status in POSITIVE:
        return "yes"
    if status in POSSIBLE:
        return "maybe"
    if status in NEGATIVE:
        return "no"
    return "unknown"


@dataclass
class RuleLine:
    """A rule applied to the person, in its plain-language sentence."""

    id: str
    text: str
    citations: list[str]
    url: str
    assumed: bool = False  # decided only thanks to the authorities' facts assumed


@dataclass
class Card:
    """One right or document in the result."""

    key: str
    heading: Promise
    status: str
    phrase: str
    tone: str
    details: list[str] = field(default_factory=list)
    reservations: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    rules: list[RuleLine] = field(default_factory=list)


@dataclass
class ChecklistItem:
    """A document to bring: one of ``choices`` (one choice: that document)."""

    choices: list[str]


@dataclass
class Result:
    """What the self-check tells the person."""

    eval_date: date
    legal_version: str | None
    cards: list[Card]
    next_steps: list[str]
    checklist: list[ChecklistItem]
    in_scope: bool | None


def _rules(key: str, plain: law.Determination, determination: law.Determination) -> list[RuleLine]:
    """The rules applied to one object, each in its sentence (undecided ones left out)."""
    lines = []
    day = determination.eval_date
    before = plain.objects.get(key)
    without = {}
    if before is not None:
        tree = explain_object(before, plain, "fr", known_results(plain))
        without = {node["rule"]: node["met"] for node in tree["rules"]}
    tree = explain_object(
        determination.objects[key], determination, "fr", known_results(determination)
    )
    for node in tree["rules"]:
        rule = registry.get(node["rule"])
        met = node["met"]
        if met is None or rule.id in content.RESULT_HIDDEN_RULES:
            continue
        lines.append(
            RuleLine(
                id=rule.id,
                text=i18n.law_text(rule.met if met else rule.not_met),
                citations=[c.label for c in rule.citations_on(day)],
                url=content.rule_url(rule.id),
                assumed=without.get(rule.id) is None,
            )
        )
    return lines


def _reservations(plain_missing: list[str], assumptions: Mapping[str, Any]) -> list[str]:
    sentences: list[str] = []
    for name in plain_missing:
        if name == "application" and name in assumptions:
            sentence = str(content.APPLICATION_SENTENCE)
        elif name in content.ASSUMPTIONS and name in assumptions:
            sentence = str(content.ASSUMPTIONS[name].sentence)
        else:
            continue
        if sentence not in sentences:
            sentences.append(sentence)
    return sentences


def _phrase(key: str, status: str) -> str:
    text = content.OBJECT_PHRASES.get((key, status)) or content.STATUS_PHRASES.get(status)
    return str(text) if text else i18n.status_label(status)


def build_result(journey: Journey, today: date) -> Result:
    """The result: each right today, the next steps and the documents to bring."""
    raw = journey.raw_facts()
    assumptions = assumed(raw, today)
    plain = law.evaluate(law.validate(raw), today)
    determination = law.evaluate(law.validate({**assumptions, **raw}), today)
    scope = determination.status("scope")
    cards: list[Card] = []
    for key, heading in content.RESULT_CARDS:
        card = _card(key, heading, raw, plain, determination, assumptions)
        if card is not None:
            cards.append(card)
        if key == "scope" and scope == "NON_APPLICABLE":
            break
    if scope != "NON_APPLICABLE" and determination.alternative_basis:
        cards.append(_alternatives(determination))
    in_scope = {"IN_SCOPE": True, "NON_APPLICABLE": False}.get(str(scope))
    return Result(
        eval_date=today,
        legal_version=determination.legal_version,
        cards=cards,
        next_steps=next_steps(raw, determination, cards),
        checklist=checklist(raw, determination),
        in_scope=in_scope,
    )


def _card(
    key: str,
    heading: Promise,
    raw: Mapping[str, Any],
    plain: law.Determination,
    determination: law.Determination,
    assumptions: Mapping[str, Any],
) -> Card | None:
    if key == "work":
        authorised = determination.to_json(explain=False)["work"]["authorised"]
        status = "YES" if authorised else "UNKNOWN"
        return Card(key, heading, status, _phrase(key, status), tone(status))
    obj = determination.objects.get(key)
    if obj is None:
        return None
    status = obj.status
    if key == "cst_renewal" and (raw.get("current_document") or {}).get("kind") != "cst":
        return None
    if key == "aps" and status not in ("DE_PLEIN_DROIT", "DISCRETIONNAIRE"):
        exit_path = raw.get("prostitution_exit_path_authorised_date")
        if exit_path in (None, "none") and "ceased_prostitution" not in raw:
            return None
    if key == "health":
        status = str(obj.extra.get("kind") or "NONE")
    card = Card(key, heading, status, _phrase(key, status), tone(status))
    if key == "reflection_recepisse":
        period = determination.objects["reflection"]
        if period.status not in ("INDETERMINE", "NON_APPLICABLE"):
            card.details.append(_phrase("reflection", period.status))
    if obj.status == "INDETERMINE" or card.tone == "unknown":
        card.missing = [i18n.fact_text(name, "label") for name in obj.missing_facts]
    elif card.tone in ("yes", "maybe"):
        plain_obj = plain.objects.get(key)
        plain_missing = plain_obj.missing_facts if plain_obj is not None else []
        card.reservations = _reservations(plain_missing, assumptions)
    card.rules = _rules(key, plain, determination)
    return card


def _alternatives(determination: law.Determination) -> Card:
    """Other grounds the prefect examines (no conviction, no cooperation): discretionary."""
    status = "DISCRETIONNAIRE"
    card = Card(
        "alternative_basis",
        content.ALTERNATIVES_HEADING,
        status,
        _phrase("alternative_basis", status),
        tone(status),
    )
    day = determination.eval_date
    for item in determination.alternative_basis:
        phrase = content.ALTERNATIVE_PHRASES.get(item["basis"])
        card.details.append(str(phrase) if phrase else str(item["basis"]))
        rule = registry.get(item["rule"])
        if all(line.id != rule.id for line in card.rules):
            card.rules.append(
                RuleLine(
                    id=rule.id,
                    text=i18n.law_text(rule.met),
                    citations=[c.label for c in rule.citations_on(day)],
                    url=content.rule_url(rule.id),
                )
            )
    if any(item.get("guidance") == "FAVORABLE" for item in determination.alternative_basis):
        card.details.append(str(content.ALTERNATIVES_FAVOURABLE))
    return card


def next_steps(
    raw: Mapping[str, Any], determination: law.Determination, cards: list[Card]
) -> list[str]:
    """What to do next, in the order of the procedure."""
    steps: list[str] = []
    status = determination.status
    if status("scope") == "NON_APPLICABLE":
        return [str(content.NEXT_STEPS["eu"]), str(content.NEXT_STEPS["keep"])]
    removal = raw.get("removal_decision")
    if removal not in (None, "none"):
        steps.append("removal")
    if raw.get("police_hearing_date") in (None, "none"):
        steps.append("police")
    complaint = (raw.get("complaint") or {}).get("kind")
    testimony = raw.get("testimony")
    cooperated = complaint == "penal" or testimony not in (None, "none")
    reflection = determination.objects["reflection"].status
    if (
        not cooperated
        and status("reflection_recepisse") == "DE_PLEIN_DROIT"
        and reflection != "ACTIVE"
    ):
        steps.append("reflection")
    if not cooperated:
        known_no = complaint in ("none", "civil_only") and testimony == "none"
        steps.append("no_cooperation" if known_no else "cooperate")
    held = (raw.get("current_document") or {}).get("kind")
    if status("cst") in ("DE_PLEIN_DROIT", "DISCRETIONNAIRE") and held not in (
        "cst",
        "carte_resident",
    ):
        steps.append("apply_cst")
    if held == "cst":
        steps.append("renew")
    if status("carte_resident") in ("DE_PLEIN_DROIT", "DISCRETIONNAIRE"):
        steps.append("resident")
    if "majority_filing_deadline" in determination.deadlines:
        steps.append("minor_at_18")
    if any(card.tone == "unknown" for card in cards):
        steps.append("unknown")
    steps.append("keep")
    texts = []
    for key in steps:
        text = str(content.NEXT_STEPS[key])
        if key == "minor_at_18":
            deadline = date.fromisoformat(determination.deadlines["majority_filing_deadline"])
            text = text % {"date": formats.date_format(deadline, "j F Y")}
        texts.append(text)
    return texts


def checklist(raw: Mapping[str, Any], determination: law.Determination) -> list[ChecklistItem]:
    """The documents to bring to the prefecture (printable)."""
    items: list[ChecklistItem] = []
    objects = determination.objects
    if determination.status("scope") == "NON_APPLICABLE":
        return items

    def document(name: str) -> str:
        return i18n.value_label("documents_provided", name)

    period = objects["reflection"].status
    if objects["reflection_recepisse"].status == "DE_PLEIN_DROIT" and period != "ACTIVE":
        items.append(ChecklistItem([str(content.CHECKLIST_EXTRA["police_referral"])]))
        items.append(ChecklistItem([document("photo")]))
    cst = objects["cst"]
    if cst.status not in ("NON_REMPLI", "EXCLU", "NON_APPLICABLE"):
        for group in (cst.extra.get("documents") or {}).get("required") or []:
            items.append(ChecklistItem([document(name) for name in group]))
    listed = {name for item in items for name in item.choices}
    contract = document("contrat_republique")
    if determination.status("contrat_republique") == "REQUIRED" and contract not in listed:
        items.append(ChecklistItem([str(content.CHECKLIST_EXTRA["contract"])]))
    held = (raw.get("current_document") or {}).get("kind")
    if held not in (None, "none"):
        items.append(ChecklistItem([str(content.CHECKLIST_EXTRA["current_document"])]))
    if raw.get("removal_decision") not in (None, "none"):
        items.append(ChecklistItem([str(content.CHECKLIST_EXTRA["removal_decision"])]))
    return items
