"""The explanation tree of a determination, in plain words, citing the articles."""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, timedelta
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from sejour_traite.law import facts as facts_module
from sejour_traite.law import registry, versions
from sejour_traite.law.logic import TRUE, UNKNOWN
from sejour_traite.law.outcomes import Step

if TYPE_CHECKING:
    from sejour_traite.law.evaluation import Determination
    from sejour_traite.law.outcomes import ObjectResult

POSITIVE_STATUSES = frozenset(
    {"DE_PLEIN_DROIT", "DISCRETIONNAIRE", "ACTIVE", "PROTECTED", "ELIGIBLE", "ELIGIBLE_TO_APPLY"}
)
NEGATIVE_STATUSES = frozenset({"NON_REMPLI", "EXCLU", "NON_APPLICABLE", "NOT_ELIGIBLE"})


_NOT_CONCERNED = object()


def rule_met(
    rule: registry.Rule,
    obj: ObjectResult,
    known: dict[str, bool | None] | None = None,
    summary: tuple[bool, str | None, bool] | None = None,
) -> Any:
    """Whether the rule's "met" sentence applies to this object (None: undecided).

    The reference reading: ``explain_object`` applies it inline, for every rule of every
    object (tests/law/test_explanation.py checks that both agree).

    ``known`` holds the results that procedures established for the whole determination
    (e.g. R-SCOPE-01 decided by the scope); ``summary`` the rule's steps in this object
    (evaluated, meaning of the first step that fired, some step undecided). Returns
    ``_NOT_CONCERNED`` for a ground, bar or special situation that was checked and does not
    concern the person.
    """
    if rule.id in obj.rule_results:
        return obj.rule_results[rule.id]
    if rule.polarity == "status":
        if obj.status in POSITIVE_STATUSES:
            return True
        return False if obj.status in NEGATIVE_STATUSES else None
    evaluated, fired, undecided = (
        summary if summary is not None else _summaries(obj).get(rule.id, (False, None, False))
    )
    if fired is not None:
        return fired == "met" if fired != "polarity" else rule.polarity == "ground"
    if undecided:
        return None
    if not evaluated:
        if known is not None and rule.id in known:
            return known[rule.id]
        if obj.status in POSITIVE_STATUSES:
            return True
        return False if obj.status in NEGATIVE_STATUSES else None
    return True if rule.polarity != "ground" else _NOT_CONCERNED


def _summaries(obj: ObjectResult) -> dict[str, tuple[bool, str | None, bool]]:
    """One pass over the trace: per rule, (evaluated, first firing meaning, undecided)."""
    result: dict[str, tuple[bool, str | None, bool]] = {}
    for step, value, fires in obj.trace:
        _, fired, undecided = result.get(step.rule, (True, None, False))
        if fires and fired is None:
            fired = step.fires_means or "polarity"
        result[step.rule] = (True, fired, undecided or value is UNKNOWN)
    return result


@lru_cache(maxsize=256)
def _object_label(key: str, lang: str) -> str:
    labels = facts_module.texts().get("_objects") or {}
    return str((labels.get(key) or {}).get(lang) or key)


@cache
def _breakpoints() -> tuple[date, ...]:
    """Every day on which a cited text or a legal version starts or stops being in force.

    Between two breakpoints the articles of every rule and every step are the same: what
    the explanation needs from the date is the period it falls in, not the day itself.
    """
    days: set[date] = set()
    for rule in registry.all_rules().values():
        for citation in rule.citations:
            days.add(citation.in_force_from)
            if citation.in_force_to is not None:
                days.add(citation.in_force_to + timedelta(days=1))
    for version in versions.all_versions():
        days.add(version.start)
        if version.end is not None:
            days.add(version.end + timedelta(days=1))
    return tuple(sorted(days))


def _period(day: date) -> int:
    """Index of the period (between two breakpoints) that contains ``day``."""
    return bisect_right(_breakpoints(), day)


#: What the explanation of a rule needs, per (rule, period, language): title, labels of
#: the citations in force, polarity ("status", "ground" or "requirement"), and the
#: sentences for a met and an unmet rule.
_RuleHeader = tuple[str, tuple[str, ...], str, str, str]


def _header(rule_id: str, day: date, lang: str) -> _RuleHeader:
    rule = registry.get(rule_id)
    title, citations = _rule_header(rule_id, day, lang)
    return (title, citations, rule.polarity, rule.text(True, lang), rule.text(False, lang))


def _rule_header(rule_id: str, day: date, lang: str) -> tuple[str, tuple[str, ...]]:
    rule = registry.get(rule_id)
    return rule.title.get(lang) or rule.title["fr"], tuple(c.label for c in rule.citations_on(day))


_FORMULAS: dict[int, str] = {}


def _formula(step: Step) -> str:
    # Steps are module-level constants: their identity is a stable key (hashing the
    # expression tree at every call would cost more than the text itself).
    key = id(step)
    text = _FORMULAS.get(key)
    if text is None:
        text = _FORMULAS[key] = step.test.text()
    return text


#: The node of a condition, with its value left to fill: (the step, kept so that its
#: identity stays its own; the node).
_Condition = tuple[Step, dict[str, Any]]


class _Tables:
    """What the explanation reuses within one period of the law and one language.

    Filled on first use. Nodes are copied, never handed out: a copy of a small dict costs
    less than building it key by key, and every determination gets its own tree.
    """

    __slots__ = ("conditions", "headers", "templates")

    def __init__(self) -> None:
        #: rule ID -> header
        self.headers: dict[str, _RuleHeader] = {}
        #: step identity -> condition node
        self.conditions: dict[int, _Condition] = {}
        #: (rule ID, met) -> rule node, without its citations and conditions
        self.templates: dict[tuple[str, Any], dict[str, Any]] = {}


_TABLES: dict[tuple[int, str], _Tables] = {}


def _tables(day: date, lang: str) -> _Tables:
    """The tables for the period of ``day`` and the language ``lang``."""
    key = (_period(day), lang)
    tables = _TABLES.get(key)
    if tables is None:
        tables = _TABLES[key] = _Tables()
    return tables


def _condition(step: Step, day: date) -> _Condition:
    node = {
        "condition": step.label,
        "formula": _formula(step),
        "kind": step.kind,
        "grounds": list(step.grounds.at(day)),
        "value": None,
    }
    return step, node


def known_results(determination: Determination) -> dict[str, bool | None]:
    """Rule results established by procedures, for the whole determination."""
    known: dict[str, bool | None] = {}
    for obj in determination.objects.values():
        known.update(obj.rule_results)
    return known


def explain_object(
    obj: ObjectResult,
    determination: Determination,
    lang: str,
    known: dict[str, bool | None] | None = None,
) -> dict[str, Any]:
    """One object: its status, articles and, rule by rule, the conditions and their values.

    A ground or special situation that was checked and does not concern the person is left
    out of the tree (it stays in ``rules_applied``).
    """
    day = determination.eval_date
    known = known_results(determination) if known is None else known
    return _explain_object(obj, day, lang, known, _tables(day, lang))


def _explain_object(
    obj: ObjectResult, day: date, lang: str, known: dict[str, bool | None], tables: _Tables
) -> dict[str, Any]:
    conditions, headers, templates = tables.conditions, tables.headers, tables.templates
    # One pass over the trace: per rule, the meaning of the first step that fired, whether
    # some step is undecided, and the condition nodes (the data of ``_summaries``).
    evaluated: dict[str, list[Any]] = {}
    for step, value, fires in obj.trace:
        static = conditions.get(id(step))
        if static is None:
            static = conditions[id(step)] = _condition(step, day)
        node = static[1].copy()
        node["value"] = None if value is UNKNOWN else value is TRUE
        entry = evaluated.get(step.rule)
        if entry is None:
            entry = evaluated[step.rule] = [None, False, [node]]
        else:
            entry[2].append(node)
        if fires and entry[0] is None:
            entry[0] = step.fires_means or "polarity"
        if value is UNKNOWN:
            entry[1] = True
    # Then the reading of ``rule_met``, inlined: this runs for every rule of every object.
    status = obj.status
    by_status = (
        True if status in POSITIVE_STATUSES else False if status in NEGATIVE_STATUSES else None
    )
    results = obj.rule_results
    by_rule: dict[str, dict[str, Any]] = {}
    for rule_id in obj.rules:
        header = headers.get(rule_id)
        if header is None:
            header = headers[rule_id] = _header(rule_id, day, lang)
        title, citations, polarity, met_text, not_met_text = header
        ground = polarity == "ground"
        summary = evaluated.get(rule_id)
        met: bool | None
        if rule_id in results:
            met = results[rule_id]
        elif polarity == "status":
            met = by_status
        elif summary is None:  # not evaluated in this object
            met = known.get(rule_id, by_status)
        elif summary[0] is not None:  # a step fired: its meaning
            fired = summary[0]
            met = fired == "met" if fired != "polarity" else ground
        elif summary[1]:  # some step undecided
            met = None
        elif ground:  # checked and not found: does not concern the person
            continue
        else:
            met = True
        template = templates.get((rule_id, met))
        if template is None:
            template = templates[rule_id, met] = {
                "rule": rule_id,
                "title": title,
                "citations": None,  # filled below, in every copy
                "conditions": None,
                "met": met,
                # Whether the rule, as it applies, is in the person's favour (None: undecided).
                "favourable": None if met is None else met != ground,
                "text": title if met is None else met_text if met else not_met_text,
            }
        node = by_rule[rule_id] = template.copy()
        node["citations"] = [*citations]
        node["conditions"] = [] if summary is None else summary[2]
    return {
        "object": obj.key,
        "label": _object_label(obj.key, lang),
        "status": status,
        "grounds": obj.grounds,
        "missing_facts": obj.missing_facts,
        "rules": list(by_rule.values()),
    }


def explain(determination: Determination, lang: str = "fr") -> dict[str, Any]:
    """The explanation tree: the legal version, then each object with its rules."""
    known = known_results(determination)
    day = determination.eval_date
    tables = _tables(day, lang)
    return {
        "legal_version": determination.legal_version,
        "objects": [
            _explain_object(obj, day, lang, known, tables) for obj in determination.objects.values()
        ],
    }
