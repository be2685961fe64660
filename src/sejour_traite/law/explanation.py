"""The explanation tree of a determination, in plain words, citing the articles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sejour_traite.law import facts as facts_module
from sejour_traite.law import registry
from sejour_traite.law.logic import FALSE, TRUE

if TYPE_CHECKING:
    from sejour_traite.law.evaluation import Determination
    from sejour_traite.law.outcomes import ObjectResult

_AGAINST = {"scope": FALSE, "condition": FALSE, "bar": TRUE, "ground": TRUE}


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
            "met": True,
        }
    for step, value, fires in obj.trace:
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
        if fires and step.kind in _AGAINST:
            node["met"] = False
    for node in by_rule.values():
        node["text"] = registry.get(node["rule"]).text(node["met"], lang)
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
