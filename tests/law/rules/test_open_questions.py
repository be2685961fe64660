"""Open questions of legal-spec.md §7: switching a reading changes the outcome as §7 says, and
results that rest on an adopted reading carry its flag."""

from __future__ import annotations

from conftest import NO_COMPLAINT, at, document, evaluate_on, penal_complaint, situation


def reflection_case(delivered: str, **overrides: object) -> dict[str, object]:
    base = {
        "reflection_requested": True,
        "police_referral_to_prefecture": True,
        "photo_provided": True,
        "reflection_recepisse_delivery_date": delivered,
        "complaint": NO_COMPLAINT,
    }
    return situation(**{**base, **overrides})


# --- OQ-01: day counting of the reflection period -------------------------------------------


def test_oq01_adopted_reading_counts_day_30_after_delivery_as_the_last_day():
    facts = reflection_case("2022-03-01")

    determination = evaluate_on("2022-03-31", facts)

    assert determination.status("reflection") == "ACTIVE"
    assert at(determination, "reflection.end") == "2022-03-31"
    assert "OQ_01" in determination.flags
    assert "R-REFLEXION-02" in determination.rules_applied


def test_oq01_delivery_plus_29_reading_ends_the_period_one_day_earlier():
    facts = reflection_case("2022-03-01")

    determination = evaluate_on("2022-03-31", facts, readings={"OQ-01": "delivery_plus_29"})

    assert determination.status("reflection") == "EXPIRED"
    assert at(determination, "reflection.end") == "2022-03-30"
    assert "R-REFLEXION-02" in determination.rules_applied


def test_oq01_delivery_plus_29_reading_keeps_day_29_after_delivery_active():
    facts = reflection_case("2022-03-01")

    determination = evaluate_on("2022-03-30", facts, readings={"OQ-01": "delivery_plus_29"})

    assert determination.status("reflection") == "ACTIVE"
    assert determination.status("removal_protection") == "PROTECTED"


# --- OQ-02: does a complaint end the reflection period early? -------------------------------


def test_oq02_adopted_reading_ends_the_period_on_the_complaint():
    facts = reflection_case("2022-03-01", complaint=penal_complaint("2022-03-11"))

    determination = evaluate_on("2022-03-20", facts)

    assert determination.status("reflection") == "ENDED_BY_COOPERATION"
    assert at(determination, "reflection.end") == "2022-03-11"
    assert "R-REFLEXION-02" in determination.rules_applied


def test_oq02_decree_grounds_only_reading_keeps_the_period_running_after_the_complaint():
    facts = reflection_case("2022-03-01", complaint=penal_complaint("2022-03-11"))

    determination = evaluate_on("2022-03-20", facts, readings={"OQ-02": "decree_grounds_only"})

    assert determination.status("reflection") == "ACTIVE"
    assert at(determination, "reflection.end") == "2022-03-31"
    assert determination.status("removal_protection") == "PROTECTED"
    assert "R-REFLEXION-02" in determination.rules_applied


# --- OQ-04: discretion of the first CST before 2016-04-15 ---------------------------------------


def test_oq04_adopted_reading_makes_the_cst_of_2012_discretionary():
    facts = situation()

    determination = evaluate_on("2012-06-01", facts)

    assert determination.status("cst") == "DISCRETIONNAIRE"
    assert at(determination, "cst.guidance") == "FAVORABLE"
    assert "R-CST-02" in determination.rules_applied


def test_oq04_de_plein_droit_reading_follows_r316_3_est_delivree_in_2012():
    facts = situation()

    determination = evaluate_on("2012-06-01", facts, readings={"OQ-04": "de_plein_droit"})

    assert determination.status("cst") == "DE_PLEIN_DROIT"
    assert "R-CST-02" in determination.rules_applied


def test_oq04_reading_changes_nothing_from_15_april_2016():
    facts = situation()

    adopted = evaluate_on("2016-04-15", facts)
    alternative = evaluate_on("2016-04-15", facts, readings={"OQ-04": "de_plein_droit"})

    assert adopted.status("cst") == alternative.status("cst") == "DE_PLEIN_DROIT"


# --- OQ-06: conditions of the carte de résident beyond the conviction ----------------------------


def convicted_with_ties_not_broken() -> dict[str, object]:
    return situation(
        criminal_procedure_status="definitive_conviction",
        convicted_offences_of_accused=["225-4-1"],
        current_document=document("cst", "2022-02-01", "2023-01-31"),
        ties_with_perpetrators_broken=False,
    )


def test_oq06_adopted_reading_requires_ties_broken_for_the_carte_de_resident_since_2021():
    facts = convicted_with_ties_not_broken()

    determination = evaluate_on("2022-09-15", facts)

    assert determination.status("carte_resident") == "NON_REMPLI"
    assert "R-RESIDENT-01" in determination.rules_applied


def test_oq06_public_order_only_reading_grants_the_carte_de_resident_despite_ties_in_2022():
    facts = convicted_with_ties_not_broken()

    determination = evaluate_on("2022-09-15", facts, readings={"OQ-06": "public_order_only"})

    assert determination.status("carte_resident") == "DE_PLEIN_DROIT"
    assert "R-RESIDENT-01" in determination.rules_applied


def test_oq06_reading_changes_nothing_between_2014_and_2021():
    facts = convicted_with_ties_not_broken()

    adopted = evaluate_on("2018-03-01", facts)
    alternative = evaluate_on("2018-03-01", facts, readings={"OQ-06": "public_order_only"})

    assert adopted.status("carte_resident") == alternative.status("carte_resident")
    assert adopted.status("carte_resident") == "DE_PLEIN_DROIT"


# --- OQ-09: L433-1-1 three-renewal cap vs L425-1 ---------------------------------------------


def fourth_renewal() -> dict[str, object]:
    return situation(
        current_document=document("cst", "2023-09-11", "2024-09-10"),
        application={"kind": "cst_renewal", "filing_date": "2024-07-01"},
        criminal_procedure_status="appeal_pending",
        previous_consecutive_cst_renewals=3,
        contrat_republique_signed=True,
    )


def test_oq09_adopted_reading_lets_l425_1_prevail_with_the_conflict_flag():
    facts = fourth_renewal()

    determination = evaluate_on("2024-09-10", facts)

    assert determination.status("cst_renewal") == "DE_PLEIN_DROIT"
    assert {"CONFLICT_L433_1_1", "OQ_09"} <= set(determination.flags)
    assert "R-RENEW-04" in determination.rules_applied


def test_oq09_cap_applies_reading_stops_the_fourth_renewal():
    facts = fourth_renewal()

    determination = evaluate_on("2024-09-10", facts, readings={"OQ-09": "cap_applies"})

    assert determination.status("cst_renewal") in ("NON_REMPLI", "EXCLU")
    assert "CONFLICT_L433_1_1" not in determination.flags
    assert "R-RENEW-04" in determination.rules_applied


def test_oq09_cap_applies_reading_changes_nothing_for_a_third_renewal():
    facts = situation(
        current_document=document("cst", "2023-09-11", "2024-09-10"),
        application={"kind": "cst_renewal", "filing_date": "2024-07-01"},
        criminal_procedure_status="appeal_pending",
        previous_consecutive_cst_renewals=2,
        contrat_republique_signed=True,
    )

    determination = evaluate_on("2024-09-10", facts, readings={"OQ-09": "cap_applies"})

    assert determination.status("cst_renewal") == "DE_PLEIN_DROIT"


def test_oq09_cap_applies_reading_changes_nothing_before_28_january_2024():
    facts = situation(
        current_document=document("cst", "2023-02-01", "2024-01-31"),
        application={"kind": "cst_renewal", "filing_date": "2023-11-15"},
        criminal_procedure_status="appeal_pending",
        previous_consecutive_cst_renewals=3,
    )

    determination = evaluate_on("2024-01-27", facts, readings={"OQ-09": "cap_applies"})

    assert determination.status("cst_renewal") == "DE_PLEIN_DROIT"


# --- Flags of the adopted readings of non-switchable open questions -----------------------------


def test_oq05_law_prevails_over_r316_5_in_2015():
    facts = situation(
        criminal_procedure_status="definitive_conviction",
        convicted_offences_of_accused=["225-4-1"],
        current_document=document("cst", "2015-01-01", "2015-12-31"),
    )

    determination = evaluate_on("2015-06-01", facts)

    assert determination.status("carte_resident") == "DE_PLEIN_DROIT"
    assert "R316_5_CONFLICT_LAW_PREVAILS" in determination.flags


def test_oq08_carte_de_resident_without_regular_stay_before_2021_carries_the_oq08_flag():
    facts = situation(
        criminal_procedure_status="definitive_conviction",
        convicted_offences_of_accused=["225-5"],
        complaint=NO_COMPLAINT,
        testimony={"date": "2017-05-02", "accused_prosecuted": True, "offences": ["225-5"]},
        current_document={"kind": "none"},
        application={"kind": "carte_resident", "filing_date": "2019-03-01"},
    )

    determination = evaluate_on("2019-03-01", facts)

    assert determination.status("carte_resident") == "DE_PLEIN_DROIT"
    assert at(determination, "carte_resident.confidence") == "L"
    assert "OQ_08" in determination.flags
    assert "R-RESIDENT-01" in determination.rules_applied


def test_oq21_offence_outside_the_list_carries_its_flag():
    facts = situation(complaint=penal_complaint("2022-04-01", "224-1 A"))

    determination = evaluate_on("2022-05-02", facts)

    assert determination.status("cst") == "NON_REMPLI"
    assert "OFFENCE_NOT_IN_L425_1_LIST" in determination.flags


def test_oq01_delivery_plus_29_reading_shortens_the_validity_of_the_recepisse():
    facts = situation(
        reflection_requested=True,
        police_referral_to_prefecture=True,
        photo_provided=True,
        information_given_date="2022-03-01",
    )

    determination = evaluate_on("2022-03-01", facts, readings={"OQ-01": "delivery_plus_29"})

    assert at(determination, "reflection_recepisse.valid_until") == "2022-03-30"
    assert "R-RECEPISSE-01" in determination.rules_applied
