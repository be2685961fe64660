"""Renewal of the CST: R-RENEW-01 to R-RENEW-04, with the 2024 refusal grounds and contract
that also reach the renewal (legal-spec.md §3.6, R-CST-08, R-CST-09)."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import NO_COMPLAINT, at, document, evaluate_on, situation


def renewal_case(valid_from: str, valid_until: str, filed: str, **overrides: Any) -> dict[str, Any]:
    """She holds a CST issued on her complaint and applies for its renewal on ``filed``;
    the procedure is under appeal unless overridden."""
    base = {
        "current_document": document("cst", valid_from, valid_until),
        "application": {"kind": "cst_renewal", "filing_date": filed},
        "criminal_procedure_status": "appeal_pending",
    }
    return situation(**{**base, **overrides})


# --- R-RENEW-01: renewal for the whole criminal procedure ---------------------------------


def test_renewal_is_discretionary_on_5_august_2014_as_the_card_is_only_renouvelable():
    facts = renewal_case("2013-09-01", "2014-08-31", "2014-07-15")

    determination = evaluate_on("2014-08-05", facts)

    assert determination.status("cst_renewal") == "DISCRETIONNAIRE"
    assert "R-RENEW-01" in determination.rules_applied


def test_renewal_is_de_plein_droit_from_6_august_2014_as_the_card_est_renouvelee():
    facts = renewal_case("2013-09-01", "2014-08-31", "2014-07-15")

    determination = evaluate_on("2014-08-06", facts)

    assert determination.status("cst_renewal") == "DE_PLEIN_DROIT"
    assert "R-RENEW-01" in determination.rules_applied


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
def test_renewal_continues_at_every_stage_of_the_procedure_including_appeals(stage):
    facts = renewal_case("2018-10-16", "2019-10-15", "2019-09-01", criminal_procedure_status=stage)

    determination = evaluate_on("2019-09-01", facts)

    assert determination.status("cst_renewal") == "DE_PLEIN_DROIT"
    assert at(determination, "cst_renewal.duration_months") == {"min": 6, "max": 12}
    assert "R-RENEW-01" in determination.rules_applied


def test_renewal_during_the_appeal_in_2022_is_de_plein_droit_for_one_year():
    facts = renewal_case("2021-06-01", "2022-05-31", "2022-02-20")

    determination = evaluate_on("2022-03-01", facts)

    assert determination.status("cst_renewal") == "DE_PLEIN_DROIT"
    assert at(determination, "cst_renewal.duration_months") == 12
    assert "R-RENEW-01" in determination.rules_applied


def test_renewal_is_not_met_when_ties_are_no_longer_broken():
    facts = renewal_case(
        "2021-06-01", "2022-05-31", "2022-02-20", ties_with_perpetrators_broken=False
    )

    determination = evaluate_on("2022-03-01", facts)

    assert determination.status("cst_renewal") == "NON_REMPLI"
    assert "R-RENEW-01" in determination.rules_applied


def test_renewal_is_barred_by_a_threat_to_public_order():
    facts = renewal_case("2021-06-01", "2022-05-31", "2022-02-20", public_order_threat="threat")

    determination = evaluate_on("2022-03-01", facts)

    assert determination.status("cst_renewal") == "EXCLU"
    assert "R-RENEW-01" in determination.rules_applied


def test_renewal_is_not_met_when_she_renewed_ties_after_the_card_was_issued():
    facts = renewal_case(
        "2021-06-01", "2022-05-31", "2022-02-20", ties_renewed_on_own_initiative_date="2022-01-10"
    )

    determination = evaluate_on("2022-03-01", facts)

    assert determination.status("cst_renewal") == "NON_REMPLI"
    assert "R-RENEW-01" in determination.rules_applied


def test_renewal_is_not_met_when_she_stopped_cooperating():
    facts = renewal_case("2021-06-01", "2022-05-31", "2022-02-20", cooperation_ceased=True)

    determination = evaluate_on("2022-03-01", facts)

    assert determination.status("cst_renewal") == "NON_REMPLI"
    assert "R-RENEW-01" in determination.rules_applied


def test_renewal_is_not_met_when_the_complaint_was_found_false():
    facts = renewal_case(
        "2021-06-01", "2022-05-31", "2022-02-20", complaint_found_false_or_unfounded=True
    )

    determination = evaluate_on("2022-03-01", facts)

    assert determination.status("cst_renewal") == "NON_REMPLI"
    assert "R-RENEW-01" in determination.rules_applied


def test_renewal_is_not_met_without_complaint_or_testimony():
    facts = renewal_case("2021-06-01", "2022-05-31", "2022-02-20", complaint=NO_COMPLAINT)

    determination = evaluate_on("2022-03-01", facts)

    assert determination.status("cst_renewal") == "NON_REMPLI"
    assert "R-RENEW-01" in determination.rules_applied


def test_unknown_renewal_of_ties_leaves_the_renewal_indeterminate():
    facts = renewal_case(
        "2021-06-01", "2022-05-31", "2022-02-20", ties_renewed_on_own_initiative_date=None
    )

    determination = evaluate_on("2022-03-01", facts)

    assert determination.status("cst_renewal") == "INDETERMINE"
    assert "ties_renewed_on_own_initiative_date" in at(determination, "cst_renewal.missing_facts")
    assert "R-RENEW-01" in determination.rules_applied


@pytest.mark.parametrize(
    ("fact", "ground"),
    [
        ("oqtf_previously_not_complied", "L432-1-1 1°"),
        ("facts_forgery_441", "L432-1-1 2°"),
        ("facts_l432_1_1_serious_offences", "L432-1-1 3°"),
        ("facts_violence_against_officials", "L432-1-1 4°"),
    ],
)
def test_l432_1_1_ground_makes_the_renewal_discretionary_from_28_january_2024(fact, ground):
    facts = renewal_case("2023-02-01", "2024-01-31", "2023-11-15", **{fact: True})

    determination = evaluate_on("2024-01-28", facts)

    assert determination.status("cst_renewal") == "DISCRETIONNAIRE"
    assert ground in at(determination, "cst_renewal.grounds")
    assert {"R-RENEW-01", "R-CST-09"} <= set(determination.rules_applied)


def test_l432_1_1_ground_does_not_affect_the_renewal_on_27_january_2024():
    facts = renewal_case(
        "2023-02-01", "2024-01-31", "2023-11-15", oqtf_previously_not_complied=True
    )

    determination = evaluate_on("2024-01-27", facts)

    assert determination.status("cst_renewal") == "DE_PLEIN_DROIT"
    assert "R-RENEW-01" in determination.rules_applied


def test_refusal_to_sign_the_contract_bars_a_renewal_filed_from_17_july_2024():
    facts = renewal_case("2023-09-01", "2024-08-31", "2024-07-17", contrat_republique_signed=False)

    determination = evaluate_on("2024-08-01", facts)

    assert determination.status("cst_renewal") == "EXCLU"
    assert "L412-8" in at(determination, "cst_renewal.grounds")
    assert {"R-RENEW-01", "R-CST-08"} <= set(determination.rules_applied)


def test_renewal_filed_on_16_july_2024_needs_no_contract():
    facts = renewal_case("2023-09-01", "2024-08-31", "2024-07-16", contrat_republique_signed=False)

    determination = evaluate_on("2024-08-01", facts)

    assert determination.status("cst_renewal") == "DE_PLEIN_DROIT"
    assert "R-RENEW-01" in determination.rules_applied


# --- R-RENEW-02: when the procedure is over -----------------------------------------------


@pytest.mark.parametrize(
    "closed", ["definitive_conviction", "definitive_acquittal", "classement_sans_suite", "non_lieu"]
)
def test_renewal_is_not_met_once_the_procedure_is_definitively_closed(closed):
    facts = renewal_case(
        "2021-06-01",
        "2022-05-31",
        "2022-02-20",
        criminal_procedure_status=closed,
        convicted_offences_of_accused=["225-4-1"],
    )

    determination = evaluate_on("2022-03-01", facts)

    assert determination.status("cst_renewal") == "NON_REMPLI"
    assert "R-RENEW-02" in determination.rules_applied


# --- R-RENEW-03: filing window ------------------------------------------------------------


@pytest.mark.parametrize(
    ("filed", "timely"),
    [
        ("2022-01-30", False),  # day 121 before expiry
        ("2022-01-31", True),  # day 120
        ("2022-04-01", True),  # day 60
        ("2022-04-02", False),  # day 59
    ],
)
def test_online_renewal_is_filed_between_the_120th_and_the_60th_day_before_expiry(filed, timely):
    facts = renewal_case(
        "2021-06-01",
        "2022-05-31",
        filed,
        application={"kind": "cst_renewal", "filing_date": filed, "online_anef": True},
    )

    determination = evaluate_on("2022-04-15", facts)

    assert at(determination, "cst_renewal.filing_timely") is timely
    window = {"from": "2022-01-31", "to": "2022-04-01"}
    assert at(determination, "cst_renewal.filing_window") == window
    assert "R-RENEW-03" in determination.rules_applied


def test_late_renewal_is_flagged_but_keeps_its_substantive_status():
    facts = renewal_case(
        "2023-01-01",
        "2023-12-31",
        "2023-12-20",
        application={"kind": "cst_renewal", "filing_date": "2023-12-20", "online_anef": True},
        criminal_procedure_status="prosecution",
    )

    determination = evaluate_on("2023-12-20", facts)

    assert at(determination, "cst_renewal.filing_timely") is False
    window = {"from": "2023-09-02", "to": "2023-11-01"}
    assert at(determination, "cst_renewal.filing_window") == window
    assert "LATE_FILING" in determination.flags
    assert determination.status("cst_renewal") == "DE_PLEIN_DROIT"
    assert "R-RENEW-03" in determination.rules_applied


def test_renewal_filed_in_the_two_months_before_expiry_in_2012_is_timely():
    facts = renewal_case(
        "2012-01-01", "2012-12-31", "2012-11-15", criminal_procedure_status="prosecution"
    )

    determination = evaluate_on("2012-11-15", facts)

    assert at(determination, "cst_renewal.filing_timely") is True
    assert "LATE_FILING" not in determination.flags
    assert determination.status("cst_renewal") == "DISCRETIONNAIRE"
    assert {"R-RENEW-01", "R-RENEW-03"} <= set(determination.rules_applied)


def test_renewal_filed_two_and_a_half_months_before_expiry_in_2012_is_not_timely():
    facts = renewal_case(
        "2012-01-01", "2012-12-31", "2012-10-15", criminal_procedure_status="prosecution"
    )

    determination = evaluate_on("2012-11-15", facts)

    assert at(determination, "cst_renewal.filing_timely") is False
    assert "LATE_FILING" in determination.flags
    assert "R-RENEW-03" in determination.rules_applied


def test_paper_renewal_in_2022_is_filed_in_the_two_months_before_expiry():
    facts = renewal_case(
        "2022-01-01",
        "2022-12-31",
        "2022-11-15",
        application={"kind": "cst_renewal", "filing_date": "2022-11-15", "online_anef": False},
    )

    determination = evaluate_on("2022-11-15", facts)

    assert at(determination, "cst_renewal.filing_timely") is True
    assert "R-RENEW-03" in determination.rules_applied


def test_paper_renewal_in_2022_filed_within_the_online_window_but_before_the_two_months_is_late():
    facts = renewal_case(
        "2022-01-01",
        "2022-12-31",
        "2022-09-15",
        application={"kind": "cst_renewal", "filing_date": "2022-09-15", "online_anef": False},
    )

    determination = evaluate_on("2022-11-15", facts)

    assert at(determination, "cst_renewal.filing_timely") is False
    assert "R-RENEW-03" in determination.rules_applied


# --- R-RENEW-04: three-renewal cap of L433-1-1 ----------------------------------------------


def test_fourth_renewal_continues_under_l425_1_with_the_conflict_flag():
    facts = renewal_case(
        "2023-09-11",
        "2024-09-10",
        "2024-07-01",
        previous_consecutive_cst_renewals=3,
        contrat_republique_signed=True,
    )

    determination = evaluate_on("2024-09-10", facts)

    assert determination.status("cst_renewal") == "DE_PLEIN_DROIT"
    assert "CONFLICT_L433_1_1" in determination.flags
    assert "R-RENEW-04" in determination.rules_applied


def test_no_conflict_with_l433_1_1_on_27_january_2024():
    facts = renewal_case(
        "2023-02-01", "2024-01-31", "2023-11-15", previous_consecutive_cst_renewals=3
    )

    determination = evaluate_on("2024-01-27", facts)

    assert determination.status("cst_renewal") == "DE_PLEIN_DROIT"
    assert "CONFLICT_L433_1_1" not in determination.flags


def test_conflict_with_l433_1_1_from_28_january_2024():
    facts = renewal_case(
        "2023-02-01", "2024-01-31", "2023-11-15", previous_consecutive_cst_renewals=3
    )

    determination = evaluate_on("2024-01-28", facts)

    assert determination.status("cst_renewal") == "DE_PLEIN_DROIT"
    assert "CONFLICT_L433_1_1" in determination.flags
    assert "R-RENEW-04" in determination.rules_applied


def test_third_renewal_raises_no_conflict_with_l433_1_1():
    facts = renewal_case(
        "2023-09-11",
        "2024-09-10",
        "2024-07-01",
        previous_consecutive_cst_renewals=2,
    )

    determination = evaluate_on("2024-09-10", facts)

    assert determination.status("cst_renewal") == "DE_PLEIN_DROIT"
    assert "CONFLICT_L433_1_1" not in determination.flags
