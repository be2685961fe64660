"""Récépissés: R-RECEPISSE-01 and R-RECEPISSE-02 (legal-spec.md §3.4)."""

from __future__ import annotations

from conftest import at, document, evaluate_on, penal_complaint, situation

# --- R-RECEPISSE-01: features of the reflection récépissé ---------------------------------


def test_reflection_recepisse_is_valid_30_days_authorises_work_and_needs_no_file():
    facts = situation(
        reflection_requested=True,
        police_referral_to_prefecture=True,
        photo_provided=True,
        information_given_date="2022-03-01",
    )

    determination = evaluate_on("2022-03-01", facts)

    assert determination.status("reflection_recepisse") == "DE_PLEIN_DROIT"
    assert at(determination, "reflection_recepisse.validity_days") == 30
    assert at(determination, "reflection_recepisse.valid_until") == "2022-03-31"
    assert at(determination, "reflection_recepisse.work_authorised") is True
    assert at(determination, "reflection_recepisse.file_instruction_required") is False
    assert "R-RECEPISSE-01" in determination.rules_applied


def test_recepisse_delivered_on_28_february_2023_is_valid_until_30_march():
    facts = situation(
        reflection_requested=True,
        police_referral_to_prefecture=True,
        photo_provided=True,
        information_given_date="2023-02-28",
    )

    determination = evaluate_on("2023-02-28", facts)

    assert at(determination, "reflection_recepisse.valid_until") == "2023-03-30"
    assert "R-RECEPISSE-01" in determination.rules_applied


def test_recepisse_delivered_on_29_february_2024_is_valid_until_30_march():
    facts = situation(
        reflection_requested=True,
        police_referral_to_prefecture=True,
        photo_provided=True,
        information_given_date="2024-02-29",
    )

    determination = evaluate_on("2024-02-29", facts)

    assert at(determination, "reflection_recepisse.valid_until") == "2024-03-30"
    assert "R-RECEPISSE-01" in determination.rules_applied


def test_in_2009_the_prefecture_uses_the_annexed_model_and_opens_an_agdref_file_without_print():
    facts = situation(
        nationality="CN",
        information_given_date="2009-05-29",
        reflection_requested=True,
        police_referral_to_prefecture=True,
        photo_provided=True,
        documents_provided=["photo"],
    )

    determination = evaluate_on("2009-06-01", facts)

    assert determination.status("reflection_recepisse") == "DE_PLEIN_DROIT"
    assert {"OPEN_AGDREF_FILE_WITHOUT_PRINT", "USE_ANNEXED_MODEL"} <= set(determination.actions)
    assert "R-RECEPISSE-01" in determination.rules_applied


def test_annexed_model_of_the_circular_is_not_used_the_day_before_5_february_2009():
    facts = situation(
        information_given_date="2009-02-02",
        reflection_requested=True,
        police_referral_to_prefecture=True,
        photo_provided=True,
    )

    determination = evaluate_on("2009-02-04", facts)

    assert determination.status("reflection_recepisse") == "DE_PLEIN_DROIT"
    assert "USE_ANNEXED_MODEL" not in determination.actions
    assert "R-RECEPISSE-01" in determination.rules_applied


def test_annexed_model_of_the_circular_is_used_from_5_february_2009():
    facts = situation(
        information_given_date="2009-02-02",
        reflection_requested=True,
        police_referral_to_prefecture=True,
        photo_provided=True,
    )

    determination = evaluate_on("2009-02-05", facts)

    assert "USE_ANNEXED_MODEL" in determination.actions
    assert "R-RECEPISSE-01" in determination.rules_applied


# --- R-RECEPISSE-02: instruction récépissé ------------------------------------------------


def test_instruction_recepisse_of_a_cst_application_authorises_work_since_2021():
    facts = situation(
        complaint=penal_complaint("2022-03-11"),
        application={"kind": "first_cst", "filing_date": "2022-03-14"},
        current_document=document("instruction_recepisse", "2022-03-14", "2022-07-13"),
    )

    determination = evaluate_on("2022-03-20", facts)

    assert at(determination, "instruction_recepisse.work_authorised") is True
    assert at(determination, "regular_stay") is True
    assert "R-RECEPISSE-02" in determination.rules_applied


def test_instruction_recepisse_authorises_work_from_the_instruction_of_19_may_2015():
    facts = situation(
        complaint=penal_complaint("2015-05-01"),
        application={"kind": "first_cst", "filing_date": "2015-05-19"},
        current_document=document("instruction_recepisse", "2015-05-19", "2015-09-18"),
    )

    determination = evaluate_on("2015-05-19", facts)

    assert at(determination, "instruction_recepisse.work_authorised") is True
    assert "R-RECEPISSE-02" in determination.rules_applied


def test_work_under_the_instruction_recepisse_is_not_established_before_19_may_2015():
    facts = situation(
        complaint=penal_complaint("2015-05-01"),
        application={"kind": "first_cst", "filing_date": "2015-05-18"},
        current_document=document("instruction_recepisse", "2015-05-18", "2015-09-17"),
    )

    determination = evaluate_on("2015-05-18", facts)

    assert at(determination, "instruction_recepisse.work_authorised") is None
    assert "R-RECEPISSE-02" in determination.rules_applied


def test_expired_instruction_recepisse_is_no_longer_a_regular_stay():
    facts = situation(
        complaint=penal_complaint("2022-03-11"),
        current_document=document("instruction_recepisse", "2022-03-14", "2022-07-13"),
    )

    determination = evaluate_on("2022-07-14", facts)

    assert at(determination, "regular_stay") is False
    assert "R-RECEPISSE-02" in determination.rules_applied
