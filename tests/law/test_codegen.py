"""The generated evaluation of each outcome agrees with the reference loop over its steps."""

from __future__ import annotations

import pytest
from tests.law.generated import situations as generated_situations

from sejour_traite.law import derived, readings
from sejour_traite.law.expressions import Context, Derived, Node, derived_in
from sejour_traite.law.outcomes import ObjectResult, evaluate_outcome, interpret_outcome
from sejour_traite.law.rules import all_outcomes
from sejour_traite.law.rules import procedures as p


def _state(result: ObjectResult) -> tuple:
    return (
        result.status,
        result.grounds,
        result.missing_facts,
        result.flags,
        result.actions,
        result.rules,
        result.guidance,
        result.confidence,
        result.extra,
        result.rule_results,
        [(id(step), value, fires) for step, value, fires in result.trace],
    )


@pytest.mark.parametrize("outcome", all_outcomes(), ids=lambda outcome: outcome.key)
def test_generated_outcome_gives_the_same_result_as_the_reference_loop(outcome):
    situations = generated_situations(400, seed=7)
    chosen = readings.resolve({"OQ-09": "cap_applies", "OQ-04": "de_plein_droit"})

    for facts, day in situations:
        for reading in (readings.defaults(), chosen):
            generated = evaluate_outcome(outcome, Context(facts, day, reading))
            reference = interpret_outcome(outcome, Context(facts, day, reading))

            assert _state(generated) == _state(reference), (outcome.key, day)


def test_every_outcome_keeps_its_generated_source_for_reading():
    for outcome in all_outcomes():
        assert outcome.source.startswith(f"def evaluate_{outcome.key}(ctx):")


def _named_predicates() -> list[Derived]:
    roots = [v for v in (*vars(derived).values(), *vars(p).values()) if isinstance(v, Node)]
    for outcome in all_outcomes():
        for step in outcome.steps:
            roots.extend(node for node in (step.test, step.when, step.unless) if node is not None)
    found: dict[str, Derived] = {}
    for root in roots:
        for node in derived_in(root):
            found.setdefault(node.name, node)
    return list(found.values())


def test_generated_named_predicates_give_the_same_values_as_their_closures():
    predicates = _named_predicates()
    situations = generated_situations(400, seed=7)
    chosen = readings.defaults()

    assert len(predicates) > 30
    for facts, day in situations:
        generated_ctx, reference_ctx = Context(facts, day, chosen), Context(facts, day, chosen)
        for predicate in predicates:
            generated = predicate.ev(generated_ctx)
            reference = predicate.reference()(reference_ctx)

            assert generated is reference, (predicate.name, day)
