"""Properties of the evaluator (Hypothesis).

Soundness of the three-valued logic: a status decided while some facts are unknown stays
the same for every completion of the unknown facts. The complete random situation is one
such completion of the situation with facts forgotten. Reading of legal-spec §0 adopted:
a right granted (``DE_PLEIN_DROIT``/``DISCRETIONNAIRE``) keeps exactly its status; a
negative status (``NON_REMPLI``, ``EXCLU``, ``NON_APPLICABLE``) stays negative — §0 returns
a condition known to be unmet "even if other facts are unknown", so which negative
status comes first may depend on the unknown facts, never whether the right is open.
"""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sejour_traite.law import evaluate, validate
from sejour_traite.law.expressions import Context
from sejour_traite.law.outcomes import NEGATIVE, POSITIVE
from sejour_traite.law.rules.procedures import reflection_days
from tests.properties.strategies import forgotten, situations

OUTCOMES = (
    "cst",
    "cst_renewal",
    "cst_withdrawal",
    "carte_resident",
    "carte_resident_renewal",
    "reflection_recepisse",
    "eu_residence_card",
    "aps",
    "l432_1_1",
)
DECIDED_EXACTLY = ("reflection", "removal_protection", "scope")
EU_EEA_CH = {"RO", "BG", "HR", "IT", "FR", "NO", "CH"}
PROPERTY = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(data=st.data(), situation=situations())
def test_a_status_decided_with_unknown_facts_holds_for_every_completion(data, situation):
    facts, eval_date = situation
    partial = data.draw(forgotten(facts))

    complete = evaluate(validate(facts), eval_date)
    undecided = evaluate(validate(partial), eval_date)

    for key in OUTCOMES:
        status = undecided.status(key)
        if status in POSITIVE:
            assert complete.status(key) == status, key
        elif status in NEGATIVE:
            assert complete.status(key) in NEGATIVE, key
    # R-INFO-03 / R-MINOR-03: while her date of birth is unknown, a person who declares she
    # is a minor is treated as one (benefit of the doubt). That protection rests on the
    # date of birth being unknown, so learning it may lift it: not a completion to compare.
    benefit_of_the_doubt = "date_of_birth" not in partial and "declared_minor" in partial
    for key in DECIDED_EXACTLY:
        status = undecided.status(key)
        if status != "INDETERMINE" and not (key == "removal_protection" and benefit_of_the_doubt):
            assert complete.status(key) == status, key


@PROPERTY
@given(situation=situations())
def test_an_eu_eea_or_swiss_national_never_gets_a_cst_under_this_regime(situation):
    facts, eval_date = situation
    facts["nationality"] = "IT"

    determination = evaluate(validate(facts), eval_date)

    for key in ("cst", "cst_renewal", "carte_resident"):
        assert determination.status(key) not in POSITIVE


@PROPERTY
@given(situation=situations())
def test_no_cst_without_a_complaint_or_a_testimony(situation):
    facts, eval_date = situation
    facts["complaint"] = {"kind": "none"}
    facts["testimony"] = "none"

    determination = evaluate(validate(facts), eval_date)

    assert determination.status("cst") not in POSITIVE
    assert determination.status("cst_renewal") not in POSITIVE


@PROPERTY
@given(data=st.data(), situation=situations())
def test_a_reflection_period_never_lasts_more_than_30_days(data, situation):
    facts, eval_date = data.draw(st.just(situation))
    partial = data.draw(forgotten(facts))

    determination = evaluate(validate(partial), eval_date).to_json(explain=False)

    period = determination["reflection"]
    if "start" in period and "end" in period:
        length = date.fromisoformat(period["end"]) - date.fromisoformat(period["start"])
        days = reflection_days(Context({}, eval_date, {}))
        assert 0 <= length.days <= (days or 0) <= 30
    if "valid_until" in determination["reflection_recepisse"]:
        validity = date.fromisoformat(determination["reflection_recepisse"]["valid_until"])
        assert (validity - eval_date).days <= 30


@settings(max_examples=150, deadline=None)
@given(situation=situations())
def test_the_explanation_covers_every_object_and_cites_each_rule(situation):
    facts, eval_date = situation

    data = evaluate(validate(facts), eval_date).to_json()

    explained = {node["object"] for node in data["explanation"]["objects"]}
    assert {"cst", "reflection", "carte_resident"} <= explained
    for node in data["explanation"]["objects"]:
        for rule in node["rules"]:
            assert rule["citations"], rule["rule"]
            assert rule["text"]


def test_eu_members_fixture_matches_the_strategy():
    assert {"RO", "BG", "HR", "IT", "FR"} <= EU_EEA_CH
