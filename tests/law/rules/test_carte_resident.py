"""Carte de résident after the definitive conviction: R-RESIDENT-01 to R-RESIDENT-06
(legal-spec.md §3.8)."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import NO_COMPLAINT, at, document, evaluate_on, situation


def convicted(**overrides: Any) -> dict[str, Any]:
    """The person she accused was definitively convicted of the offence of her complaint
    (225-4-1); she holds a CST unless overridden."""
    base = {
        "criminal_procedure_status": "definitive_conviction",
        "convicted_offences_of_accused": ["225-4-1"],
        "current_document": document("cst", "2008-12-20", "2030-12-31"),
    }
    return situation(**{**base, **overrides})


# --- R-RESIDENT-01: carte de résident after the definitive conviction ----------------------


def test_carte_de_resident_is_discretionary_after_a_conviction_in_2010():
    facts = convicted(
        definitive_conviction_date="2010-05-01",
        current_document=document("cst", "2010-01-01", "2010-12-31"),
    )

    determination = evaluate_on("2010-06-01", facts)

    assert determination.status("carte_resident") == "DISCRETIONNAIRE"
    assert at(determination, "carte_resident.duration_years") == 10
    assert at(determination, "carte_resident.integration_condition") is False
    assert {"R-RESIDENT-01", "R-RESIDENT-04"} <= set(determination.rules_applied)


def test_carte_de_resident_is_discretionary_on_5_august_2014():
    facts = convicted()

    determination = evaluate_on("2014-08-05", facts)

    assert determination.status("carte_resident") == "DISCRETIONNAIRE"
    assert "R-RESIDENT-01" in determination.rules_applied


def test_carte_de_resident_is_de_plein_droit_from_6_august_2014():
    facts = convicted()

    determination = evaluate_on("2014-08-06", facts)

    assert determination.status("carte_resident") == "DE_PLEIN_DROIT"
    assert "R-RESIDENT-01" in determination.rules_applied


def test_law_prevails_over_r316_5_on_31_october_2016():
    facts = convicted()

    determination = evaluate_on("2016-10-31", facts)

    assert determination.status("carte_resident") == "DE_PLEIN_DROIT"
    assert "R316_5_CONFLICT_LAW_PREVAILS" in determination.flags
    assert "R-RESIDENT-01" in determination.rules_applied


def test_no_conflict_with_r316_5_from_1_november_2016():
    facts = convicted()

    determination = evaluate_on("2016-11-01", facts)

    assert determination.status("carte_resident") == "DE_PLEIN_DROIT"
    assert "R316_5_CONFLICT_LAW_PREVAILS" not in determination.flags
    assert "R-RESIDENT-01" in determination.rules_applied


def test_definitive_conviction_in_2022_with_a_valid_cst_gives_the_card_de_plein_droit():
    facts = convicted(
        definitive_conviction_date="2022-08-30",
        current_document=document("cst", "2022-02-01", "2023-01-31"),
    )

    determination = evaluate_on("2022-09-15", facts)

    assert determination.status("carte_resident") == "DE_PLEIN_DROIT"
    assert at(determination, "carte_resident.duration_years") == 10
    assert at(determination, "carte_resident.integration_condition") is False
    assert at(determination, "carte_resident_renewal.status") == "DE_PLEIN_DROIT"
    assert {"R-RESIDENT-01", "R-RESIDENT-03", "R-RESIDENT-04"} <= set(determination.rules_applied)


def test_person_who_never_held_a_cst_obtains_the_card_de_plein_droit_on_30_april_2021():
    facts = convicted(
        complaint=NO_COMPLAINT,
        testimony={"date": "2017-05-02", "accused_prosecuted": True, "offences": ["225-5"]},
        convicted_offences_of_accused=["225-5"],
        current_document={"kind": "none"},
        application={"kind": "carte_resident", "filing_date": "2021-04-30"},
    )

    determination = evaluate_on("2021-04-30", facts)

    assert determination.status("carte_resident") == "DE_PLEIN_DROIT"
    assert "R-RESIDENT-01" in determination.rules_applied


def test_person_without_regular_stay_does_not_meet_l425_3_from_1_may_2021():
    facts = convicted(
        current_document={"kind": "none"},
        application={"kind": "carte_resident", "filing_date": "2021-05-01"},
    )

    determination = evaluate_on("2021-05-01", facts)

    assert determination.status("carte_resident") == "NON_REMPLI"
    assert "L425-3" in at(determination, "carte_resident.grounds")
    assert "R-RESIDENT-01" in determination.rules_applied


def test_cst_valid_until_the_evaluation_date_is_still_a_regular_stay():
    facts = convicted(current_document=document("cst", "2021-09-16", "2022-09-15"))

    determination = evaluate_on("2022-09-15", facts)

    assert determination.status("carte_resident") == "DE_PLEIN_DROIT"
    assert "R-RESIDENT-01" in determination.rules_applied


def test_cst_expired_the_day_before_is_no_regular_stay_since_2021():
    facts = convicted(current_document=document("cst", "2021-09-15", "2022-09-14"))

    determination = evaluate_on("2022-09-15", facts)

    assert determination.status("carte_resident") == "NON_REMPLI"
    assert "R-RESIDENT-01" in determination.rules_applied


def test_unknown_document_held_leaves_the_card_indeterminate_since_2021():
    facts = convicted(current_document=None)

    determination = evaluate_on("2022-09-15", facts)

    assert determination.status("carte_resident") == "INDETERMINE"
    assert "current_document" in at(determination, "carte_resident.missing_facts")
    assert "R-RESIDENT-01" in determination.rules_applied


def test_threat_to_public_order_makes_the_card_discretionary_under_l314_3_on_30_april_2021():
    facts = convicted(public_order_threat="threat")

    determination = evaluate_on("2021-04-30", facts)

    assert determination.status("carte_resident") == "DISCRETIONNAIRE"
    assert "L314-3" in at(determination, "carte_resident.grounds")
    assert "R-RESIDENT-01" in determination.rules_applied


def test_threat_to_public_order_bars_the_card_under_l412_5_from_1_may_2021():
    facts = convicted(public_order_threat="threat")

    determination = evaluate_on("2021-05-01", facts)

    assert determination.status("carte_resident") == "EXCLU"
    assert "L412-5" in at(determination, "carte_resident.grounds")
    assert "R-RESIDENT-01" in determination.rules_applied


def test_threat_to_public_order_keeps_the_2010_card_discretionary():
    facts = convicted(public_order_threat="threat")

    determination = evaluate_on("2010-06-01", facts)

    assert determination.status("carte_resident") == "DISCRETIONNAIRE"
    assert "R-RESIDENT-01" in determination.rules_applied


def test_conviction_for_other_offences_only_is_not_met_on_30_april_2021():
    facts = convicted(convicted_offences_of_accused=["441-1"])

    determination = evaluate_on("2021-04-30", facts)

    assert determination.status("carte_resident") == "NON_REMPLI"
    assert "R-RESIDENT-01" in determination.rules_applied


def test_conviction_for_other_offences_only_is_indeterminate_from_1_may_2021():
    facts = convicted(convicted_offences_of_accused=["441-1"])

    determination = evaluate_on("2021-05-01", facts)

    assert determination.status("carte_resident") == "INDETERMINE"
    assert "OQ_07" in determination.flags
    assert "R-RESIDENT-01" in determination.rules_applied


def test_unknown_offences_of_the_conviction_leave_the_card_indeterminate():
    facts = convicted(convicted_offences_of_accused=None)

    determination = evaluate_on("2022-09-15", facts)

    assert determination.status("carte_resident") == "INDETERMINE"
    assert "convicted_offences_of_accused" in at(determination, "carte_resident.missing_facts")
    assert "R-RESIDENT-01" in determination.rules_applied


def test_person_who_neither_complained_nor_testified_gets_no_card_after_the_conviction():
    facts = convicted(complaint=NO_COMPLAINT, testimony="none")

    determination = evaluate_on("2022-09-15", facts)

    assert determination.status("carte_resident") == "NON_REMPLI"
    assert "R-RESIDENT-01" in determination.rules_applied


@pytest.mark.parametrize(
    ("eval_date", "status"),
    [
        ("2012-06-01", "NON_REMPLI"),  # 2009 circular criterion
        ("2014-08-05", "NON_REMPLI"),
        ("2014-08-06", "DE_PLEIN_DROIT"),  # not a legal condition 2014-08-06 -> 2021-04-30
        ("2021-04-30", "DE_PLEIN_DROIT"),
        ("2021-05-01", "NON_REMPLI"),  # inherited from L425-1 (OQ-06)
    ],
)
def test_ties_not_broken_count_for_the_card_except_from_6_august_2014_to_30_april_2021(
    eval_date, status
):
    facts = convicted(ties_with_perpetrators_broken=False)

    determination = evaluate_on(eval_date, facts)

    assert determination.status("carte_resident") == status
    assert "R-RESIDENT-01" in determination.rules_applied


def test_refusal_to_sign_the_contract_bars_a_carte_de_resident_applied_for_from_17_july_2024():
    facts = convicted(
        contrat_republique_signed=False,
        application={"kind": "carte_resident", "filing_date": "2024-07-17"},
    )

    determination = evaluate_on("2024-08-01", facts)

    assert determination.status("carte_resident") == "EXCLU"
    assert "L412-8" in at(determination, "carte_resident.grounds")
    assert {"R-RESIDENT-01", "R-CST-08"} <= set(determination.rules_applied)


def test_carte_de_resident_applied_for_on_16_july_2024_needs_no_contract():
    facts = convicted(
        contrat_republique_signed=False,
        application={"kind": "carte_resident", "filing_date": "2024-07-16"},
    )

    determination = evaluate_on("2024-08-01", facts)

    assert determination.status("carte_resident") == "DE_PLEIN_DROIT"
    assert "R-RESIDENT-01" in determination.rules_applied


def test_eu_national_is_outside_the_carte_de_resident_regime():
    facts = convicted(nationality="PL")

    determination = evaluate_on("2022-09-15", facts)

    assert determination.status("carte_resident") == "NON_APPLICABLE"
    assert "R-RESIDENT-01" in determination.rules_applied


def test_carte_de_resident_fee_is_exempt_in_2018_and_indeterminate_since_2021():
    facts = convicted()

    before = evaluate_on("2018-03-01", facts)
    after = evaluate_on("2022-03-01", facts)

    assert at(before, "carte_resident.fee") == "EXEMPT"
    assert at(after, "carte_resident.fee") == "INDETERMINE"
    assert "OQ_11" in after.flags
    assert "R-CST-06" in after.rules_applied


# --- R-RESIDENT-02: "définitive" means all remedies exhausted ------------------------------


@pytest.mark.parametrize(
    "stage",
    [
        "investigation",
        "prosecution",
        "first_instance_judgment_appealable",
        "appeal_pending",
        "cassation_pending",
    ],
)
def test_no_carte_de_resident_before_the_conviction_is_definitive(stage):
    facts = convicted(criminal_procedure_status=stage)

    determination = evaluate_on("2022-10-01", facts)

    assert determination.status("carte_resident") == "NON_REMPLI"
    assert determination.status("cst_renewal") == "DE_PLEIN_DROIT"
    assert {"R-RESIDENT-02", "R-RENEW-01"} <= set(determination.rules_applied)


def test_no_carte_de_resident_after_a_definitive_acquittal():
    facts = convicted(criminal_procedure_status="definitive_acquittal")

    determination = evaluate_on("2022-10-01", facts)

    assert determination.status("carte_resident") == "NON_REMPLI"
    assert "R-RESIDENT-02" in determination.rules_applied


# --- R-RESIDENT-03: renewal of the carte de résident ----------------------------------------


def carte_resident_holder(valid_until: str, **overrides: Any) -> dict[str, Any]:
    return convicted(
        current_document=document("carte_resident", "2014-01-01", valid_until),
        application={"kind": "other", "filing_date": "2023-10-01"},
        **overrides,
    )


def test_carte_de_resident_renewal_is_de_plein_droit_despite_a_serious_threat_in_2023():
    facts = carte_resident_holder(
        "2023-12-31", public_order_threat="serious_threat", habitual_residence_in_france=True
    )

    determination = evaluate_on("2023-10-01", facts)

    assert determination.status("carte_resident_renewal") == "DE_PLEIN_DROIT"
    assert "R-RESIDENT-03" in determination.rules_applied


def test_carte_de_resident_renewal_is_de_plein_droit_on_27_january_2024():
    facts = carte_resident_holder(
        "2024-03-31", public_order_threat="serious_threat", habitual_residence_in_france=True
    )

    determination = evaluate_on("2024-01-27", facts)

    assert determination.status("carte_resident_renewal") == "DE_PLEIN_DROIT"
    assert "R-RESIDENT-03" in determination.rules_applied


def test_serious_threat_makes_the_renewal_discretionary_from_28_january_2024():
    facts = carte_resident_holder(
        "2024-03-31", public_order_threat="serious_threat", habitual_residence_in_france=True
    )

    determination = evaluate_on("2024-01-28", facts)

    assert determination.status("carte_resident_renewal") == "DISCRETIONNAIRE"
    assert "L432-3" in at(determination, "carte_resident_renewal.grounds")
    assert "R-RESIDENT-03" in determination.rules_applied


def test_no_habitual_residence_makes_the_renewal_discretionary_from_28_january_2024():
    facts = carte_resident_holder(
        "2024-08-31", public_order_threat="none", habitual_residence_in_france=False
    )

    determination = evaluate_on("2024-06-01", facts)

    assert determination.status("carte_resident_renewal") == "DISCRETIONNAIRE"
    assert "R-RESIDENT-03" in determination.rules_applied


def test_threat_that_is_not_serious_keeps_the_renewal_de_plein_droit_in_2024():
    facts = carte_resident_holder(
        "2024-08-31", public_order_threat="threat", habitual_residence_in_france=True
    )

    determination = evaluate_on("2024-06-01", facts)

    assert determination.status("carte_resident_renewal") == "DE_PLEIN_DROIT"
    assert "R-RESIDENT-03" in determination.rules_applied


def test_unknown_habitual_residence_leaves_the_2024_renewal_indeterminate():
    facts = carte_resident_holder(
        "2024-08-31", public_order_threat="none", habitual_residence_in_france=None
    )

    determination = evaluate_on("2024-06-01", facts)

    assert determination.status("carte_resident_renewal") == "INDETERMINE"
    assert "habitual_residence_in_france" in at(
        determination, "carte_resident_renewal.missing_facts"
    )
    assert "R-RESIDENT-03" in determination.rules_applied


# --- R-RESIDENT-04: no integration condition -------------------------------------------------


@pytest.mark.parametrize("eval_date", ["2010-06-01", "2018-03-01", "2022-09-15"])
def test_carte_de_resident_has_no_integration_condition(eval_date):
    facts = convicted()

    determination = evaluate_on(eval_date, facts)

    assert at(determination, "carte_resident.integration_condition") is False
    assert "R-RESIDENT-04" in determination.rules_applied


# --- R-RESIDENT-05: doubts on the stability of the reinsertion (2009 era) -----------------------


def test_doubts_on_reinsertion_lead_to_renew_the_cst_and_reexamine_in_2010():
    facts = convicted(agent_has_doubts_on_reinsertion=True)

    determination = evaluate_on("2010-06-01", facts)

    assert determination.status("carte_resident") == "DISCRETIONNAIRE"
    assert "RENEW_CST_AND_REEXAMINE" in determination.actions
    assert "R-RESIDENT-05" in determination.rules_applied


def test_doubts_on_reinsertion_have_no_circular_consequence_the_day_before_5_february_2009():
    facts = convicted(agent_has_doubts_on_reinsertion=True)

    determination = evaluate_on("2009-02-04", facts)

    assert determination.status("carte_resident") == "DISCRETIONNAIRE"
    assert "RENEW_CST_AND_REEXAMINE" not in determination.actions


def test_doubts_on_reinsertion_lead_to_renew_and_reexamine_on_5_february_2009():
    facts = convicted(agent_has_doubts_on_reinsertion=True)

    determination = evaluate_on("2009-02-05", facts)

    assert "RENEW_CST_AND_REEXAMINE" in determination.actions
    assert "R-RESIDENT-05" in determination.rules_applied


def test_doubts_on_reinsertion_still_lead_to_renew_and_reexamine_on_5_august_2014():
    facts = convicted(agent_has_doubts_on_reinsertion=True)

    determination = evaluate_on("2014-08-05", facts)

    assert "RENEW_CST_AND_REEXAMINE" in determination.actions
    assert "R-RESIDENT-05" in determination.rules_applied


def test_doubts_on_reinsertion_are_no_legal_ground_from_6_august_2014():
    facts = convicted(agent_has_doubts_on_reinsertion=True)

    determination = evaluate_on("2014-08-06", facts)

    assert determination.status("carte_resident") == "DE_PLEIN_DROIT"
    assert "RENEW_CST_AND_REEXAMINE" not in determination.actions


# --- R-RESIDENT-06: minors of 16-17 wishing to work -----------------------------------------------


def test_minor_of_17_wishing_to_work_gets_the_carte_de_resident_de_plein_droit_since_2021():
    facts = convicted(date_of_birth="2005-03-01", wishes_to_work_or_train=True)

    determination = evaluate_on("2022-09-01", facts)

    assert determination.status("carte_resident") == "DE_PLEIN_DROIT"
    assert "R-RESIDENT-06" in determination.rules_applied


def test_instruction_recepisse_in_force_is_a_regular_stay_for_the_card():
    facts = convicted(
        current_document=document("instruction_recepisse", "2022-08-01", "2022-11-30")
    )

    determination = evaluate_on("2022-09-15", facts)

    assert determination.status("carte_resident") == "DE_PLEIN_DROIT"
    assert "R-RESIDENT-01" in determination.rules_applied


@pytest.mark.parametrize("eval_date", ["2018-03-01", "2022-09-15"])
def test_polygamy_bars_the_carte_de_resident(eval_date):
    facts = convicted(polygamy=True)

    determination = evaluate_on(eval_date, facts)

    assert determination.status("carte_resident") == "EXCLU"
    assert "R-RESIDENT-01" in determination.rules_applied


def test_serious_breach_of_the_contract_makes_the_carte_de_resident_discretionary():
    facts = convicted(
        contrat_republique_signed=True,
        contrat_republique_breach=True,
        application={"kind": "carte_resident", "filing_date": "2024-07-17"},
    )

    determination = evaluate_on("2024-08-01", facts)

    assert determination.status("carte_resident") == "DISCRETIONNAIRE"
    assert {"R-RESIDENT-01", "R-CST-08"} <= set(determination.rules_applied)


@pytest.mark.parametrize(
    ("eval_date", "fee"),
    [
        ("2014-08-05", "PAYABLE"),
        ("2014-08-06", "EXEMPT"),
        ("2021-04-30", "EXEMPT"),
        ("2021-05-01", "INDETERMINE"),
    ],
)
def test_carte_de_resident_fee_by_period(eval_date, fee):
    facts = convicted()

    determination = evaluate_on(eval_date, facts)

    assert at(determination, "carte_resident.fee") == fee
    assert "R-CST-06" in determination.rules_applied


def test_unknown_stage_of_the_procedure_leaves_the_card_indeterminate():
    facts = convicted(criminal_procedure_status=None)

    determination = evaluate_on("2022-09-15", facts)

    assert determination.status("carte_resident") == "INDETERMINE"
    assert "criminal_procedure_status" in at(determination, "carte_resident.missing_facts")
    assert "R-RESIDENT-01" in determination.rules_applied
