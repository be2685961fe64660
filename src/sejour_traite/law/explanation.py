"""The explanation tree of a determination, in plain words, citing the articles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sejour_traite.law import facts as facts_module
from sejour_traite.law import registry
from sejour_traite.law.logic import UNKNOWN

if TYPE_CHECKING:
    from sejour_traite.law.evaluation import Determination
    from sejour_traite.law.outcomes import ObjectResult

POSITIVE_STATUSES = frozenset(
    {"DE_PLEIN_DROIT", "DISCRETIONNAIRE", "ACTIVE", "PROTECTED", "ELIGIBLE", "ELIGIBLE_TO_APPLY"}
)
NEGATIVE_STATUSES = frozenset({"NON_REMPLI", "EXCLU", "NON_APPLICABLE", "NOT_ELIGIBLE"})


def rule_met(rule: registry.Rule, obj: ObjectResult) -> bool | None:
    """Whether the rule's "met" sentence applies to this object (None: undecided)."""
    if rule.id in obj.rule_results:
        return obj.rule_results[rule.id]
    if rule.polarity == "status":
        if obj.status in POSITIVE_STATUSES:
            return True
        return False if obj.status in NEGATIVE_STATUSES else None
    undecided = False
    evaluated = False
    for step, value, fires in obj.trace:
        if step.rule != rule.id:
            continue
        evaluated = True
        if fires:
            if step.fires_means is not None:
                return step.fires_means == "met"
            return rule.polarity == "ground"
        undecided = undecided or value is UNKNOWN
    if undecided:
        return None
    if not evaluated:
        if obj.status in POSITIVE_STATUSES:
            return True
        return False if obj.status in NEGATIVE_STATUSES else None
    return rule.polarity != "ground"


def _object_label(key: str, lang: str) -> str:
    labels = facts_module.texts().get("_objects") or {}
    return str((labels.get(key) or {}).get(lang) or key)


def explain_object(obj: ObjectResult, determination: Determination, lang: str) -> dict[str, Any]:
    """One object: its status, articles and, rule by rule, the conditions and their values."""
    day = determination.eval_date
    by_rule: dict[str, dict[str, Any]] = {}
    for rule_id in obj.rules:
        rule = registry.get(rule_id)
        by_rule[rule_id] = {
            "rule": rule_id,
            "title": rule.title.get(lang) or rule.title["fr"],
            "citations": [c.label for c in rule.citations_on(day)],
            "conditions": [],
            "met": rule_met(rule, obj),
        }
    for step, value, _fires in obj.trace:
        node = by_rule.get(step.rule)
        if node is None:
            continue
        node["conditions"].append(
            {
                "condition": step.label,
                "formula": step.test.text(),
                "value": value.to_json(),
                "kind": step.kind,
                "grounds": list(step.grounds.at(day)),
            }
        )
    for node in by_rule.values():
        met = node["met"]
        rule = registry.get(node["rule"])
        # Whether the rule, as it applies, is in the person's favour (None: undecided).
        node["favourable"] = None if met is None else met != (rule.polarity == "ground")
        node["text"] = (
            rule.title.get(lang, rule.title["fr"]) if met is None else rule.text(met, lang)
        )
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
    return {
        "legal_version": determination.legal_version,
        "objects": [
            explain_object(obj, determination, lang) for obj in determination.objects.values()
        ],
    }
