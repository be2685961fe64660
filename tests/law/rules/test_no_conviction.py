"""No conviction; victim herself convicted: R-NOCONV-01, R-VICTIMCONV-01 to R-VICTIMCONV-03
(legal-spec.md §3.9)."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import alternative, at, document, evaluate_on, situation


def cst_holder(valid_from: str, valid_until: str, **overrides: Any) -> dict[str, Any]:
    """She holds a CST issued on her complaint and applies for its renewal."""
    base = {
        "current_document": document("cst", valid_from, valid_until),
        "application": {"kind": "cst_renewal", "filing_date": valid_from},
    }
    return situation(**{**base, **overrides})


# --- R-NOCONV-01: procedure ends without conviction ---------------------------------------


def test_classement_sans_suite_leads_to_favourable_examination_on_l313_11_7_and_l313_14():
    facts = cst_holder(
        "2011-11-01",
        "2012-10-31",
        criminal_procedure_status="classement_sans_suite",
        reality_of_facts_questioned=False,
        application={"kind": "cst_renewal", "filing_date": "2012-09-01"},
    )

    determination = evaluate_on("2012-09-01", facts)

    assert determination.status("cst_renewal") == "NON_REMPLI"
    assert determination.status("carte_resident") == "NON_REMPLI"
    for basis in ("L313-11 7°", "L313-14"):
        assert alternative(determination, basis)["status"] == "DISCRETIONNAIRE"
        assert alternative(determination, basis)["guidance"] == "FAVORABLE"
    assert "R-NOCONV-01" in determination.rules_applied


@pytest.mark.parametrize("closed", ["definitive_acquittal", "classement_sans_suite", "non_lieu"])
def test_procedure_closed_without_conviction_on_30_april_2021_opens_l313_11_7_and_l313_14(closed):
    facts = cst_holder("2020-06-01", "2021-05-31", criminal_procedure_status=closed)

    determination = evaluate_on("2021-04-30", facts)

    assert determination.status("cst_renewal") == "NON_REMPLI"
    assert alternative(determination, "L313-11 7°")["status"] == "DISCRETIONNAIRE"
    assert alternative(determination, "L313-14")["status"] == "DISCRETIONNAIRE"
    assert "R-NOCONV-01" in determination.rules_applied


@pytest.mark.parametrize("closed", ["definitive_acquittal", "classement_sans_suite", "non_lieu"])
def test_procedure_closed_without_conviction_from_1_may_2021_opens_l423_23_and_l435_1(closed):
    facts = cst_holder("2020-06-01", "2021-05-31", criminal_procedure_status=closed)

    determination = evaluate_on("2021-05-01", facts)

    assert determination.status("cst_renewal") == "NON_REMPLI"
    assert determination.status("carte_resident") == "NON_REMPLI"
    assert alternative(determination, "L423-23")["status"] == "DISCRETIONNAIRE"
    assert alternative(determination, "L435-1")["status"] == "DISCRETIONNAIRE"
    assert alternative(determination, "L313-14") is None
    assert "R-NOCONV-01" in determination.rules_applied


def test_no_favourable_guidance_when_the_reality_of_the_facts_is_questioned():
    facts = cst_holder(
        "2011-11-01",
        "2012-10-31",
        criminal_procedure_status="definitive_acquittal",
        reality_of_facts_questioned=True,
    )

    determination = evaluate_on("2012-09-01", facts)

    assert alternative(determination, "L313-14")["status"] == "DISCRETIONNAIRE"
    assert alternative(determination, "L313-14").get("guidance") != "FAVORABLE"
    assert alternative(determination, "L313-11 7°").get("guidance") != "FAVORABLE"
    assert "R-NOCONV-01" in determination.rules_applied


def test_cooperating_person_whose_renewal_and_carte_de_resident_both_fail_may_use_other_bases():
    facts = cst_holder(
        "2021-06-01",
        "2022-05-31",
        criminal_procedure_status="appeal_pending",
        ties_with_perpetrators_broken=False,
    )

    determination = evaluate_on("2022-03-01", facts)

    assert determination.status("cst_renewal") == "NON_REMPLI"
    assert determination.status("carte_resident") == "NON_REMPLI"
    assert alternative(determination, "L423-23")["status"] == "DISCRETIONNAIRE"
    assert alternative(determination, "L435-1")["status"] == "DISCRETIONNAIRE"
    assert "R-NOCONV-01" in determination.rules_applied


def test_no_alternative_basis_while_the_renewal_is_de_plein_droit():
    facts = cst_holder("2021-06-01", "2022-05-31", criminal_procedure_status="appeal_pending")

    determination = evaluate_on("2022-03-01", facts)

    assert determination.status("cst_renewal") == "DE_PLEIN_DROIT"
    assert alternative(determination, "L423-23") is None
    assert "R-NOCONV-01" in determination.rules_applied


# --- R-VICTIMCONV-01: victim convicted of minor offences in the same procedure ------------------


def test_victim_convicted_of_racolage_in_the_same_procedure_keeps_a_favourable_renewal_in_2010():
    facts = cst_holder(
        "2009-10-16",
        "2010-10-15",
        victim_convictions=[
            {
                "article": "225-10-1",
                "date": "2010-04-02",
                "in_same_procedure": True,
                "minor_relative": True,
            }
        ],
        criminal_procedure_status="prosecution",
        application={"kind": "cst_renewal", "filing_date": "2010-09-01"},
    )

    determination = evaluate_on("2010-09-01", facts)

    assert determination.status("cst_renewal") == "DISCRETIONNAIRE"
    assert at(determination, "cst_renewal.guidance") == "FAVORABLE"
    assert {"R-VICTIMCONV-01", "R-RENEW-01"} <= set(determination.rules_applied)


def test_minor_conviction_in_the_same_procedure_does_not_by_itself_remove_the_right_in_2019():
    facts = cst_holder(
        "2018-10-16",
        "2019-10-15",
        victim_convictions=[
            {
                "article": "225-10-1",
                "date": "2015-04-02",
                "in_same_procedure": True,
                "minor_relative": True,
            }
        ],
        criminal_procedure_status="appeal_pending",
    )

    determination = evaluate_on("2019-09-01", facts)

    assert determination.status("cst_renewal") == "DE_PLEIN_DROIT"
    assert "R-VICTIMCONV-01" in determination.rules_applied


# --- R-VICTIMCONV-02: racolage is no longer an offence from 2016-04-15 --------------------------


def test_alleged_racolage_act_of_15_april_2016_is_not_treated_as_an_offence():
    facts = situation(alleged_offence_acts=[{"kind": "racolage", "date": "2016-04-15"}])

    determination = evaluate_on("2016-05-01", facts)

    assert at(determination, "racolage_as_offence.status") == "IGNORED"
    assert "R-VICTIMCONV-02" in determination.rules_applied


def test_alleged_racolage_act_of_14_april_2016_was_still_an_offence():
    facts = situation(alleged_offence_acts=[{"kind": "racolage", "date": "2016-04-14"}])

    determination = evaluate_on("2016-05-01", facts)

    assert at(determination, "racolage_as_offence.status") != "IGNORED"
    assert "R-VICTIMCONV-02" in determination.rules_applied


# --- R-VICTIMCONV-03: victim who committed listed offences ---------------------------------------


def test_listed_offences_committed_by_the_holder_allow_withdrawal_under_r311_15_on_30_april_2021():
    facts = cst_holder("2020-06-01", "2021-05-31", facts_l432_1_1_serious_offences=True)

    determination = evaluate_on("2021-04-30", facts)

    assert determination.status("cst_withdrawal") == "DISCRETIONNAIRE"
    assert "R311-15 I 1°" in at(determination, "cst_withdrawal.grounds")
    assert "R-VICTIMCONV-03" in determination.rules_applied


def test_listed_offences_committed_by_the_holder_allow_withdrawal_under_r432_4_from_1_may_2021():
    facts = cst_holder("2020-06-01", "2021-05-31", facts_l432_1_1_serious_offences=True)

    determination = evaluate_on("2021-05-01", facts)

    assert determination.status("cst_withdrawal") == "DISCRETIONNAIRE"
    assert "R432-4 1°" in at(determination, "cst_withdrawal.grounds")
    assert "R-VICTIMCONV-03" in determination.rules_applied


def test_holder_who_recruited_other_victims_in_2024_faces_discretionary_renewal_and_withdrawal():
    facts = cst_holder(
        "2023-07-01",
        "2024-06-30",
        facts_l432_1_1_serious_offences=True,
        criminal_procedure_status="appeal_pending",
        application={"kind": "cst_renewal", "filing_date": "2024-04-15"},
    )

    determination = evaluate_on("2024-04-15", facts)

    assert determination.status("cst_renewal") == "DISCRETIONNAIRE"
    assert "L432-1-1 3°" in at(determination, "cst_renewal.grounds")
    assert determination.status("cst_withdrawal") == "DISCRETIONNAIRE"
    assert "R432-4 1°" in at(determination, "cst_withdrawal.grounds")
    assert {"R-VICTIMCONV-03", "R-CST-09"} <= set(determination.rules_applied)


def test_forgery_is_a_refusal_ground_for_the_renewal_but_not_a_withdrawal_ground():
    facts = cst_holder(
        "2023-07-01",
        "2024-06-30",
        facts_forgery_441=True,
        criminal_procedure_status="appeal_pending",
        application={"kind": "cst_renewal", "filing_date": "2024-04-15"},
    )

    determination = evaluate_on("2024-04-15", facts)

    assert determination.status("cst_renewal") == "DISCRETIONNAIRE"
    assert "L432-1-1 2°" in at(determination, "cst_renewal.grounds")
    assert determination.status("cst_withdrawal") == "NON_REMPLI"
    assert "R-VICTIMCONV-03" in determination.rules_applied


def test_racolage_conviction_of_the_victim_is_no_l432_1_1_ground_in_2024():
    facts = cst_holder(
        "2023-07-01",
        "2024-06-30",
        victim_convictions=[
            {
                "article": "225-10-1",
                "date": "2015-04-02",
                "in_same_procedure": True,
                "minor_relative": True,
            }
        ],
        criminal_procedure_status="appeal_pending",
        application={"kind": "cst_renewal", "filing_date": "2024-04-15"},
    )

    determination = evaluate_on("2024-04-15", facts)

    assert determination.status("cst_renewal") == "DE_PLEIN_DROIT"
    assert determination.status("cst_withdrawal") == "NON_REMPLI"
    assert {"R-VICTIMCONV-01", "R-VICTIMCONV-03"} <= set(determination.rules_applied)
