"""Withdrawal of the CST: R-WITHDRAW-01 to R-WITHDRAW-03 (legal-spec.md §3.7)."""

from __future__ import annotations

from typing import Any

from conftest import at, document, evaluate_on, situation


def holder(valid_from: str, valid_until: str, **overrides: Any) -> dict[str, Any]:
    """She holds a CST issued on her complaint; the procedure is under way."""
    return situation(current_document=document("cst", valid_from, valid_until), **overrides)


# --- R-WITHDRAW-01: specific withdrawal grounds --------------------------------------------


def test_holder_who_renews_ties_with_the_exploiter_may_have_her_cst_withdrawn_under_r316_4():
    facts = holder("2012-01-01", "2012-12-31", ties_renewed_on_own_initiative_date="2012-05-15")

    determination = evaluate_on("2012-07-01", facts)

    assert determination.status("cst_withdrawal") == "DISCRETIONNAIRE"
    assert "R316-4" in at(determination, "cst_withdrawal.grounds")
    assert "R-WITHDRAW-01" in determination.rules_applied


def test_ties_renewed_on_the_day_the_card_became_valid_are_a_withdrawal_ground():
    facts = holder("2012-01-01", "2012-12-31", ties_renewed_on_own_initiative_date="2012-01-01")

    determination = evaluate_on("2012-07-01", facts)

    assert determination.status("cst_withdrawal") == "DISCRETIONNAIRE"
    assert "R-WITHDRAW-01" in determination.rules_applied


def test_ties_renewed_the_day_before_the_card_became_valid_are_no_withdrawal_ground():
    facts = holder("2012-01-01", "2012-12-31", ties_renewed_on_own_initiative_date="2011-12-31")

    determination = evaluate_on("2012-07-01", facts)

    assert determination.status("cst_withdrawal") != "DISCRETIONNAIRE"
    assert "R-WITHDRAW-01" in determination.rules_applied


def test_holder_whose_complaint_was_found_false_may_have_her_cst_withdrawn():
    facts = holder("2017-10-01", "2018-09-30", complaint_found_false_or_unfounded=True)

    determination = evaluate_on("2018-04-01", facts)

    assert determination.status("cst_withdrawal") == "DISCRETIONNAIRE"
    assert determination.status("carte_resident") == "NON_REMPLI"
    assert "R-WITHDRAW-01" in determination.rules_applied


def test_holder_who_became_a_threat_may_have_her_cst_withdrawn_under_l432_4():
    facts = holder("2022-01-01", "2022-12-31", public_order_threat="threat")

    determination = evaluate_on("2022-07-01", facts)

    assert determination.status("cst_withdrawal") == "DISCRETIONNAIRE"
    assert "L432-4" in at(determination, "cst_withdrawal.grounds")
    assert "R-WITHDRAW-01" in determination.rules_applied


def test_holder_with_no_withdrawal_ground_keeps_her_cst():
    facts = holder("2022-01-01", "2022-12-31")

    determination = evaluate_on("2022-07-01", facts)

    assert determination.status("cst_withdrawal") == "NON_REMPLI"
    assert {"R-WITHDRAW-01", "R-WITHDRAW-02"} <= set(determination.rules_applied)


def test_unknown_finding_on_the_complaint_leaves_the_withdrawal_indeterminate():
    facts = holder("2022-01-01", "2022-12-31", complaint_found_false_or_unfounded=None)

    determination = evaluate_on("2022-07-01", facts)

    assert determination.status("cst_withdrawal") == "INDETERMINE"
    assert "complaint_found_false_or_unfounded" in at(determination, "cst_withdrawal.missing_facts")
    assert "R-WITHDRAW-01" in determination.rules_applied


def test_one_withdrawal_ground_known_is_enough_whatever_the_unknown_others():
    facts = holder(
        "2022-01-01",
        "2022-12-31",
        ties_renewed_on_own_initiative_date="2022-03-01",
        complaint_found_false_or_unfounded=None,
        public_order_threat=None,
    )

    determination = evaluate_on("2022-07-01", facts)

    assert determination.status("cst_withdrawal") == "DISCRETIONNAIRE"
    assert "R-WITHDRAW-01" in determination.rules_applied


# --- R-WITHDRAW-02: ceasing to cooperate, facts not real ------------------------------------


def test_holder_who_stops_cooperating_may_have_her_cst_withdrawn_in_2010():
    facts = holder("2010-03-02", "2011-03-01", cooperation_ceased=True)

    determination = evaluate_on("2010-11-01", facts)

    assert determination.status("cst_withdrawal") == "DISCRETIONNAIRE"
    assert "R311-14 8°" in at(determination, "cst_withdrawal.grounds")
    assert "R-WITHDRAW-02" in determination.rules_applied


def test_holder_who_stops_cooperating_after_the_recodification_falls_under_l432_5():
    facts = holder("2022-01-01", "2022-12-31", cooperation_ceased=True)

    determination = evaluate_on("2022-07-01", facts)

    assert determination.status("cst_withdrawal") == "DISCRETIONNAIRE"
    assert "L432-5" in at(determination, "cst_withdrawal.grounds")
    assert "R-WITHDRAW-02" in determination.rules_applied


def test_questioned_reality_of_the_facts_allows_a_withdrawal():
    facts = holder("2022-01-01", "2022-12-31", reality_of_facts_questioned=True)

    determination = evaluate_on("2022-07-01", facts)

    assert determination.status("cst_withdrawal") == "DISCRETIONNAIRE"
    assert "R-WITHDRAW-02" in determination.rules_applied


# --- R-WITHDRAW-03: after refusal or withdrawal ----------------------------------------------


def test_other_bases_are_examined_before_a_removal_when_the_cst_may_be_withdrawn():
    facts = holder("2012-01-01", "2012-12-31", ties_renewed_on_own_initiative_date="2012-05-15")

    determination = evaluate_on("2012-07-01", facts)

    assert determination.status("cst_withdrawal") == "DISCRETIONNAIRE"
    assert "R-WITHDRAW-03" in determination.rules_applied


def test_holder_who_became_a_threat_in_2019_may_have_her_cst_withdrawn_under_r316_4():
    facts = holder("2019-01-01", "2019-12-31", public_order_threat="threat")

    determination = evaluate_on("2019-07-01", facts)

    assert determination.status("cst_withdrawal") == "DISCRETIONNAIRE"
    assert "R316-4" in at(determination, "cst_withdrawal.grounds")
    assert "R-WITHDRAW-01" in determination.rules_applied
