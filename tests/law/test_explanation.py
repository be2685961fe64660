"""The explanation tree applies the reference reading of each rule (``rule_met``)."""

from __future__ import annotations

from tests.law.generated import situations as generated_situations

from sejour_traite.law import evaluate, registry
from sejour_traite.law.explanation import _NOT_CONCERNED, explain, known_results, rule_met


def test_every_rule_of_the_tree_is_met_as_the_reference_reading_says():
    for facts, day in generated_situations(400, seed=11):
        determination = evaluate(facts, day)
        known = known_results(determination)

        tree = explain(determination)

        for obj, node in zip(determination.objects.values(), tree["objects"], strict=True):
            expected = {}
            for rule_id in obj.rules:
                met = rule_met(registry.get(rule_id), obj, known)
                if met is not _NOT_CONCERNED:
                    expected[rule_id] = met
            actual = {rule["rule"]: rule["met"] for rule in node["rules"]}
            assert actual == expected, (obj.key, day)
            conditions = sum(len(rule["conditions"]) for rule in node["rules"])
            traced = sum(1 for step, _, _ in obj.trace if step.rule in expected)
            assert conditions == traced, (obj.key, day)
