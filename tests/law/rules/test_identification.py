"""Identification and information: R-IDENT-01, R-INFO-01 to R-INFO-03 (legal-spec.md §3.2)."""

from __future__ import annotations

from conftest import NO_COMPLAINT, at, evaluate_on, penal_complaint, situation

# --- R-IDENT-01: the police hearing is a prerequisite -------------------------------------


def test_person_never_heard_by_the_police_gets_an_indeterminate_cst_and_is_sent_to_the_police():
    facts = situation(
        nationality="PH",
        police_hearing_date="none",
        information_given_date="none",
        complaint=penal_complaint("2022-01-10"),
    )

    determination = evaluate_on("2022-02-01", facts)

    assert determination.status("cst") == "INDETERMINE"
    assert "police_hearing_date" in at(determination, "cst.missing_facts")
    assert "ORIENT_TO_POLICE_UNIT" in determination.actions
    assert "R-IDENT-01" in determination.rules_applied


def test_unknown_police_hearing_leaves_the_cst_indeterminate():
    facts = situation(police_hearing_date=None, complaint=penal_complaint("2022-01-10"))

    determination = evaluate_on("2022-02-01", facts)

    assert determination.status("cst") == "INDETERMINE"
    assert "police_hearing_date" in at(determination, "cst.missing_facts")
    assert "R-IDENT-01" in determination.rules_applied


def test_police_hearing_the_day_after_the_evaluation_date_has_yet_to_take_place():
    facts = situation(
        police_hearing_date="2022-02-02",
        information_given_date="2022-02-02",
        complaint=penal_complaint("2022-01-10"),
    )

    determination = evaluate_on("2022-02-01", facts)

    assert determination.status("cst") == "INDETERMINE"
    assert "police_hearing_date" in at(determination, "cst.missing_facts")
    assert "R-IDENT-01" in determination.rules_applied


def test_police_hearing_on_the_evaluation_date_satisfies_the_prerequisite():
    facts = situation(
        police_hearing_date="2022-02-01",
        information_given_date="2022-02-01",
        complaint=penal_complaint("2022-02-01"),
    )

    determination = evaluate_on("2022-02-01", facts)

    assert determination.status("cst") == "DE_PLEIN_DROIT"
    assert "ORIENT_TO_POLICE_UNIT" not in determination.actions
    assert "R-IDENT-01" in determination.rules_applied


def test_no_cooperation_known_wins_over_the_missing_police_hearing_and_she_is_still_oriented():
    facts = situation(
        police_hearing_date="none",
        information_given_date="none",
        complaint=NO_COMPLAINT,
        testimony="none",
    )

    determination = evaluate_on("2022-02-01", facts)

    assert determination.status("cst") == "NON_REMPLI"
    assert "ORIENT_TO_POLICE_UNIT" in determination.actions
    assert {"R-IDENT-01", "R-SCOPE-05"} <= set(determination.rules_applied)


def test_ties_not_broken_wins_over_the_missing_police_hearing():
    facts = situation(
        police_hearing_date="none",
        information_given_date="none",
        complaint=penal_complaint("2022-01-10"),
        ties_with_perpetrators_broken=False,
    )

    determination = evaluate_on("2022-02-01", facts)

    assert determination.status("cst") == "NON_REMPLI"
    assert "L425-1" in at(determination, "cst.grounds")
    assert "R-IDENT-01" in determination.rules_applied


def test_public_order_bar_wins_over_the_missing_police_hearing():
    facts = situation(
        police_hearing_date="none",
        information_given_date="none",
        complaint=penal_complaint("2022-01-10"),
        public_order_threat="threat",
    )

    determination = evaluate_on("2022-02-01", facts)

    assert determination.status("cst") == "EXCLU"
    assert "L412-5" in at(determination, "cst.grounds")
    assert "ORIENT_TO_POLICE_UNIT" in determination.actions
    assert "R-IDENT-01" in determination.rules_applied


# --- R-INFO-01: police information duty ---------------------------------------------------


def test_police_with_reasonable_grounds_must_inform_the_presumed_victim():
    facts = situation(police_reasonable_grounds=True, police_hearing_date="2022-01-05")

    determination = evaluate_on("2022-02-01", facts)

    assert at(determination, "information.due") is True
    assert "R-INFO-01" in determination.rules_applied


def test_no_information_is_due_without_reasonable_grounds():
    facts = situation(police_reasonable_grounds=False, police_hearing_date="2022-01-05")

    determination = evaluate_on("2022-02-01", facts)

    assert at(determination, "information.due") is False
    assert "R-INFO-01" in determination.rules_applied


# --- R-INFO-02: consequence of a failure to inform ----------------------------------------


def test_removal_decision_after_a_police_contact_without_information_is_illegal():
    facts = situation(
        police_reasonable_grounds=True,
        police_hearing_date="2022-09-12",
        information_given_date="none",
        removal_decision={"type": "OQTF", "date": "2022-09-13"},
        complaint=NO_COMPLAINT,
    )

    determination = evaluate_on("2022-09-13", facts)

    assert at(determination, "removal_decision.legality") == "ILLEGAL"
    assert at(determination, "reflection.entitlement") == "INVOCABLE"
    assert "R-INFO-02" in determination.rules_applied


def test_removal_decision_on_the_day_of_the_police_hearing_without_information_is_illegal():
    facts = situation(
        police_reasonable_grounds=True,
        police_hearing_date="2022-09-13",
        information_given_date="none",
        removal_decision={"type": "OQTF", "date": "2022-09-13"},
        complaint=NO_COMPLAINT,
    )

    determination = evaluate_on("2022-09-13", facts)

    assert at(determination, "removal_decision.legality") == "ILLEGAL"
    assert "R-INFO-02" in determination.rules_applied


def test_removal_decision_taken_before_the_police_contact_is_not_illegal_for_lack_of_information():
    facts = situation(
        police_reasonable_grounds=True,
        police_hearing_date="2022-09-13",
        information_given_date="none",
        removal_decision={"type": "OQTF", "date": "2022-09-12"},
        complaint=NO_COMPLAINT,
        reflection_recepisse_delivery_date="none",
    )

    determination = evaluate_on("2022-09-13", facts)

    assert at(determination, "removal_decision.legality") != "ILLEGAL"
    assert "R-INFO-02" in determination.rules_applied


def test_removal_decision_is_not_illegal_when_the_information_was_given():
    facts = situation(
        police_reasonable_grounds=True,
        police_hearing_date="2022-09-12",
        information_given_date="2022-09-12",
        reflection_requested=False,
        reflection_recepisse_delivery_date="none",
        removal_decision={"type": "OQTF", "date": "2022-09-13"},
        complaint=NO_COMPLAINT,
    )

    determination = evaluate_on("2022-09-13", facts)

    assert at(determination, "removal_decision.legality") != "ILLEGAL"
    assert "R-INFO-02" in determination.rules_applied


def test_removal_decision_is_not_illegal_when_the_police_had_no_reasonable_grounds():
    facts = situation(
        police_reasonable_grounds=False,
        police_hearing_date="2022-09-12",
        information_given_date="none",
        reflection_recepisse_delivery_date="none",
        removal_decision={"type": "OQTF", "date": "2022-09-13"},
        complaint=NO_COMPLAINT,
    )

    determination = evaluate_on("2022-09-13", facts)

    assert at(determination, "removal_decision.legality") != "ILLEGAL"
    assert "R-INFO-02" in determination.rules_applied


def test_unknown_information_leaves_the_legality_of_the_removal_decision_open():
    facts = situation(
        police_reasonable_grounds=True,
        police_hearing_date="2022-09-12",
        information_given_date=None,
        reflection_recepisse_delivery_date="none",
        removal_decision={"type": "OQTF", "date": "2022-09-13"},
        complaint=NO_COMPLAINT,
    )

    determination = evaluate_on("2022-09-13", facts)

    assert at(determination, "removal_decision.legality") != "ILLEGAL"
    assert "information_given_date" in determination.missing_facts
    assert "R-INFO-02" in determination.rules_applied


# --- R-INFO-03: minor victims, the procureur is informed ----------------------------------


def test_police_inform_the_procureur_about_a_minor_victim_the_day_before_her_18th_birthday():
    facts = situation(date_of_birth="2004-09-13", police_hearing_date="2022-09-01")

    determination = evaluate_on("2022-09-12", facts)

    assert "PROCUREUR_TO_BE_INFORMED" in determination.flags
    assert "R-INFO-03" in determination.rules_applied


def test_no_procureur_information_from_the_18th_birthday():
    facts = situation(date_of_birth="2004-09-13", police_hearing_date="2022-09-01")

    determination = evaluate_on("2022-09-13", facts)

    assert "PROCUREUR_TO_BE_INFORMED" not in determination.flags
    assert "R-INFO-03" in determination.rules_applied


def test_minor_not_yet_in_contact_with_the_police_triggers_no_procureur_information():
    facts = situation(
        date_of_birth="2006-01-01",
        police_hearing_date="none",
        information_given_date="none",
    )

    determination = evaluate_on("2022-09-13", facts)

    assert "PROCUREUR_TO_BE_INFORMED" not in determination.flags
    assert "R-INFO-03" in determination.rules_applied


def test_declared_minor_without_known_birth_date_is_treated_as_a_minor_until_established():
    facts = situation(
        nationality="VN",
        date_of_birth=None,
        declared_minor=True,
        police_reasonable_grounds=True,
        police_hearing_date="2022-09-13",
        information_given_date="none",
        removal_decision={"type": "OQTF", "date": "2022-09-13"},
        complaint=NO_COMPLAINT,
    )

    determination = evaluate_on("2022-09-13", facts)

    assert at(determination, "removal_decision.legality") == "ILLEGAL"
    assert {"PROCUREUR_TO_BE_INFORMED", "MINORITY_TO_BE_ESTABLISHED"} <= set(determination.flags)
    assert determination.status("removal_protection") == "PROTECTED"
    assert {"R-INFO-02", "R-INFO-03", "R-MINOR-03"} <= set(determination.rules_applied)


def test_known_adult_birth_date_prevails_over_a_declaration_of_minority():
    facts = situation(
        date_of_birth="1990-01-01", declared_minor=True, police_hearing_date="2022-09-01"
    )

    determination = evaluate_on("2022-09-13", facts)

    assert "PROCUREUR_TO_BE_INFORMED" not in determination.flags
    assert "MINORITY_TO_BE_ESTABLISHED" not in determination.flags
    assert "R-INFO-03" in determination.rules_applied
