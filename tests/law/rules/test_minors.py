"""Minors: R-MINOR-01 to R-MINOR-04 and the age condition of R-CST-01 (legal-spec.md §3.10)."""

from __future__ import annotations

import pytest
from conftest import at, evaluate_on, penal_complaint, situation


def no_reflection_period() -> dict[str, object]:
    """No récépissé and no police referral: the reflection period does not protect her."""
    return {
        "reflection_recepisse_delivery_date": "none",
        "police_referral_to_prefecture": False,
        "reflection_requested": False,
    }


# --- R-MINOR-01: no permit needed before 18 unless 16+ and wishing to work ------------------


def test_minor_of_17_who_does_not_want_to_work_needs_no_permit_and_is_examined_at_majority():
    facts = situation(
        date_of_birth="2005-03-01",
        complaint=penal_complaint("2022-08-01"),
        wishes_to_work_or_train=False,
        **no_reflection_period(),
    )

    determination = evaluate_on("2022-09-01", facts)

    assert at(determination, "residence_permit_required") is False
    assert determination.status("cst") == "NON_APPLICABLE"
    assert determination.status("removal_protection") == "PROTECTED"
    assert {"R-MINOR-01", "R-MINOR-03"} <= set(determination.rules_applied)


def test_minor_not_wishing_to_work_is_examined_at_majority_the_day_before_her_18th_birthday():
    facts = situation(date_of_birth="2004-09-02", wishes_to_work_or_train=False)

    determination = evaluate_on("2022-09-01", facts)

    assert determination.status("cst") == "NON_APPLICABLE"
    assert "R-MINOR-01" in determination.rules_applied


def test_cst_is_de_plein_droit_on_the_18th_birthday_without_wishing_to_work():
    facts = situation(date_of_birth="2004-09-01", wishes_to_work_or_train=False)

    determination = evaluate_on("2022-09-01", facts)

    assert at(determination, "residence_permit_required") is True
    assert determination.status("cst") == "DE_PLEIN_DROIT"
    assert "R-MINOR-01" in determination.rules_applied


def test_minor_of_16_wishing_to_work_needs_a_permit():
    facts = situation(date_of_birth="2006-03-01", wishes_to_work_or_train=True)

    determination = evaluate_on("2022-09-01", facts)

    assert at(determination, "residence_permit_required") is True
    assert "R-MINOR-01" in determination.rules_applied


def test_child_under_16_needs_no_permit_even_wishing_to_work():
    facts = situation(date_of_birth="2007-03-01", wishes_to_work_or_train=True)

    determination = evaluate_on("2022-09-01", facts)

    assert at(determination, "residence_permit_required") is False
    assert "R-MINOR-01" in determination.rules_applied


def test_unknown_wish_to_work_of_a_minor_of_17_leaves_the_cst_indeterminate():
    facts = situation(date_of_birth="2005-03-01", wishes_to_work_or_train=None)

    determination = evaluate_on("2022-09-01", facts)

    assert determination.status("cst") == "INDETERMINE"
    assert "wishes_to_work_or_train" in at(determination, "cst.missing_facts")
    assert "R-MINOR-01" in determination.rules_applied


def test_unknown_date_of_birth_leaves_the_cst_indeterminate():
    facts = situation(date_of_birth=None, declared_minor=None, wishes_to_work_or_train=None)

    determination = evaluate_on("2022-09-01", facts)

    assert determination.status("cst") == "INDETERMINE"
    assert "date_of_birth" in at(determination, "cst.missing_facts")
    assert "R-MINOR-01" in determination.rules_applied


# --- R-MINOR-02: CST for a minor aged 16-17 --------------------------------------------------


def test_minor_of_16_wishing_to_work_may_obtain_the_cst_with_favourable_guidance_in_2010():
    facts = situation(
        nationality="CN",
        date_of_birth="1993-09-01",
        complaint=penal_complaint("2009-12-10"),
        wishes_to_work_or_train=True,
    )

    determination = evaluate_on("2010-01-15", facts)

    assert determination.status("cst") == "DISCRETIONNAIRE"
    assert at(determination, "cst.guidance") == "FAVORABLE"
    assert at(determination, "cst.duration_months") == {"min": 6, "max": 12}
    assert {"R-MINOR-02", "R-CST-01"} <= set(determination.rules_applied)


def test_minor_of_17_wishing_to_work_gets_a_discretionary_cst_even_after_2016():
    facts = situation(date_of_birth="2005-03-01", wishes_to_work_or_train=True)

    determination = evaluate_on("2022-09-01", facts)

    assert determination.status("cst") == "DISCRETIONNAIRE"
    assert at(determination, "cst.guidance") == "FAVORABLE"
    assert "R-MINOR-02" in determination.rules_applied


def test_minor_wishing_to_work_the_day_before_her_16th_birthday_does_not_meet_the_age_condition():
    facts = situation(date_of_birth="2006-09-02", wishes_to_work_or_train=True)

    determination = evaluate_on("2022-09-01", facts)

    assert determination.status("cst") == "NON_REMPLI"
    assert "R-MINOR-02" in determination.rules_applied


def test_minor_wishing_to_work_may_obtain_the_cst_from_her_16th_birthday():
    facts = situation(date_of_birth="2006-09-01", wishes_to_work_or_train=True)

    determination = evaluate_on("2022-09-01", facts)

    assert determination.status("cst") == "DISCRETIONNAIRE"
    assert "R-MINOR-02" in determination.rules_applied


def test_minor_wishing_to_work_gets_a_discretionary_cst_the_day_before_her_18th_birthday():
    facts = situation(date_of_birth="2004-09-02", wishes_to_work_or_train=True)

    determination = evaluate_on("2022-09-01", facts)

    assert determination.status("cst") == "DISCRETIONNAIRE"
    assert "R-MINOR-02" in determination.rules_applied


def test_cst_becomes_de_plein_droit_on_the_18th_birthday():
    facts = situation(date_of_birth="2004-09-01", wishes_to_work_or_train=True)

    determination = evaluate_on("2022-09-01", facts)

    assert determination.status("cst") == "DE_PLEIN_DROIT"
    assert "R-CST-02" in determination.rules_applied


def test_child_under_16_does_not_meet_the_age_condition_whether_or_not_she_wishes_to_work():
    facts = situation(date_of_birth="2008-01-01", wishes_to_work_or_train=False)

    determination = evaluate_on("2022-09-01", facts)

    assert determination.status("cst") == "NON_REMPLI"
    assert "R-MINOR-02" in determination.rules_applied


@pytest.mark.parametrize(
    ("eval_date", "status"),
    [
        ("2022-02-27", "DISCRETIONNAIRE"),  # still 17
        ("2022-03-01", "DE_PLEIN_DROIT"),  # 18 in a common year, whatever 28 February means
    ],
)
def test_victim_born_on_29_february_comes_of_age_around_1_march_in_a_common_year(eval_date, status):
    facts = situation(date_of_birth="2004-02-29", wishes_to_work_or_train=True)

    determination = evaluate_on(eval_date, facts)

    assert determination.status("cst") == status
    assert "R-MINOR-02" in determination.rules_applied


# --- R-MINOR-03: no OQTF against a minor ---------------------------------------------------


def test_minor_is_protected_from_removal_without_any_reflection_period():
    facts = situation(date_of_birth="2004-09-02", **no_reflection_period())

    determination = evaluate_on("2022-09-01", facts)

    assert determination.status("removal_protection") == "PROTECTED"
    assert "R-MINOR-03" in determination.rules_applied


def test_protection_of_minors_from_removal_ends_on_the_18th_birthday():
    facts = situation(date_of_birth="2004-09-01", **no_reflection_period())

    determination = evaluate_on("2022-09-01", facts)

    assert determination.status("removal_protection") == "NOT_PROTECTED"
    assert "R-MINOR-03" in determination.rules_applied


def test_declared_minor_without_known_birth_date_is_protected_from_removal():
    facts = situation(
        date_of_birth=None,
        declared_minor=True,
        police_hearing_date="2022-09-01",
        **no_reflection_period(),
    )

    determination = evaluate_on("2022-09-13", facts)

    assert determination.status("removal_protection") == "PROTECTED"
    assert "MINORITY_TO_BE_ESTABLISHED" in determination.flags
    assert "R-MINOR-03" in determination.rules_applied


# --- R-MINOR-04: victim recognised as a minor, reaching 18 ----------------------------------


def test_victim_recognised_as_minor_gets_the_cst_of_her_period_at_18_while_the_procedure_runs():
    facts = situation(
        date_of_birth="2004-03-15",
        recognised_victim_as_minor=True,
        complaint=penal_complaint("2020-06-01"),
        application={"kind": "first_cst", "filing_date": "2022-04-01"},
    )

    determination = evaluate_on("2022-04-01", facts)

    assert determination.status("cst") == "DE_PLEIN_DROIT"
    assert "R-MINOR-04" in determination.rules_applied


def test_victim_recognised_as_minor_gets_a_favourable_discretionary_cst_after_the_procedure():
    facts = situation(
        date_of_birth="2004-03-15",
        recognised_victim_as_minor=True,
        complaint=penal_complaint("2020-06-01"),
        criminal_procedure_status="classement_sans_suite",
        application={"kind": "first_cst", "filing_date": "2022-04-01"},
    )

    determination = evaluate_on("2022-04-01", facts)

    assert determination.status("cst") == "DISCRETIONNAIRE"
    assert at(determination, "cst.guidance") == "FAVORABLE"
    assert "R-MINOR-04" in determination.rules_applied


def test_adult_not_recognised_as_minor_gets_no_cst_after_the_procedure():
    facts = situation(
        date_of_birth="2004-03-15",
        recognised_victim_as_minor=False,
        complaint=penal_complaint("2020-06-01"),
        criminal_procedure_status="classement_sans_suite",
        application={"kind": "first_cst", "filing_date": "2022-04-01"},
    )

    determination = evaluate_on("2022-04-01", facts)

    assert determination.status("cst") == "NON_REMPLI"
    assert "R-MINOR-04" in determination.rules_applied


@pytest.mark.parametrize(("filed", "timely"), [("2022-05-15", True), ("2022-05-16", False)])
def test_victim_recognised_as_minor_files_at_the_latest_two_months_after_her_18th_birthday(
    filed, timely
):
    facts = situation(
        date_of_birth="2004-03-15",
        recognised_victim_as_minor=True,
        complaint=penal_complaint("2020-06-01"),
        application={"kind": "first_cst", "filing_date": filed},
    )

    determination = evaluate_on(filed, facts)

    assert at(determination, "cst.filing_timely") is timely
    assert at(determination, "cst.filing_deadline") == "2022-05-15"
    assert "R-MINOR-04" in determination.rules_applied


def test_minor_of_17_not_wishing_to_work_is_outside_the_rule_even_with_a_threat():
    facts = situation(
        date_of_birth="2005-03-01", wishes_to_work_or_train=False, public_order_threat="threat"
    )

    determination = evaluate_on("2022-09-01", facts)

    assert determination.status("cst") == "NON_APPLICABLE"
    assert "R-MINOR-01" in determination.rules_applied


def test_declared_minor_stays_protected_after_the_reflection_period_expired():
    facts = situation(
        date_of_birth=None,
        declared_minor=True,
        reflection_requested=True,
        police_referral_to_prefecture=True,
        photo_provided=True,
        reflection_recepisse_delivery_date="2022-06-01",
    )

    determination = evaluate_on("2022-09-13", facts)

    assert determination.status("reflection") == "EXPIRED"
    assert determination.status("removal_protection") == "PROTECTED"
    assert "R-MINOR-03" in determination.rules_applied
