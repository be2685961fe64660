"""The explanation tree of a determination, in plain words, citing the articles."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sejour_traite.law import facts as facts_module
from sejour_traite.law import registry
from sejour_traite.law.logic import FALSE, TRUE, UNKNOWN
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


@lru_cache(maxsize=65_536)
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


_VALUES = {TRUE: True, FALSE: False, UNKNOWN: None}
_CONDITIONS: dict[tuple[int, int], dict[str, Any]] = {}


def _condition(step: Step, day: date) -> dict[str, Any]:
    """The static part of a condition's node (label, formula, kind, articles of the period)."""
    grounds = step.grounds.at(day)
    key = (id(step), id(grounds))
    node = _CONDITIONS.get(key)
    if node is None:
        node = _CONDITIONS[key] = {
            "condition": step.label,
            "formula": _formula(step),
            "kind": step.kind,
            "grounds": list(grounds),
        }
    return node


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
    summaries = _summaries(obj)
    by_rule: dict[str, dict[str, Any]] = {}
    for rule_id in obj.rules:
        rule = registry.get(rule_id)
        met = rule_met(rule, obj, known, summaries.get(rule_id, (False, None, False)))
        if met is _NOT_CONCERNED:
            continue
        title, citations = _rule_header(rule_id, day, lang)
        by_rule[rule_id] = {
            "rule": rule_id,
            "title": title,
            "citations": list(citations),
            "conditions": [],
            "met": met,
            # Whether the rule, as it applies, is in the person's favour (None: undecided).
            "favourable": None if met is None else met != (rule.polarity == "ground"),
            "text": title if met is None else rule.text(met, lang),
        }
    for step, value, _fires in obj.trace:
        node = by_rule.get(step.rule)
        if node is not None:
            node["conditions"].append({**_condition(step, day), "value": _VALUES[value]})
    return {
        "object": obj.key,
        "label": _object_label(obj.key, lang),
        "status": obj.status,
        "grounds": obj.grounds,
        "missing_facts": obj.missing_facts,
        "rules": list(by_rule.values()),
    }


def explain(determination: Determination, lang: str = "fr") -> dict[str, Any]:
    """The explanation tree: the legal version, then each object with its rules."""
    known = known_results(determination)
    return {
        "legal_version": determination.legal_version,
        "objects": [
            explain_object(obj, determination, lang, known)
            for obj in determination.objects.values()
        ],
    }
