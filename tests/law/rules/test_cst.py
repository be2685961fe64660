"""First issuance of the CST « vie privée et familiale »: R-CST-01 to R-CST-11, and the
administrative rules R-ADMIN-01 to R-ADMIN-04 that accompany it (legal-spec.md §3.5, §3.14)."""

from __future__ import annotations

import pytest
from conftest import at, evaluate_on, penal_complaint, situation

# --- R-CST-01: substantive conditions -----------------------------------------------------


def test_adult_third_country_victim_who_complained_and_broke_ties_gets_the_cst():
    facts = situation(complaint=penal_complaint("2022-04-01", "225-5"))

    determination = evaluate_on("2022-05-02", facts)

    assert determination.status("cst") == "DE_PLEIN_DROIT"
    assert "R-CST-01" in determination.rules_applied


def test_ties_not_broken_do_not_meet_r316_3_before_the_recodification():
    facts = situation(
        complaint=penal_complaint("2019-04-01", "225-5"), ties_with_perpetrators_broken=False
    )

    determination = evaluate_on("2019-05-10", facts)

    assert determination.status("cst") == "NON_REMPLI"
    assert "R316-3" in at(determination, "cst.grounds")
    assert "R-CST-01" in determination.rules_applied


def test_ties_not_broken_on_30_april_2021_are_still_a_r316_3_condition():
    facts = situation(ties_with_perpetrators_broken=False)

    determination = evaluate_on("2021-04-30", facts)

    assert determination.status("cst") == "NON_REMPLI"
    assert "R316-3" in at(determination, "cst.grounds")
    assert "R-CST-01" in determination.rules_applied


def test_ties_not_broken_from_1_may_2021_are_a_condition_of_the_law_l425_1():
    facts = situation(ties_with_perpetrators_broken=False)

    determination = evaluate_on("2021-05-01", facts)

    assert determination.status("cst") == "NON_REMPLI"
    assert "L425-1" in at(determination, "cst.grounds")
    assert "R-CST-01" in determination.rules_applied


def test_unknown_ties_leave_the_cst_indeterminate():
    facts = situation(ties_with_perpetrators_broken=None)

    determination = evaluate_on("2022-05-02", facts)

    assert determination.status("cst") == "INDETERMINE"
    assert "ties_with_perpetrators_broken" in at(determination, "cst.missing_facts")
    assert "R-CST-01" in determination.rules_applied


def test_ties_not_broken_win_over_an_unknown_public_order_assessment():
    facts = situation(ties_with_perpetrators_broken=False, public_order_threat=None)

    determination = evaluate_on("2022-05-02", facts)

    assert determination.status("cst") == "NON_REMPLI"
    assert "R-CST-01" in determination.rules_applied


def test_unknown_stage_of_the_procedure_leaves_the_cst_indeterminate():
    facts = situation(criminal_procedure_status=None)

    determination = evaluate_on("2022-05-02", facts)

    assert determination.status("cst") == "INDETERMINE"
    assert "criminal_procedure_status" in at(determination, "cst.missing_facts")
    assert "R-CST-01" in determination.rules_applied


@pytest.mark.parametrize(
    "closed", ["definitive_conviction", "definitive_acquittal", "classement_sans_suite", "non_lieu"]
)
def test_first_cst_applied_for_after_the_procedure_ended_is_not_met(closed):
    facts = situation(criminal_procedure_status=closed, recognised_victim_as_minor=False)

    determination = evaluate_on("2022-05-02", facts)

    assert determination.status("cst") == "NON_REMPLI"
    assert "R-CST-01" in determination.rules_applied


# --- R-CST-01b: public-order bar ------------------------------------------------------------


def test_threat_to_public_order_bars_the_cst_under_l316_1_sauf_si_in_2012():
    facts = situation(complaint=penal_complaint("2012-05-01"), public_order_threat="threat")

    determination = evaluate_on("2012-06-01", facts)

    assert determination.status("cst") == "EXCLU"
    assert "L316-1" in at(determination, "cst.grounds")
    assert "R-CST-01b" in determination.rules_applied


def test_threat_to_public_order_on_30_april_2021_is_still_the_l316_1_bar():
    facts = situation(public_order_threat="threat")

    determination = evaluate_on("2021-04-30", facts)

    assert determination.status("cst") == "EXCLU"
    assert "L316-1" in at(determination, "cst.grounds")
    assert "R-CST-01b" in determination.rules_applied


def test_threat_to_public_order_from_1_may_2021_is_the_l412_5_bar():
    facts = situation(public_order_threat="threat")

    determination = evaluate_on("2021-05-01", facts)

    assert determination.status("cst") == "EXCLU"
    assert "L412-5" in at(determination, "cst.grounds")
    assert "R-CST-01b" in determination.rules_applied


def test_serious_threat_to_public_order_also_bars_the_cst():
    facts = situation(public_order_threat="serious_threat")

    determination = evaluate_on("2022-06-01", facts)

    assert determination.status("cst") == "EXCLU"
    assert "R-CST-01b" in determination.rules_applied


def test_public_order_bar_wins_over_unknown_ties_and_unknown_cooperation():
    facts = situation(
        public_order_threat="threat",
        ties_with_perpetrators_broken=None,
        complaint=None,
        testimony=None,
    )

    determination = evaluate_on("2022-06-01", facts)

    assert determination.status("cst") == "EXCLU"
    assert "R-CST-01b" in determination.rules_applied


def test_refusal_lists_every_ground_found_bar_and_unmet_condition():
    facts = situation(public_order_threat="threat", ties_with_perpetrators_broken=False)

    determination = evaluate_on("2022-06-01", facts)

    assert determination.status("cst") == "EXCLU"
    assert {"L412-5", "L425-1"} <= set(at(determination, "cst.grounds"))
    assert {"R-CST-01", "R-CST-01b"} <= set(determination.rules_applied)


def test_unknown_public_order_assessment_leaves_the_cst_indeterminate():
    facts = situation(public_order_threat=None)

    determination = evaluate_on("2022-06-01", facts)

    assert determination.status("cst") == "INDETERMINE"
    assert "public_order_threat" in at(determination, "cst.missing_facts")
    assert "R-CST-01b" in determination.rules_applied


# --- R-CST-02: nature of the decision by period ---------------------------------------------


def test_cst_is_discretionary_without_favourable_guidance_the_day_before_the_2009_circular():
    facts = situation()

    determination = evaluate_on("2009-02-04", facts)

    assert determination.status("cst") == "DISCRETIONNAIRE"
    assert at(determination, "cst.guidance") is None
    assert "R-CST-02" in determination.rules_applied


def test_cst_is_discretionary_with_favourable_guidance_from_5_february_2009():
    facts = situation()

    determination = evaluate_on("2009-02-05", facts)

    assert determination.status("cst") == "DISCRETIONNAIRE"
    assert at(determination, "cst.guidance") == "FAVORABLE"
    assert "R-CST-02" in determination.rules_applied


def test_cst_is_discretionary_on_14_april_2016():
    facts = situation()

    determination = evaluate_on("2016-04-14", facts)

    assert determination.status("cst") == "DISCRETIONNAIRE"
    assert "R-CST-02" in determination.rules_applied


def test_cst_is_de_plein_droit_from_15_april_2016():
    facts = situation()

    determination = evaluate_on("2016-04-15", facts)

    assert determination.status("cst") == "DE_PLEIN_DROIT"
    assert "R-CST-02" in determination.rules_applied


@pytest.mark.parametrize("eval_date", ["2021-04-30", "2021-05-01", "2024-01-27", "2024-01-28"])
def test_cst_stays_de_plein_droit_across_the_recodification_and_loi_2024_42(eval_date):
    facts = situation()

    determination = evaluate_on(eval_date, facts)

    assert determination.status("cst") == "DE_PLEIN_DROIT"
    assert "R-CST-02" in determination.rules_applied


# --- R-CST-03: duration ---------------------------------------------------------------------


def test_cst_lasts_between_6_and_12_months_on_30_april_2021():
    facts = situation()

    determination = evaluate_on("2021-04-30", facts)

    assert at(determination, "cst.duration_months") == {"min": 6, "max": 12}
    assert "R-CST-03" in determination.rules_applied


def test_cst_lasts_exactly_one_year_from_1_may_2021():
    facts = situation()

    determination = evaluate_on("2021-05-01", facts)

    assert at(determination, "cst.duration_months") == 12
    assert "R-CST-03" in determination.rules_applied


# --- R-CST-04 and R-CST-05: no visa, no work contract, work authorised ----------------------


@pytest.mark.parametrize("eval_date", ["2010-02-15", "2022-05-02"])
def test_cst_needs_neither_long_stay_visa_nor_work_contract(eval_date):
    facts = situation()

    determination = evaluate_on(eval_date, facts)

    assert at(determination, "cst.long_stay_visa_required") is False
    assert at(determination, "cst.work_contract_required") is False
    assert "R-CST-04" in determination.rules_applied


@pytest.mark.parametrize("eval_date", ["2010-02-15", "2022-05-02"])
def test_cst_authorises_any_professional_activity(eval_date):
    facts = situation()

    determination = evaluate_on(eval_date, facts)

    assert at(determination, "cst.work_authorised") is True
    assert "R-CST-05" in determination.rules_applied


# --- R-CST-06: fees ---------------------------------------------------------------------------


def test_cst_fee_is_payable_on_5_august_2014():
    facts = situation()

    determination = evaluate_on("2014-08-05", facts)

    assert at(determination, "cst.fee") == "PAYABLE"
    assert "R-CST-06" in determination.rules_applied


def test_cst_is_exempt_from_taxes_and_stamp_duty_from_6_august_2014():
    facts = situation()

    determination = evaluate_on("2014-08-06", facts)

    assert at(determination, "cst.fee") == "EXEMPT"
    assert "R-CST-06" in determination.rules_applied


def test_cst_is_free_after_the_recodification():
    facts = situation()

    determination = evaluate_on("2022-05-02", facts)

    assert at(determination, "cst.fee") == "EXEMPT"
    assert "R-CST-06" in determination.rules_applied


# --- R-CST-07: documents ----------------------------------------------------------------------


def test_documents_checklist_is_applied_to_a_first_cst_application():
    facts = situation(
        complaint=penal_complaint("2024-03-01"),
        documents_provided=[
            "birth_certificate",
            "passport",
            "proof_of_address",
            "complaint_receipt",
        ],
    )

    determination = evaluate_on("2024-03-15", facts)

    assert determination.status("cst") == "DE_PLEIN_DROIT"
    assert "R-CST-07" in determination.rules_applied


# --- R-CST-08: republican-principles contract ---------------------------------------------------


def test_contract_is_not_required_for_an_application_filed_on_16_july_2024():
    facts = situation(
        contrat_republique_signed=False,
        application={"kind": "first_cst", "filing_date": "2024-07-16"},
    )

    determination = evaluate_on("2024-08-01", facts)

    assert determination.status("contrat_republique") == "NOT_REQUIRED"
    assert determination.status("cst") == "DE_PLEIN_DROIT"
    assert "R-CST-08" in determination.rules_applied


def test_refusal_to_sign_the_contract_bars_the_cst_for_an_application_filed_on_17_july_2024():
    facts = situation(
        contrat_republique_signed=False,
        application={"kind": "first_cst", "filing_date": "2024-07-17"},
    )

    determination = evaluate_on("2024-08-01", facts)

    assert determination.status("cst") == "EXCLU"
    assert "L412-8" in at(determination, "cst.grounds")
    assert "R-CST-08" in determination.rules_applied


def test_signed_contract_keeps_the_cst_de_plein_droit_after_17_july_2024():
    facts = situation(
        contrat_republique_signed=True,
        application={"kind": "first_cst", "filing_date": "2024-07-17"},
    )

    determination = evaluate_on("2024-08-01", facts)

    assert determination.status("cst") == "DE_PLEIN_DROIT"
    assert "R-CST-08" in determination.rules_applied


def test_unknown_signature_of_the_contract_leaves_the_cst_indeterminate():
    facts = situation(
        contrat_republique_signed=None,
        application={"kind": "first_cst", "filing_date": "2024-07-17"},
    )

    determination = evaluate_on("2024-08-01", facts)

    assert determination.status("cst") == "INDETERMINE"
    assert "contrat_republique_signed" in at(determination, "cst.missing_facts")
    assert "R-CST-08" in determination.rules_applied


def test_refusal_to_sign_the_contract_wins_over_unknown_ties():
    facts = situation(
        contrat_republique_signed=False,
        ties_with_perpetrators_broken=None,
        application={"kind": "first_cst", "filing_date": "2024-07-17"},
    )

    determination = evaluate_on("2024-08-01", facts)

    assert determination.status("cst") == "EXCLU"
    assert "R-CST-08" in determination.rules_applied


def test_serious_breach_of_the_contract_makes_the_cst_discretionary():
    facts = situation(
        contrat_republique_signed=True,
        contrat_republique_breach=True,
        application={"kind": "first_cst", "filing_date": "2024-07-17"},
    )

    determination = evaluate_on("2024-08-01", facts)

    assert determination.status("cst") == "DISCRETIONNAIRE"
    assert "R-CST-08" in determination.rules_applied


# --- R-CST-09: discretionary refusal grounds of L432-1-1 (2024) ---------------------------------


@pytest.mark.parametrize(
    ("fact", "ground"),
    [
        ("oqtf_previously_not_complied", "L432-1-1 1°"),
        ("facts_forgery_441", "L432-1-1 2°"),
        ("facts_l432_1_1_serious_offences", "L432-1-1 3°"),
        ("facts_violence_against_officials", "L432-1-1 4°"),
    ],
)
def test_l432_1_1_ground_makes_the_cst_discretionary_from_28_january_2024(fact, ground):
    facts = situation(**{fact: True})

    determination = evaluate_on("2024-01-28", facts)

    assert determination.status("cst") == "DISCRETIONNAIRE"
    assert ground in at(determination, "cst.grounds")
    assert at(determination, "cst.motivation_required") is True
    assert "R-CST-09" in determination.rules_applied


def test_oqtf_not_complied_with_is_no_refusal_ground_on_27_january_2024():
    facts = situation(oqtf_previously_not_complied=True)

    determination = evaluate_on("2024-01-27", facts)

    assert determination.status("cst") == "DE_PLEIN_DROIT"
    assert "R-CST-09" not in determination.rules_applied


def test_earlier_oqtf_not_complied_with_makes_the_2024_cst_discretionary():
    facts = situation(
        nationality="CI",
        oqtf_previously_not_complied=True,
        complaint=penal_complaint("2024-02-01", "225-5"),
    )

    determination = evaluate_on("2024-02-20", facts)

    assert determination.status("cst") == "DISCRETIONNAIRE"
    assert "L432-1-1 1°" in at(determination, "cst.grounds")
    assert "R-CST-09" in determination.rules_applied


def test_unknown_l432_1_1_fact_leaves_the_2024_cst_indeterminate():
    facts = situation(oqtf_previously_not_complied=None)

    determination = evaluate_on("2024-02-20", facts)

    assert determination.status("cst") == "INDETERMINE"
    assert "oqtf_previously_not_complied" in at(determination, "cst.missing_facts")
    assert "R-CST-09" in determination.rules_applied


def test_unknown_l432_1_1_fact_does_not_matter_before_28_january_2024():
    facts = situation(oqtf_previously_not_complied=None)

    determination = evaluate_on("2024-01-27", facts)

    assert determination.status("cst") == "DE_PLEIN_DROIT"
    assert "R-CST-02" in determination.rules_applied


def test_public_order_bar_wins_over_an_l432_1_1_ground():
    facts = situation(public_order_threat="threat", facts_forgery_441=True)

    determination = evaluate_on("2024-03-01", facts)

    assert determination.status("cst") == "EXCLU"
    assert {"R-CST-01b", "R-CST-09"} <= set(determination.rules_applied)


def test_l432_1_1_grounds_do_not_apply_to_the_carte_de_resident():
    facts = situation(
        oqtf_previously_not_complied=True,
        criminal_procedure_status="definitive_conviction",
        definitive_conviction_date="2024-02-01",
        convicted_offences_of_accused=["225-4-1"],
        current_document={"kind": "cst", "valid_from": "2023-06-01", "valid_until": "2024-05-31"},
        application={"kind": "carte_resident", "filing_date": "2024-03-01"},
    )

    determination = evaluate_on("2024-03-01", facts)

    assert determination.status("carte_resident") == "DE_PLEIN_DROIT"
    assert "R-CST-09" in determination.rules_applied


# --- R-CST-10: card characteristics -------------------------------------------------------------


def test_cst_cannot_lead_to_a_carte_pluriannuelle_from_1_november_2016():
    facts = situation()

    determination = evaluate_on("2016-11-01", facts)

    assert at(determination, "cst.pluriannual_card_eligible") is False
    assert "R-CST-10" in determination.rules_applied


# --- R-CST-11 and R-ADMIN-01: AGDREF code and ATA attestation -----------------------------------


def test_no_agdref_code_nor_ata_attestation_before_the_2009_circular():
    facts = situation()

    determination = evaluate_on("2009-02-04", facts)

    assert "AGDREF_L316_1_CODE" not in determination.actions
    assert "ISSUE_ATA_ATTESTATION" not in determination.actions
    assert "R-CST-11" in determination.rules_applied


def test_first_cst_from_5_february_2009_is_recorded_under_the_agdref_code_with_ata_attestation():
    facts = situation()

    determination = evaluate_on("2009-02-05", facts)

    assert {"AGDREF_L316_1_CODE", "ISSUE_ATA_ATTESTATION"} <= set(determination.actions)
    assert {"R-CST-11", "R-ADMIN-01"} <= set(determination.rules_applied)


def test_ata_attestation_is_still_issued_on_31_october_2015():
    facts = situation()

    determination = evaluate_on("2015-10-31", facts)

    assert "ISSUE_ATA_ATTESTATION" in determination.actions
    assert "R-CST-11" in determination.rules_applied


def test_no_ata_attestation_from_1_november_2015_but_still_the_agdref_code():
    facts = situation()

    determination = evaluate_on("2015-11-01", facts)

    assert "ISSUE_ATA_ATTESTATION" not in determination.actions
    assert "AGDREF_L316_1_CODE" in determination.actions
    assert "R-CST-11" in determination.rules_applied


def test_first_cst_in_2012_gives_the_ata_attestation_and_the_right_to_apply_for_the_ata():
    facts = situation(
        complaint=penal_complaint("2012-03-01"),
        current_document={"kind": "cst", "valid_from": "2012-04-01", "valid_until": "2013-03-31"},
        application={"kind": "first_cst", "filing_date": "2012-03-15"},
    )

    determination = evaluate_on("2012-04-01", facts)

    assert determination.status("cst") == "DISCRETIONNAIRE"
    assert {"ISSUE_ATA_ATTESTATION", "AGDREF_L316_1_CODE"} <= set(determination.actions)
    assert at(determination, "allowance.kind") == "ATA"
    assert at(determination, "allowance.status") == "ELIGIBLE_TO_APPLY"
    assert {"R-CST-11", "R-SOCIAL-01"} <= set(determination.rules_applied)


# --- R-ADMIN-02 to R-ADMIN-04 -------------------------------------------------------------------


def test_reception_conditions_apply_to_a_first_cst_application():
    facts = situation()

    determination = evaluate_on("2022-05-02", facts)

    assert determination.status("cst") == "DE_PLEIN_DROIT"
    assert "R-ADMIN-02" in determination.rules_applied


def test_silence_of_the_administration_on_an_application_is_assessed():
    facts = situation(application={"kind": "first_cst", "filing_date": "2022-05-02"})

    determination = evaluate_on("2022-05-02", facts)

    assert determination.status("cst") == "DE_PLEIN_DROIT"
    assert "R-ADMIN-03" in determination.rules_applied


def test_refusal_of_the_cst_must_be_motivated():
    facts = situation(public_order_threat="threat")

    determination = evaluate_on("2022-06-01", facts)

    assert determination.status("cst") == "EXCLU"
    assert at(determination, "cst.motivation_required") is True
    assert "R-ADMIN-04" in determination.rules_applied


def test_ties_broken_were_not_required_before_decret_2007_1352_on_14_september_2007():
    facts = situation(
        police_hearing_date="2007-08-20",
        information_given_date="2007-08-20",
        complaint=penal_complaint("2007-09-01"),
        ties_with_perpetrators_broken=False,
    )

    determination = evaluate_on("2007-09-14", facts)

    assert determination.status("cst") == "DISCRETIONNAIRE"
    assert "R-CST-01" in determination.rules_applied


def test_ties_broken_are_required_by_r316_3_from_15_september_2007():
    facts = situation(
        police_hearing_date="2007-08-20",
        information_given_date="2007-08-20",
        complaint=penal_complaint("2007-09-01"),
        ties_with_perpetrators_broken=False,
    )

    determination = evaluate_on("2007-09-15", facts)

    assert determination.status("cst") == "NON_REMPLI"
    assert "R316-3" in at(determination, "cst.grounds")
    assert "R-CST-01" in determination.rules_applied


def test_refusal_lists_both_bars_public_order_and_unsigned_contract():
    facts = situation(
        public_order_threat="threat",
        contrat_republique_signed=False,
        application={"kind": "first_cst", "filing_date": "2024-07-17"},
    )

    determination = evaluate_on("2024-08-01", facts)

    assert determination.status("cst") == "EXCLU"
    assert {"L412-5", "L412-8"} <= set(at(determination, "cst.grounds"))
    assert {"R-CST-01b", "R-CST-08"} <= set(determination.rules_applied)
