"""Social rights: R-SOCIAL-01 to R-SOCIAL-06 (legal-spec.md §3.13)."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import at, document, evaluate_on, situation


def cst_holder(valid_from: str, valid_until: str, **overrides: Any) -> dict[str, Any]:
    """An adult holding a CST L316-1 / L425-1, with resources of 300 € a month."""
    base = {
        "date_of_birth": "1991-02-01",
        "current_document": document("cst", valid_from, valid_until),
        "monthly_resources_eur": 300,
    }
    return situation(**{**base, **overrides})


# --- R-SOCIAL-01: allowance (ATA, then ADA) -------------------------------------------------


def test_adult_cst_holder_with_low_resources_gets_the_ada_until_the_card_expires_in_2016():
    facts = cst_holder("2016-01-01", "2016-12-31")

    determination = evaluate_on("2016-06-01", facts)

    assert at(determination, "allowance.kind") == "ADA"
    assert at(determination, "allowance.status") == "ELIGIBLE"
    assert at(determination, "allowance.end") == "2016-12-31"
    assert "R-SOCIAL-01" in determination.rules_applied


def test_cst_holder_may_apply_for_the_ata_on_31_october_2015():
    facts = cst_holder("2015-06-01", "2016-05-31")

    determination = evaluate_on("2015-10-31", facts)

    assert at(determination, "allowance.kind") == "ATA"
    assert at(determination, "allowance.status") == "ELIGIBLE_TO_APPLY"
    assert "R-SOCIAL-01" in determination.rules_applied


def test_cst_holder_gets_the_ada_from_1_november_2015():
    facts = cst_holder("2015-06-01", "2016-05-31")

    determination = evaluate_on("2015-11-01", facts)

    assert at(determination, "allowance.kind") == "ADA"
    assert at(determination, "allowance.status") == "ELIGIBLE"
    assert "R-SOCIAL-01" in determination.rules_applied


@pytest.mark.parametrize(("resources", "status"), [(524.67, "ELIGIBLE"), (524.68, "NOT_ELIGIBLE")])
def test_ada_needs_resources_below_the_rsa_amount_of_524_68_in_june_2016(resources, status):
    facts = cst_holder("2016-01-01", "2016-12-31", monthly_resources_eur=resources)

    determination = evaluate_on("2016-06-01", facts)

    assert at(determination, "allowance.status") == status
    assert "R-SOCIAL-01" in determination.rules_applied


@pytest.mark.parametrize(
    ("eval_date", "status"),
    [
        ("2016-08-31", "NOT_ELIGIBLE"),  # ceiling 524.68
        ("2016-09-01", "ELIGIBLE"),  # ceiling 535.17
    ],
)
def test_ada_ceiling_follows_the_rsa_revaluation_of_1_september_2016(eval_date, status):
    facts = cst_holder("2016-01-01", "2016-12-31", monthly_resources_eur=530)

    determination = evaluate_on(eval_date, facts)

    assert at(determination, "allowance.status") == status
    assert "R-SOCIAL-01" in determination.rules_applied


@pytest.mark.parametrize(
    ("eval_date", "status"),
    [
        ("2016-06-01", "NOT_ELIGIBLE"),  # the day before her 18th birthday
        ("2016-06-02", "ELIGIBLE"),  # her 18th birthday
    ],
)
def test_ada_is_for_cst_holders_aged_18_or_over(eval_date, status):
    facts = cst_holder("2016-01-01", "2016-12-31", date_of_birth="1998-06-02")

    determination = evaluate_on(eval_date, facts)

    assert at(determination, "allowance.status") == status
    assert "R-SOCIAL-01" in determination.rules_applied


def test_unknown_resources_leave_the_ada_indeterminate():
    facts = cst_holder("2016-01-01", "2016-12-31", monthly_resources_eur=None)

    determination = evaluate_on("2016-06-01", facts)

    assert at(determination, "allowance.status") == "INDETERMINE"
    assert "monthly_resources_eur" in at(determination, "allowance.missing_facts")
    assert "R-SOCIAL-01" in determination.rules_applied


def test_carte_de_resident_holder_is_not_eligible_for_the_ada():
    facts = situation(
        criminal_procedure_status="definitive_conviction",
        convicted_offences_of_accused=["225-4-1"],
        current_document=document("carte_resident", "2020-01-01", "2029-12-31"),
        monthly_resources_eur=300,
        reflection_recepisse_delivery_date="none",
        reflection_requested=False,
    )

    determination = evaluate_on("2022-06-01", facts)

    assert at(determination, "allowance.status") == "NOT_ELIGIBLE"
    assert "R-SOCIAL-01" in determination.rules_applied


def test_adult_cst_holder_with_low_resources_gets_the_ada_under_l425_2_in_2022():
    facts = cst_holder("2022-01-01", "2022-12-31")

    determination = evaluate_on("2022-06-01", facts)

    assert at(determination, "allowance.kind") == "ADA"
    assert at(determination, "allowance.status") == "ELIGIBLE"
    assert "R-SOCIAL-01" in determination.rules_applied


# --- R-SOCIAL-02 to R-SOCIAL-06: health, accommodation, legal aid, protection, support -----------


def test_health_cover_of_the_cst_holder_is_assessed():
    facts = cst_holder("2022-01-01", "2022-12-31")

    determination = evaluate_on("2022-06-01", facts)

    assert determination.status("health") is not None
    assert "R-SOCIAL-02" in determination.rules_applied


@pytest.mark.parametrize(
    "rule",
    [
        "R-SOCIAL-03",  # accommodation: CHRS, Ac-Sé
        "R-SOCIAL-04",  # legal aid and compensation (CIVI)
        "R-SOCIAL-05",  # police protection
        "R-SOCIAL-06",  # social support and return assistance
    ],
)
def test_rights_of_the_cst_holder_are_applied(rule):
    facts = cst_holder("2022-01-01", "2022-12-31")

    determination = evaluate_on("2022-06-01", facts)

    assert determination.status("cst") == "DE_PLEIN_DROIT"
    assert rule in determination.rules_applied


def test_ada_ends_when_the_cst_expires():
    facts = cst_holder(
        "2015-06-01",
        "2016-05-31",
        reflection_recepisse_delivery_date="none",
        reflection_requested=False,
    )

    determination = evaluate_on("2016-06-01", facts)

    assert at(determination, "allowance.status") == "NOT_ELIGIBLE"
    assert "R-SOCIAL-01" in determination.rules_applied
