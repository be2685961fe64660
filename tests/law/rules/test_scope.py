"""Scope: R-SCOPE-01 to R-SCOPE-06 (legal-spec.md §3.1)."""

from __future__ import annotations

import pytest
from conftest import (
    NO_COMPLAINT,
    alternative,
    at,
    evaluate_on,
    given_testimony,
    penal_complaint,
    situation,
)

# --- R-SCOPE-01: third-country nationals and stateless persons ---------------------------


def test_third_country_national_is_in_scope_and_may_obtain_the_cst():
    facts = situation(nationality="NG", complaint=penal_complaint("2022-04-01"))

    determination = evaluate_on("2022-05-02", facts)

    assert determination.status("scope") == "IN_SCOPE"
    assert determination.status("cst") == "DE_PLEIN_DROIT"
    assert "R-SCOPE-01" in determination.rules_applied


def test_stateless_person_is_in_scope():
    facts = situation(nationality="STATELESS", complaint=penal_complaint("2022-04-01"))

    determination = evaluate_on("2022-05-02", facts)

    assert determination.status("scope") == "IN_SCOPE"
    assert determination.status("cst") == "DE_PLEIN_DROIT"
    assert "R-SCOPE-01" in determination.rules_applied


def test_uk_national_is_an_eu_citizen_until_31_december_2020():
    facts = situation(nationality="GB", is_withdrawal_agreement_beneficiary=False)

    determination = evaluate_on("2020-12-31", facts)

    assert determination.status("scope") == "NON_APPLICABLE"
    assert determination.status("cst") == "NON_APPLICABLE"
    assert "R-SCOPE-02" in determination.rules_applied


def test_uk_national_without_withdrawal_agreement_is_a_third_country_national_from_1_january_2021():
    facts = situation(nationality="GB", is_withdrawal_agreement_beneficiary=False)

    determination = evaluate_on("2021-01-01", facts)

    assert determination.status("scope") == "IN_SCOPE"
    assert determination.status("cst") == "DE_PLEIN_DROIT"
    assert "R-SCOPE-01" in determination.rules_applied


def test_uk_national_covered_by_the_withdrawal_agreement_stays_outside_the_regime_after_brexit():
    facts = situation(nationality="GB", is_withdrawal_agreement_beneficiary=True)

    determination = evaluate_on("2021-01-01", facts)

    assert determination.status("scope") == "NON_APPLICABLE"
    assert determination.status("cst") == "NON_APPLICABLE"
    assert "R-SCOPE-02" in determination.rules_applied


def test_croatian_national_is_a_third_country_national_the_day_before_accession():
    facts = situation(nationality="HR")

    determination = evaluate_on("2013-06-30", facts)

    assert determination.status("scope") == "IN_SCOPE"
    assert "R-SCOPE-01" in determination.rules_applied


def test_croatian_national_is_outside_the_regime_from_accession_and_not_in_the_bg_ro_regime():
    facts = situation(nationality="HR")

    determination = evaluate_on("2013-07-01", facts)

    assert determination.status("scope") == "NON_APPLICABLE"
    assert determination.status("cst") == "NON_APPLICABLE"
    assert "EU_FREE_MOVEMENT_RULES" in determination.flags
    assert "R-SCOPE-02" in determination.rules_applied


# --- R-SCOPE-02: EU/EEA/Swiss nationals and their family members --------------------------


def test_eu_national_is_outside_the_regime_for_cst_reflection_and_carte_de_resident():
    facts = situation(nationality="IT", complaint=penal_complaint("2022-05-10", "225-5"))

    determination = evaluate_on("2022-06-01", facts)

    assert determination.status("scope") == "NON_APPLICABLE"
    assert determination.status("cst") == "NON_APPLICABLE"
    assert determination.status("reflection") == "NON_APPLICABLE"
    assert determination.status("reflection_recepisse") == "NON_APPLICABLE"
    assert determination.status("carte_resident") == "NON_APPLICABLE"
    assert "EU_FREE_MOVEMENT_RULES" in determination.flags
    assert {"R-SCOPE-01", "R-SCOPE-02"} <= set(determination.rules_applied)


@pytest.mark.parametrize("nationality", ["NO", "IS", "LI", "CH"])
def test_eea_and_swiss_nationals_are_outside_the_regime(nationality):
    facts = situation(nationality=nationality)

    determination = evaluate_on("2022-06-01", facts)

    assert determination.status("scope") == "NON_APPLICABLE"
    assert determination.status("cst") == "NON_APPLICABLE"
    assert "R-SCOPE-02" in determination.rules_applied


def test_third_country_family_member_of_an_eu_citizen_in_france_is_outside_the_regime():
    facts = situation(nationality="MA", is_eu_family_member_in_france=True)

    determination = evaluate_on("2023-03-01", facts)

    assert determination.status("scope") == "NON_APPLICABLE"
    assert determination.status("cst") == "NON_APPLICABLE"
    assert "EU_FREE_MOVEMENT_RULES" in determination.flags
    assert "R-SCOPE-02" in determination.rules_applied


def test_unknown_eu_family_membership_leaves_the_cst_indeterminate():
    facts = situation(nationality="MA", is_eu_family_member_in_france=None)

    determination = evaluate_on("2023-03-01", facts)

    assert determination.status("cst") == "INDETERMINE"
    assert "is_eu_family_member_in_france" in at(determination, "cst.missing_facts")
    assert "R-SCOPE-01" in determination.rules_applied


def test_eu_national_known_to_be_outside_the_scope_wins_over_unknown_facts():
    facts = situation(nationality="DE", complaint=None, testimony=None, police_hearing_date=None)

    determination = evaluate_on("2022-06-01", facts)

    assert determination.status("cst") == "NON_APPLICABLE"
    assert "R-SCOPE-02" in determination.rules_applied


# --- R-SCOPE-03: Bulgarian and Romanian nationals under transitional measures -------------


def test_bulgarian_national_is_a_third_country_national_before_accession_on_1_january_2007():
    facts = situation(nationality="BG")

    determination = evaluate_on("2006-12-31", facts)

    assert determination.status("scope") == "IN_SCOPE"
    assert "R-SCOPE-01" in determination.rules_applied


def test_bulgarian_national_the_day_before_the_2009_circular_is_under_eu_free_movement_rules():
    facts = situation(nationality="BG")

    determination = evaluate_on("2009-02-04", facts)

    assert determination.status("scope") == "NON_APPLICABLE"
    assert determination.status("eu_residence_card") != "DISCRETIONNAIRE"
    assert "EU_FREE_MOVEMENT_RULES" in determination.flags
    assert "R-SCOPE-02" in determination.rules_applied


def test_romanian_victim_from_5_february_2009_gets_a_favourable_eu_residence_card_not_the_cst():
    facts = situation(nationality="RO", complaint=penal_complaint("2009-01-20", "225-5"))

    determination = evaluate_on("2009-02-05", facts)

    assert determination.status("scope") == "SPECIAL_REGIME_BG_RO"
    assert determination.status("eu_residence_card") == "DISCRETIONNAIRE"
    assert at(determination, "eu_residence_card.guidance") == "FAVORABLE"
    assert determination.status("cst") == "NON_APPLICABLE"
    assert "R-SCOPE-03" in determination.rules_applied


def test_romanian_victim_wishing_to_work_gets_all_professional_activities_without_ddtefp_check():
    facts = situation(
        nationality="RO",
        complaint=penal_complaint("2009-05-20", "225-5"),
        wishes_to_work_or_train=True,
    )

    determination = evaluate_on("2009-06-15", facts)

    assert determination.status("eu_residence_card") == "DISCRETIONNAIRE"
    assert at(determination, "eu_residence_card.mention") == "toutes activités professionnelles"
    assert at(determination, "eu_residence_card.ddtefp_validation_required") is False
    assert "R-SCOPE-03" in determination.rules_applied


def test_bulgarian_victim_on_the_last_day_of_the_transitional_measures_is_in_the_special_regime():
    facts = situation(nationality="BG", complaint=penal_complaint("2013-12-02"))

    determination = evaluate_on("2013-12-31", facts)

    assert determination.status("scope") == "SPECIAL_REGIME_BG_RO"
    assert determination.status("eu_residence_card") == "DISCRETIONNAIRE"
    assert at(determination, "eu_residence_card.guidance") == "FAVORABLE"
    assert "R-SCOPE-03" in determination.rules_applied


def test_bulgarian_victim_after_the_transitional_measures_falls_under_eu_free_movement_rules():
    facts = situation(nationality="BG", complaint=penal_complaint("2013-12-02"))

    determination = evaluate_on("2014-01-01", facts)

    assert determination.status("scope") == "NON_APPLICABLE"
    assert determination.status("cst") == "NON_APPLICABLE"
    assert determination.status("eu_residence_card") != "DISCRETIONNAIRE"
    assert "EU_FREE_MOVEMENT_RULES" in determination.flags
    assert "R-SCOPE-02" in determination.rules_applied


def test_romanian_victim_who_neither_complained_nor_testified_does_not_meet_the_bg_ro_conditions():
    facts = situation(nationality="RO", complaint=NO_COMPLAINT, testimony="none")

    determination = evaluate_on("2010-06-15", facts)

    assert determination.status("eu_residence_card") == "NON_REMPLI"
    assert "R-SCOPE-03" in determination.rules_applied


# --- R-SCOPE-04: eligible offences and French jurisdiction --------------------------------


@pytest.mark.parametrize("offence", ["225-4-1", "225-4-6", "225-5", "225-7-1", "225-10"])
def test_complaint_for_an_offence_of_the_l425_1_list_is_cooperation(offence):
    facts = situation(complaint=penal_complaint("2022-04-01", offence))

    determination = evaluate_on("2022-05-02", facts)

    assert determination.status("cst") == "DE_PLEIN_DROIT"
    assert "R-SCOPE-04" in determination.rules_applied


@pytest.mark.parametrize("offence", ["225-4-7", "225-10-1", "225-11", "225-14", "224-1 A"])
def test_complaint_for_an_offence_outside_the_l425_1_list_does_not_meet_the_condition(offence):
    facts = situation(complaint=penal_complaint("2022-04-01", offence))

    determination = evaluate_on("2022-05-02", facts)

    assert determination.status("cst") == "NON_REMPLI"
    assert "L425-1" in at(determination, "cst.grounds")
    assert "OFFENCE_NOT_IN_L425_1_LIST" in determination.flags
    assert alternative(determination, "L435-1")["status"] == "DISCRETIONNAIRE"
    assert {"R-SCOPE-04", "R-NONCOOP-01"} <= set(determination.rules_applied)


def test_complaint_for_an_offence_outside_the_list_before_2021_does_not_meet_l316_1():
    facts = situation(complaint=penal_complaint("2019-04-01", "225-14"))

    determination = evaluate_on("2019-05-02", facts)

    assert determination.status("cst") == "NON_REMPLI"
    assert "L316-1" in at(determination, "cst.grounds")
    assert "R-SCOPE-04" in determination.rules_applied


def test_complaint_about_facts_committed_exclusively_abroad_by_foreigners_is_not_cooperation():
    facts = situation(
        complaint=penal_complaint("2021-11-03"), facts_exclusively_abroad_by_foreigners=True
    )

    determination = evaluate_on("2022-01-15", facts)

    assert determination.status("cst") == "NON_REMPLI"
    assert alternative(determination, "L435-1")["status"] == "DISCRETIONNAIRE"
    assert {"R-SCOPE-04", "R-NONCOOP-01"} <= set(determination.rules_applied)


def test_unknown_place_of_the_facts_leaves_the_cst_indeterminate():
    facts = situation(
        complaint=penal_complaint("2021-11-03"), facts_exclusively_abroad_by_foreigners=None
    )

    determination = evaluate_on("2022-01-15", facts)

    assert determination.status("cst") == "INDETERMINE"
    assert "facts_exclusively_abroad_by_foreigners" in at(determination, "cst.missing_facts")
    assert "R-SCOPE-04" in determination.rules_applied


# --- R-SCOPE-05: form of cooperation ------------------------------------------------------


def test_complaint_filed_on_the_evaluation_date_is_cooperation():
    facts = situation(complaint=penal_complaint("2022-05-02"))

    determination = evaluate_on("2022-05-02", facts)

    assert determination.status("cst") == "DE_PLEIN_DROIT"
    assert "R-SCOPE-05" in determination.rules_applied


def test_complaint_filed_the_day_after_the_evaluation_date_is_not_yet_cooperation():
    facts = situation(complaint=penal_complaint("2022-05-03"))

    determination = evaluate_on("2022-05-02", facts)

    assert determination.status("cst") == "NON_REMPLI"
    assert "R-SCOPE-05" in determination.rules_applied


def test_person_known_to_have_neither_complained_nor_testified_does_not_meet_the_condition():
    facts = situation(complaint=NO_COMPLAINT, testimony="none")

    determination = evaluate_on("2022-05-02", facts)

    assert determination.status("cst") == "NON_REMPLI"
    assert "L425-1" in at(determination, "cst.grounds")
    assert "R-SCOPE-05" in determination.rules_applied


def test_civil_action_only_is_not_a_complaint():
    facts = situation(
        complaint={"filed_date": "2010-03-01", "kind": "civil_only", "offences": ["225-4-1"]},
        testimony="none",
    )

    determination = evaluate_on("2010-07-07", facts)

    assert determination.status("cst") == "NON_REMPLI"
    assert "L316-1" in at(determination, "cst.grounds")
    assert "R-SCOPE-05" in determination.rules_applied


def test_unknown_complaint_and_testimony_leave_the_cst_indeterminate_naming_both():
    facts = situation(complaint=None, testimony=None)

    determination = evaluate_on("2022-05-02", facts)

    assert determination.status("cst") == "INDETERMINE"
    assert {"complaint", "testimony"} <= set(at(determination, "cst.missing_facts"))
    assert "R-SCOPE-05" in determination.rules_applied


def test_no_complaint_and_unknown_testimony_leave_the_cst_indeterminate_naming_the_testimony():
    facts = situation(complaint=NO_COMPLAINT, testimony=None)

    determination = evaluate_on("2022-05-02", facts)

    assert determination.status("cst") == "INDETERMINE"
    assert "testimony" in at(determination, "cst.missing_facts")
    assert "R-SCOPE-05" in determination.rules_applied


def test_penal_complaint_makes_an_unknown_testimony_irrelevant():
    facts = situation(complaint=penal_complaint("2022-04-01"), testimony=None)

    determination = evaluate_on("2022-05-02", facts)

    assert determination.status("cst") == "DE_PLEIN_DROIT"
    assert "R-SCOPE-05" in determination.rules_applied


def test_complaint_against_x_with_judicial_confirmation_is_cooperation():
    facts = situation(
        complaint=penal_complaint("2022-06-01", against_x=True),
        judicial_confirmation_procedure_opened=True,
    )

    determination = evaluate_on("2022-07-01", facts)

    assert determination.status("cst") == "DE_PLEIN_DROIT"
    assert "R-SCOPE-05" in determination.rules_applied


def test_complaint_against_x_needs_judicial_confirmation():
    facts = situation(
        complaint=penal_complaint("2022-06-01", against_x=True),
        judicial_confirmation_procedure_opened=None,
    )

    determination = evaluate_on("2022-07-01", facts)

    assert determination.status("cst") == "INDETERMINE"
    assert at(determination, "cst.missing_facts") == ["judicial_confirmation_procedure_opened"]
    assert "R-SCOPE-05" in determination.rules_applied


def test_complaint_against_x_without_a_procedure_opened_is_not_cooperation():
    facts = situation(
        complaint=penal_complaint("2022-06-01", against_x=True),
        judicial_confirmation_procedure_opened=False,
    )

    determination = evaluate_on("2022-07-01", facts)

    assert determination.status("cst") == "NON_REMPLI"
    assert "R-SCOPE-05" in determination.rules_applied


def test_complaint_filed_by_a_witness_is_not_the_victims_complaint():
    facts = situation(applicant_role="witness", complaint=penal_complaint("2022-04-01"))

    determination = evaluate_on("2022-05-02", facts)

    assert determination.status("cst") == "NON_REMPLI"
    assert "R-SCOPE-05" in determination.rules_applied


def test_witness_testifying_against_a_prosecuted_pimp_may_obtain_the_cst():
    facts = situation(
        nationality="CN",
        applicant_role="witness",
        complaint=NO_COMPLAINT,
        testimony=given_testimony("2022-10-03", "225-7"),
        criminal_procedure_status="prosecution",
    )

    determination = evaluate_on("2022-11-15", facts)

    assert determination.status("cst") == "DE_PLEIN_DROIT"
    assert at(determination, "cst.duration_months") == 12
    assert "R-SCOPE-05" in determination.rules_applied


def test_testimony_when_nobody_is_prosecuted_yet_is_not_cooperation():
    facts = situation(
        applicant_role="witness",
        complaint=NO_COMPLAINT,
        testimony=given_testimony("2022-03-01", accused_prosecuted=False),
    )

    determination = evaluate_on("2022-04-01", facts)

    assert determination.status("cst") == "NON_REMPLI"
    assert "R-SCOPE-05" in determination.rules_applied


def test_testimony_about_offences_outside_the_list_is_not_cooperation():
    facts = situation(
        complaint=NO_COMPLAINT,
        testimony=given_testimony("2022-03-01", "225-13"),
        criminal_procedure_status="prosecution",
    )

    determination = evaluate_on("2022-04-01", facts)

    assert determination.status("cst") == "NON_REMPLI"
    assert {"R-SCOPE-04", "R-SCOPE-05"} <= set(determination.rules_applied)


# --- R-SCOPE-06: Algerian nationals -------------------------------------------------------


def test_algerian_national_is_governed_by_the_1968_agreement_and_the_cst_is_indeterminate():
    facts = situation(nationality="DZ", complaint=penal_complaint("2023-04-01"))

    determination = evaluate_on("2023-05-01", facts)

    assert determination.status("cst") == "INDETERMINE"
    assert determination.status("l432_1_1") == "NON_APPLICABLE"
    assert {"ALGERIAN_REGIME", "OQ_12"} <= set(determination.flags)
    assert "R-SCOPE-06" in determination.rules_applied


def test_algerian_national_escapes_the_l432_1_1_refusal_grounds_of_2024():
    facts = situation(
        nationality="DZ",
        complaint=penal_complaint("2024-02-01"),
        oqtf_previously_not_complied=True,
    )

    determination = evaluate_on("2024-02-20", facts)

    assert determination.status("l432_1_1") == "NON_APPLICABLE"
    assert determination.status("cst") == "INDETERMINE"
    assert "R-SCOPE-06" in determination.rules_applied


def test_algerian_national_needs_no_republican_contract():
    facts = situation(
        nationality="DZ",
        complaint=penal_complaint("2024-07-20"),
        contrat_republique_signed=False,
    )

    determination = evaluate_on("2024-08-01", facts)

    assert determination.status("contrat_republique") == "NOT_REQUIRED"
    assert determination.status("cst") == "INDETERMINE"
    assert "R-SCOPE-06" in determination.rules_applied


def test_unknown_nationality_leaves_the_cst_indeterminate():
    facts = situation(nationality=None)

    determination = evaluate_on("2022-05-02", facts)

    assert determination.status("cst") == "INDETERMINE"
    assert "nationality" in at(determination, "cst.missing_facts")
    assert "R-SCOPE-01" in determination.rules_applied


def test_testimony_against_a_prosecuted_person_makes_an_unknown_complaint_irrelevant():
    facts = situation(
        complaint=None,
        testimony=given_testimony("2022-03-01"),
        criminal_procedure_status="prosecution",
    )

    determination = evaluate_on("2022-04-01", facts)

    assert determination.status("cst") == "DE_PLEIN_DROIT"
    assert "R-SCOPE-05" in determination.rules_applied


def test_unknown_role_of_the_complainant_leaves_the_cst_indeterminate():
    facts = situation(applicant_role=None)

    determination = evaluate_on("2022-05-02", facts)

    assert determination.status("cst") == "INDETERMINE"
    assert "applicant_role" in at(determination, "cst.missing_facts")
    assert "R-SCOPE-05" in determination.rules_applied
