"""Non-cooperating victims and the parcours de sortie de la prostitution: R-NONCOOP-01 and
R-NONCOOP-02 (legal-spec.md §3.11)."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import NO_COMPLAINT, alternative, at, evaluate_on, situation


def not_cooperating(**overrides: Any) -> dict[str, Any]:
    """She has neither complained nor testified."""
    base = {"complaint": NO_COMPLAINT, "testimony": "none", "criminal_procedure_status": None}
    return situation(**{**base, **overrides})


# --- R-NONCOOP-01: discretionary admission without complaint or testimony --------------------


def test_victim_who_does_not_cooperate_for_fear_of_reprisals_may_get_l313_14_favourably():
    facts = not_cooperating(
        fear_of_reprisals=True, integration_efforts=["language_training", "employment"]
    )

    determination = evaluate_on("2010-05-01", facts)

    assert determination.status("cst") == "NON_REMPLI"
    assert alternative(determination, "L313-14")["status"] == "DISCRETIONNAIRE"
    assert alternative(determination, "L313-14")["guidance"] == "FAVORABLE"
    assert "R-NONCOOP-01" in determination.rules_applied


def test_admission_exceptionnelle_is_l313_14_on_30_april_2021():
    facts = not_cooperating(integration_efforts=["vocational_training"])

    determination = evaluate_on("2021-04-30", facts)

    assert alternative(determination, "L313-14")["status"] == "DISCRETIONNAIRE"
    assert alternative(determination, "L435-1") is None
    assert "R-NONCOOP-01" in determination.rules_applied


def test_admission_exceptionnelle_is_l435_1_from_1_may_2021():
    facts = not_cooperating(integration_efforts=["vocational_training"])

    determination = evaluate_on("2021-05-01", facts)

    assert determination.status("cst") == "NON_REMPLI"
    assert alternative(determination, "L435-1")["status"] == "DISCRETIONNAIRE"
    assert alternative(determination, "L313-14") is None
    assert "R-NONCOOP-01" in determination.rules_applied


def test_admission_exceptionnelle_does_not_depend_on_fear_of_reprisals():
    facts = not_cooperating(fear_of_reprisals=False, integration_efforts=["employment"])

    determination = evaluate_on("2022-05-01", facts)

    assert alternative(determination, "L435-1")["status"] == "DISCRETIONNAIRE"
    assert "R-NONCOOP-01" in determination.rules_applied


def test_no_favourable_guidance_without_reintegration_efforts():
    facts = not_cooperating(fear_of_reprisals=True, integration_efforts=[])

    determination = evaluate_on("2010-05-01", facts)

    assert alternative(determination, "L313-14")["status"] == "DISCRETIONNAIRE"
    assert alternative(determination, "L313-14").get("guidance") != "FAVORABLE"
    assert "R-NONCOOP-01" in determination.rules_applied


def test_complaint_outside_the_list_of_offences_opens_the_admission_exceptionnelle():
    facts = situation(
        complaint={
            "filed_date": "2022-03-01",
            "kind": "penal",
            "against_x": False,
            "offences": ["225-14"],
        }
    )

    determination = evaluate_on("2022-05-01", facts)

    assert determination.status("cst") == "NON_REMPLI"
    assert alternative(determination, "L435-1")["status"] == "DISCRETIONNAIRE"
    assert "R-NONCOOP-01" in determination.rules_applied


# --- R-NONCOOP-02: APS for a parcours de sortie de la prostitution ----------------------------


def test_no_aps_for_a_parcours_de_sortie_before_loi_2016_444():
    facts = not_cooperating(ceased_prostitution=True, prostitution_exit_path_authorised_date="none")

    determination = evaluate_on("2015-12-01", facts)

    assert determination.status("aps") == "NON_APPLICABLE"
    assert alternative(determination, "L313-14")["status"] == "DISCRETIONNAIRE"
    assert {"R-NONCOOP-01", "R-NONCOOP-02"} <= set(determination.rules_applied)


def test_aps_does_not_exist_on_14_april_2016():
    facts = not_cooperating(
        ceased_prostitution=True, prostitution_exit_path_authorised_date="2016-04-14"
    )

    determination = evaluate_on("2016-04-14", facts)

    assert determination.status("aps") == "NON_APPLICABLE"
    assert "R-NONCOOP-02" in determination.rules_applied


def test_aps_may_be_granted_from_15_april_2016_to_a_person_in_an_authorised_parcours():
    facts = not_cooperating(
        ceased_prostitution=True, prostitution_exit_path_authorised_date="2016-04-15"
    )

    determination = evaluate_on("2016-04-15", facts)

    assert determination.status("aps") == "DISCRETIONNAIRE"
    assert at(determination, "aps.min_duration_months") == 6
    assert at(determination, "aps.work_authorised") is True
    assert "R-NONCOOP-02" in determination.rules_applied


def test_aps_is_not_met_while_prostitution_has_not_ceased():
    facts = not_cooperating(
        ceased_prostitution=False, prostitution_exit_path_authorised_date="2022-01-10"
    )

    determination = evaluate_on("2022-03-01", facts)

    assert determination.status("aps") == "NON_REMPLI"
    assert "R-NONCOOP-02" in determination.rules_applied


def test_aps_is_not_met_without_authorisation_of_the_parcours():
    facts = not_cooperating(ceased_prostitution=True, prostitution_exit_path_authorised_date="none")

    determination = evaluate_on("2022-03-01", facts)

    assert determination.status("aps") == "NON_REMPLI"
    assert "R-NONCOOP-02" in determination.rules_applied


def test_aps_is_not_met_the_day_before_the_authorisation_of_the_parcours():
    facts = not_cooperating(
        ceased_prostitution=True, prostitution_exit_path_authorised_date="2022-03-02"
    )

    determination = evaluate_on("2022-03-01", facts)

    assert determination.status("aps") == "NON_REMPLI"
    assert "R-NONCOOP-02" in determination.rules_applied


def test_unknown_end_of_prostitution_leaves_the_aps_indeterminate():
    facts = not_cooperating(
        ceased_prostitution=None, prostitution_exit_path_authorised_date="2022-01-10"
    )

    determination = evaluate_on("2022-03-01", facts)

    assert determination.status("aps") == "INDETERMINE"
    assert "ceased_prostitution" in at(determination, "aps.missing_facts")
    assert "R-NONCOOP-02" in determination.rules_applied


def test_aps_is_not_granted_to_a_threat_to_public_order():
    facts = not_cooperating(
        ceased_prostitution=True,
        prostitution_exit_path_authorised_date="2022-01-10",
        public_order_threat="threat",
    )

    determination = evaluate_on("2022-03-01", facts)

    assert determination.status("aps") in ("EXCLU", "NON_REMPLI")
    assert "R-NONCOOP-02" in determination.rules_applied


@pytest.mark.parametrize(
    ("filed", "status"), [("2024-07-16", "DISCRETIONNAIRE"), ("2024-07-17", "EXCLU")]
)
def test_aps_needs_the_signed_contract_for_applications_filed_from_17_july_2024(filed, status):
    facts = not_cooperating(
        ceased_prostitution=True,
        prostitution_exit_path_authorised_date="2024-01-10",
        contrat_republique_signed=False,
        application={"kind": "aps_prostitution_exit", "filing_date": filed},
    )

    determination = evaluate_on("2024-08-01", facts)

    assert determination.status("aps") == status
    assert {"R-NONCOOP-02", "R-CST-08"} <= set(determination.rules_applied)
