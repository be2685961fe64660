"""Reflection period: R-REFLEXION-01 to R-REFLEXION-08 (legal-spec.md §3.3)."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import NO_COMPLAINT, at, evaluate_on, given_testimony, penal_complaint, situation


def reflection_case(delivered: str | None, **overrides: Any) -> dict[str, Any]:
    """She asked for the period, was referred by the police with a photo, and got the
    récépissé on ``delivered``; no complaint and no testimony unless overridden (§6)."""
    base = {
        "reflection_requested": True,
        "police_referral_to_prefecture": True,
        "photo_provided": True,
        "reflection_recepisse_delivery_date": delivered,
        "complaint": NO_COMPLAINT,
        "testimony": "none",
    }
    return situation(**{**base, **overrides})


# --- R-REFLEXION-01: entitlement to the récépissé -----------------------------------------


def test_informed_person_who_asks_and_is_referred_gets_the_recepisse_de_plein_droit():
    facts = reflection_case(
        None,
        nationality="CN",
        information_given_date="2009-05-29",
        documents_provided=["photo"],
    )

    determination = evaluate_on("2009-06-01", facts)

    assert determination.status("reflection_recepisse") == "DE_PLEIN_DROIT"
    assert at(determination, "reflection_recepisse.validity_days") == 30
    assert at(determination, "reflection_recepisse.valid_until") == "2009-07-01"
    assert at(determination, "reflection_recepisse.file_instruction_required") is False
    assert "R-REFLEXION-01" in determination.rules_applied


def test_unknown_police_referral_leaves_the_recepisse_indeterminate():
    facts = reflection_case(None, police_referral_to_prefecture=None)

    determination = evaluate_on("2009-06-01", facts)

    assert determination.status("reflection_recepisse") == "INDETERMINE"
    assert "police_referral_to_prefecture" in at(
        determination, "reflection_recepisse.missing_facts"
    )
    assert "R-REFLEXION-01" in determination.rules_applied


def test_no_police_referral_leaves_the_recepisse_indeterminate_pending_the_police():
    facts = reflection_case(None, police_referral_to_prefecture=False)

    determination = evaluate_on("2022-06-01", facts)

    assert determination.status("reflection_recepisse") == "INDETERMINE"
    assert "R-REFLEXION-01" in determination.rules_applied


def test_person_who_did_not_ask_for_the_period_is_not_entitled_to_the_recepisse():
    facts = reflection_case(None, reflection_requested=False)

    determination = evaluate_on("2022-06-01", facts)

    assert determination.status("reflection_recepisse") == "NON_REMPLI"
    assert "R-REFLEXION-01" in determination.rules_applied


def test_person_not_informed_of_the_period_is_not_entitled_to_the_recepisse():
    facts = reflection_case(None, information_given_date="none")

    determination = evaluate_on("2022-06-01", facts)

    assert determination.status("reflection_recepisse") == "NON_REMPLI"
    assert "R-REFLEXION-01" in determination.rules_applied


def test_information_given_the_day_after_the_evaluation_date_does_not_yet_open_the_recepisse():
    facts = reflection_case(None, information_given_date="2022-06-02")

    determination = evaluate_on("2022-06-01", facts)

    assert determination.status("reflection_recepisse") == "NON_REMPLI"
    assert "R-REFLEXION-01" in determination.rules_applied


def test_recepisse_needs_a_photo():
    facts = reflection_case(None, photo_provided=False)

    determination = evaluate_on("2022-06-01", facts)

    assert determination.status("reflection_recepisse") == "NON_REMPLI"
    assert "R-REFLEXION-01" in determination.rules_applied


def test_reflection_recepisse_needs_no_republican_contract():
    facts = reflection_case(None, contrat_republique_signed=False)

    determination = evaluate_on("2024-08-01", facts)

    assert determination.status("reflection_recepisse") == "DE_PLEIN_DROIT"
    assert "R-REFLEXION-01" in determination.rules_applied


# --- R-REFLEXION-02: start, end and status ------------------------------------------------


def test_period_is_active_on_the_day_of_delivery():
    facts = reflection_case("2022-03-01")

    determination = evaluate_on("2022-03-01", facts)

    assert determination.status("reflection") == "ACTIVE"
    assert at(determination, "reflection.start") == "2022-03-01"
    assert "R-REFLEXION-02" in determination.rules_applied


def test_period_is_active_on_day_30_which_is_its_last_day():
    facts = reflection_case("2022-03-01", nationality="NG")

    determination = evaluate_on("2022-03-31", facts)

    assert determination.status("reflection") == "ACTIVE"
    assert at(determination, "reflection.end") == "2022-03-31"
    assert determination.status("removal_protection") == "PROTECTED"
    assert {"R-REFLEXION-01", "R-REFLEXION-02", "R-REFLEXION-06"} <= set(
        determination.rules_applied
    )


def test_period_has_expired_on_day_31():
    facts = reflection_case("2022-03-01")

    determination = evaluate_on("2022-04-01", facts)

    assert determination.status("reflection") == "EXPIRED"
    assert at(determination, "reflection.end") == "2022-03-31"
    assert "R-REFLEXION-02" in determination.rules_applied


def test_period_has_not_started_the_day_before_delivery():
    facts = reflection_case("2022-03-01")

    determination = evaluate_on("2022-02-28", facts)

    assert determination.status("reflection") == "NOT_STARTED"
    assert "R-REFLEXION-02" in determination.rules_applied


@pytest.mark.parametrize(
    ("delivered", "last_day"),
    [
        ("2024-01-30", "2024-02-29"),  # leap year: ends on 29 February
        ("2023-01-30", "2023-03-01"),  # common year: 28 February is not the end
        ("2024-02-01", "2024-03-02"),
        ("2023-02-01", "2023-03-03"),
    ],
)
def test_period_counts_30_calendar_days_across_february(delivered, last_day):
    facts = reflection_case(delivered)

    determination = evaluate_on(last_day, facts)

    assert determination.status("reflection") == "ACTIVE"
    assert at(determination, "reflection.end") == last_day
    assert "R-REFLEXION-02" in determination.rules_applied


def test_period_delivered_on_30_january_2024_has_expired_on_1_march_2024():
    facts = reflection_case("2024-01-30")

    determination = evaluate_on("2024-03-01", facts)

    assert determination.status("reflection") == "EXPIRED"
    assert "R-REFLEXION-02" in determination.rules_applied


def test_complaint_on_day_10_ends_the_period_by_cooperation():
    facts = reflection_case(
        "2022-03-01",
        nationality="CM",
        complaint=penal_complaint("2022-03-11"),
        application={"kind": "first_cst", "filing_date": "2022-03-14"},
    )

    determination = evaluate_on("2022-03-20", facts)

    assert determination.status("reflection") == "ENDED_BY_COOPERATION"
    assert at(determination, "reflection.end") == "2022-03-11"
    assert determination.status("cst") == "DE_PLEIN_DROIT"
    assert {"R-REFLEXION-02", "R-REFLEXION-04"} <= set(determination.rules_applied)


def test_period_ends_by_cooperation_on_the_day_of_the_complaint_itself():
    facts = reflection_case("2022-03-01", complaint=penal_complaint("2022-03-11"))

    determination = evaluate_on("2022-03-11", facts)

    assert determination.status("reflection") == "ENDED_BY_COOPERATION"
    assert "R-REFLEXION-02" in determination.rules_applied


def test_period_is_still_active_the_day_before_a_later_complaint():
    facts = reflection_case("2022-03-01", complaint=penal_complaint("2022-03-11"))

    determination = evaluate_on("2022-03-10", facts)

    assert determination.status("reflection") == "ACTIVE"
    assert "R-REFLEXION-02" in determination.rules_applied


def test_testimony_during_the_period_ends_it_by_cooperation():
    facts = reflection_case(
        "2022-03-01",
        testimony=given_testimony("2022-03-05"),
        criminal_procedure_status="prosecution",
    )

    determination = evaluate_on("2022-03-20", facts)

    assert determination.status("reflection") == "ENDED_BY_COOPERATION"
    assert at(determination, "reflection.end") == "2022-03-05"
    assert "R-REFLEXION-02" in determination.rules_applied


def test_complaint_on_day_30_ends_the_period_that_same_day():
    facts = reflection_case("2022-03-01", complaint=penal_complaint("2022-03-31"))

    determination = evaluate_on("2022-04-05", facts)

    assert determination.status("reflection") == "ENDED_BY_COOPERATION"
    assert at(determination, "reflection.end") == "2022-03-31"
    assert "R-REFLEXION-02" in determination.rules_applied


def test_complaint_on_day_31_comes_after_the_period_has_expired():
    facts = reflection_case("2022-03-01", complaint=penal_complaint("2022-04-01"))

    determination = evaluate_on("2022-04-05", facts)

    assert determination.status("reflection") == "EXPIRED"
    assert at(determination, "reflection.end") == "2022-03-31"
    assert "R-REFLEXION-02" in determination.rules_applied


def test_complaint_filed_before_the_recepisse_does_not_end_the_period():
    facts = reflection_case("2022-03-01", complaint=penal_complaint("2022-02-20"))

    determination = evaluate_on("2022-03-10", facts)

    assert determination.status("reflection") == "ACTIVE"
    assert at(determination, "reflection.end") == "2022-03-31"
    assert "R-REFLEXION-02" in determination.rules_applied


def test_civil_action_does_not_end_the_period():
    facts = reflection_case(
        "2022-03-01",
        complaint={"filed_date": "2022-03-05", "kind": "civil_only", "offences": ["225-4-1"]},
    )

    determination = evaluate_on("2022-03-10", facts)

    assert determination.status("reflection") == "ACTIVE"
    assert "R-REFLEXION-02" in determination.rules_applied


def test_interruption_decision_interrupts_the_period_on_its_date():
    facts = reflection_case(
        "2023-06-01",
        ties_renewed_on_own_initiative_date="2023-06-12",
        reflection_interruption_decision_date="2023-06-14",
    )

    determination = evaluate_on("2023-06-20", facts)

    assert determination.status("reflection") == "INTERRUPTED"
    assert at(determination, "reflection.end") == "2023-06-14"
    assert determination.status("removal_protection") == "NOT_PROTECTED"
    assert {"R-REFLEXION-02", "R-REFLEXION-05", "R-REFLEXION-06"} <= set(
        determination.rules_applied
    )


def test_period_is_active_the_day_before_the_interruption_decision():
    facts = reflection_case(
        "2023-06-01",
        ties_renewed_on_own_initiative_date="2023-06-12",
        reflection_interruption_decision_date="2023-06-14",
    )

    determination = evaluate_on("2023-06-13", facts)

    assert determination.status("reflection") == "ACTIVE"
    assert "R-REFLEXION-02" in determination.rules_applied


def test_complaint_before_the_interruption_decision_ends_the_period_by_cooperation():
    facts = reflection_case(
        "2023-06-01",
        complaint=penal_complaint("2023-06-05"),
        reflection_interruption_decision_date="2023-06-14",
    )

    determination = evaluate_on("2023-06-20", facts)

    assert determination.status("reflection") == "ENDED_BY_COOPERATION"
    assert at(determination, "reflection.end") == "2023-06-05"
    assert "R-REFLEXION-02" in determination.rules_applied


def test_interruption_decision_after_the_nominal_end_is_ignored():
    facts = reflection_case("2023-06-01", reflection_interruption_decision_date="2023-07-05")

    determination = evaluate_on("2023-07-10", facts)

    assert determination.status("reflection") == "EXPIRED"
    assert at(determination, "reflection.end") == "2023-07-01"
    assert "R-REFLEXION-02" in determination.rules_applied


def test_no_recepisse_and_no_police_referral_gives_a_non_applicable_period():
    facts = reflection_case(
        "none",
        nationality="PH",
        police_hearing_date="none",
        information_given_date="none",
        police_referral_to_prefecture=False,
        testimony=None,
    )

    determination = evaluate_on("2022-02-01", facts)

    assert determination.status("reflection") == "NON_APPLICABLE"
    assert "R-REFLEXION-02" in determination.rules_applied


def test_requested_and_referred_period_not_yet_delivered_has_not_started():
    facts = reflection_case("none")

    determination = evaluate_on("2022-02-01", facts)

    assert determination.status("reflection") == "NOT_STARTED"
    assert "R-REFLEXION-02" in determination.rules_applied


def test_unknown_delivery_date_leaves_the_status_of_the_period_open():
    facts = reflection_case(None)

    determination = evaluate_on("2022-02-01", facts)

    assert determination.status("reflection") in (None, "INDETERMINE")
    assert "reflection_recepisse_delivery_date" in determination.missing_facts
    assert "R-REFLEXION-02" in determination.rules_applied


def test_unknown_complaint_leaves_the_status_open_during_the_period():
    facts = reflection_case("2022-03-01", complaint=None)

    determination = evaluate_on("2022-03-10", facts)

    assert determination.status("reflection") in (None, "INDETERMINE")
    assert "complaint" in at(determination, "reflection.missing_facts")
    assert "R-REFLEXION-02" in determination.rules_applied


def test_unknown_complaint_does_not_matter_before_the_period_starts():
    facts = reflection_case("2022-03-01", complaint=None)

    determination = evaluate_on("2022-02-28", facts)

    assert determination.status("reflection") == "NOT_STARTED"
    assert "R-REFLEXION-02" in determination.rules_applied


# --- R-REFLEXION-03: not renewable ---------------------------------------------------------


def test_reflection_period_is_not_renewable_for_the_same_facts():
    facts = reflection_case(None, previous_reflection_period_for_same_facts=True)

    determination = evaluate_on("2022-06-01", facts)

    assert determination.status("reflection_recepisse") == "NON_REMPLI"
    assert "R-REFLEXION-03" in determination.rules_applied


def test_person_refused_a_second_period_may_still_obtain_the_cst():
    facts = reflection_case(
        None,
        previous_reflection_period_for_same_facts=True,
        complaint=penal_complaint("2022-05-20"),
    )

    determination = evaluate_on("2022-06-01", facts)

    assert determination.status("reflection_recepisse") == "NON_REMPLI"
    assert determination.status("cst") == "DE_PLEIN_DROIT"
    assert {"R-REFLEXION-03", "R-REFLEXION-04"} <= set(determination.rules_applied)


# --- R-REFLEXION-04: the CST does not depend on the period --------------------------------


@pytest.mark.parametrize(
    ("delivered", "complaint_date", "eval_date", "period"),
    [
        ("2022-02-20", "2022-02-10", "2022-03-01", "ACTIVE"),
        ("2022-01-03", "2022-03-01", "2022-03-10", "EXPIRED"),
        ("2022-03-01", "2022-03-05", "2022-03-10", "ENDED_BY_COOPERATION"),
    ],
)
def test_cst_is_de_plein_droit_whatever_the_state_of_the_reflection_period(
    delivered, complaint_date, eval_date, period
):
    facts = reflection_case(delivered, complaint=penal_complaint(complaint_date))

    determination = evaluate_on(eval_date, facts)

    assert determination.status("reflection") == period
    assert determination.status("cst") == "DE_PLEIN_DROIT"
    assert "R-REFLEXION-04" in determination.rules_applied


# --- R-REFLEXION-05: interruption ---------------------------------------------------------


def test_ties_renewed_during_the_period_allow_a_discretionary_interruption():
    facts = reflection_case("2023-06-01", ties_renewed_on_own_initiative_date="2023-06-12")

    determination = evaluate_on("2023-06-13", facts)

    assert determination.status("reflection") == "ACTIVE"
    assert determination.status("reflection_interruption") == "DISCRETIONNAIRE"
    assert determination.status("removal_protection") == "PROTECTED"
    assert "R-REFLEXION-05" in determination.rules_applied


def test_ties_renewed_on_day_30_still_allow_the_interruption():
    facts = reflection_case("2023-06-01", ties_renewed_on_own_initiative_date="2023-07-01")

    determination = evaluate_on("2023-07-01", facts)

    assert determination.status("reflection_interruption") == "DISCRETIONNAIRE"
    assert "R-REFLEXION-05" in determination.rules_applied


def test_ties_renewed_before_the_period_are_not_an_interruption_ground():
    facts = reflection_case("2023-06-01", ties_renewed_on_own_initiative_date="2023-05-20")

    determination = evaluate_on("2023-06-13", facts)

    assert determination.status("reflection_interruption") != "DISCRETIONNAIRE"
    assert "R-REFLEXION-05" in determination.rules_applied


def test_serious_threat_to_public_order_allows_a_discretionary_interruption():
    facts = reflection_case("2023-06-01", public_order_threat="serious_threat")

    determination = evaluate_on("2023-06-13", facts)

    assert determination.status("reflection_interruption") == "DISCRETIONNAIRE"
    assert "R-REFLEXION-05" in determination.rules_applied


def test_threat_that_is_not_serious_is_no_ground_to_interrupt_the_period():
    facts = reflection_case("2023-06-01", public_order_threat="threat")

    determination = evaluate_on("2023-06-13", facts)

    assert determination.status("reflection_interruption") == "NON_FONDEE"
    assert "R-REFLEXION-05" in determination.rules_applied


def test_no_ties_renewed_and_no_threat_give_no_interruption_ground():
    facts = reflection_case("2023-06-01")

    determination = evaluate_on("2023-06-13", facts)

    assert determination.status("reflection_interruption") != "DISCRETIONNAIRE"
    assert "R-REFLEXION-05" in determination.rules_applied


# --- R-REFLEXION-06: protection from removal ----------------------------------------------


def test_oqtf_taken_during_the_period_is_illegal():
    facts = reflection_case("2023-02-01", removal_decision={"type": "OQTF", "date": "2023-02-10"})

    determination = evaluate_on("2023-02-10", facts)

    assert determination.status("reflection") == "ACTIVE"
    assert at(determination, "removal_decision.legality") == "ILLEGAL"
    assert "R-REFLEXION-06" in determination.rules_applied


def test_oqtf_taken_before_the_period_but_enforced_during_it_is_illegal():
    facts = reflection_case(
        "2023-02-01",
        removal_decision={"type": "OQTF", "date": "2023-01-20", "enforced_date": "2023-02-05"},
    )

    determination = evaluate_on("2023-02-10", facts)

    assert at(determination, "removal_decision.legality") == "ILLEGAL"
    assert "R-REFLEXION-06" in determination.rules_applied


def test_aprf_taken_during_the_period_in_2010_is_illegal():
    facts = reflection_case("2010-03-01", removal_decision={"type": "APRF", "date": "2010-03-05"})

    determination = evaluate_on("2010-03-05", facts)

    assert at(determination, "removal_decision.legality") == "ILLEGAL"
    assert "R-REFLEXION-06" in determination.rules_applied


def test_oqtf_taken_on_day_31_is_not_illegal_for_the_reflection_period():
    facts = reflection_case("2023-02-01", removal_decision={"type": "OQTF", "date": "2023-03-04"})

    determination = evaluate_on("2023-03-04", facts)

    assert determination.status("reflection") == "EXPIRED"
    assert at(determination, "removal_decision.legality") != "ILLEGAL"
    assert determination.status("removal_protection") == "NOT_PROTECTED"
    assert "R-REFLEXION-06" in determination.rules_applied


def test_expulsion_order_is_not_covered_by_the_protection_of_the_period():
    facts = reflection_case(
        "2023-02-01", removal_decision={"type": "EXPULSION", "date": "2023-02-10"}
    )

    determination = evaluate_on("2023-02-10", facts)

    assert at(determination, "removal_decision.legality") != "ILLEGAL"
    assert "R-REFLEXION-06" in determination.rules_applied


def test_adult_is_not_protected_before_the_period_starts():
    facts = reflection_case("2023-02-01")

    determination = evaluate_on("2023-01-31", facts)

    assert determination.status("removal_protection") == "NOT_PROTECTED"
    assert "R-REFLEXION-06" in determination.rules_applied


def test_judicial_itf_during_the_period_is_referred_to_the_procureur():
    facts = reflection_case("2009-10-01", judicial_itf_in_force=True)

    determination = evaluate_on("2009-10-10", facts)

    assert determination.status("reflection") == "ACTIVE"
    assert determination.status("removal_protection") == "PROTECTED"
    assert determination.status("itf_execution") == "DISCRETIONNAIRE"
    assert "R-REFLEXION-06" in determination.rules_applied


# --- R-REFLEXION-07: rights during the period ---------------------------------------------


def test_recepisse_holder_may_work_has_social_support_and_ame_in_2010():
    facts = reflection_case("2010-03-01")

    determination = evaluate_on("2010-03-10", facts)

    assert at(determination, "reflection_recepisse.work_authorised") is True
    assert at(determination, "reflection.social_support") is True
    assert at(determination, "health.kind") == "AME"
    assert at(determination, "allowance.kind") == "ATA"
    assert at(determination, "allowance.status") == "ELIGIBLE_TO_APPLY"
    assert {"R-REFLEXION-07", "R-SOCIAL-02"} <= set(determination.rules_applied)


def test_recepisse_holder_may_apply_for_the_ata_until_31_october_2015():
    facts = reflection_case("2015-10-20")

    determination = evaluate_on("2015-10-31", facts)

    assert at(determination, "allowance.kind") == "ATA"
    assert at(determination, "allowance.status") == "ELIGIBLE_TO_APPLY"
    assert "R-REFLEXION-07" in determination.rules_applied


def test_allowance_during_the_period_is_indeterminate_from_1_november_2015():
    facts = reflection_case("2015-10-20")

    determination = evaluate_on("2015-11-01", facts)

    assert at(determination, "allowance.status") == "INDETERMINE"
    assert "OQ_03" in determination.flags
    assert "R-REFLEXION-07" in determination.rules_applied


def test_recepisse_holder_in_2023_may_work_with_ame_and_an_indeterminate_allowance():
    facts = reflection_case("2023-03-01")

    determination = evaluate_on("2023-03-10", facts)

    assert at(determination, "reflection_recepisse.work_authorised") is True
    assert at(determination, "health.kind") == "AME"
    assert at(determination, "allowance.status") == "INDETERMINE"
    assert "R-REFLEXION-07" in determination.rules_applied


# --- R-REFLEXION-08: the period is optional -----------------------------------------------


def test_informed_person_who_cooperates_at_once_without_the_period_is_not_requested():
    facts = reflection_case(
        "none",
        nationality="BR",
        reflection_requested=False,
        complaint=penal_complaint("2023-04-04"),
        application={"kind": "first_cst", "filing_date": "2023-04-05"},
    )

    determination = evaluate_on("2023-04-20", facts)

    assert determination.status("reflection") == "NOT_REQUESTED"
    assert determination.status("cst") == "DE_PLEIN_DROIT"
    assert at(determination, "cst.duration_months") == 12
    assert {"R-REFLEXION-08", "R-CST-02"} <= set(determination.rules_applied)


def test_person_never_informed_cannot_have_declined_the_period():
    facts = reflection_case(
        "none",
        information_given_date="none",
        reflection_requested=False,
        complaint=penal_complaint("2023-04-04"),
    )

    determination = evaluate_on("2023-04-20", facts)

    assert determination.status("reflection") != "NOT_REQUESTED"
    assert "R-REFLEXION-08" in determination.rules_applied


def test_complaint_after_the_interruption_decision_leaves_the_period_interrupted():
    facts = reflection_case(
        "2023-06-01",
        ties_renewed_on_own_initiative_date="2023-06-12",
        reflection_interruption_decision_date="2023-06-14",
        complaint=penal_complaint("2023-06-20"),
    )

    determination = evaluate_on("2023-06-25", facts)

    assert determination.status("reflection") == "INTERRUPTED"
    assert at(determination, "reflection.end") == "2023-06-14"
    assert "R-REFLEXION-02" in determination.rules_applied


def test_complaint_on_the_day_of_the_interruption_decision_ends_the_period_by_cooperation():
    facts = reflection_case(
        "2023-06-01",
        ties_renewed_on_own_initiative_date="2023-06-12",
        reflection_interruption_decision_date="2023-06-14",
        complaint=penal_complaint("2023-06-14"),
    )

    determination = evaluate_on("2023-06-25", facts)

    assert determination.status("reflection") == "ENDED_BY_COOPERATION"
    assert at(determination, "reflection.end") == "2023-06-14"
    assert "R-REFLEXION-02" in determination.rules_applied


def test_ties_renewed_after_a_complaint_ended_the_period_are_no_interruption_ground():
    facts = reflection_case(
        "2023-06-01",
        complaint=penal_complaint("2023-06-05"),
        ties_renewed_on_own_initiative_date="2023-06-12",
    )

    determination = evaluate_on("2023-06-13", facts)

    assert determination.status("reflection_interruption") != "DISCRETIONNAIRE"
    assert "R-REFLEXION-05" in determination.rules_applied


def test_unknown_renewal_of_ties_leaves_the_interruption_indeterminate():
    facts = reflection_case("2023-06-01", ties_renewed_on_own_initiative_date=None)

    determination = evaluate_on("2023-06-13", facts)

    assert determination.status("reflection_interruption") == "INDETERMINE"
    assert "ties_renewed_on_own_initiative_date" in at(
        determination, "reflection_interruption.missing_facts"
    )
    assert "R-REFLEXION-05" in determination.rules_applied
