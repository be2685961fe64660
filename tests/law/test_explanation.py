"""The explanation tree applies the reference reading of each rule (``rule_met``)."""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path

from sejour_traite.law import evaluate, registry, validate
from sejour_traite.law.explanation import _NOT_CONCERNED, explain, known_results, rule_met

GENERATE = Path(__file__).resolve().parents[2] / "bench" / "generate.py"


def _situations(count: int) -> list:
    spec = importlib.util.spec_from_file_location("bench_generate", GENERATE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rng = random.Random(11)
    return [(validate(facts), day) for facts, day in (module.situation(rng) for _ in range(count))]


def test_every_rule_of_the_tree_is_met_as_the_reference_reading_says():
    for facts, day in _situations(400):
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
