"""Deterministic generator of random situations (legal-spec §5) for benchmarks.

Every fact is drawn, some are left unknown, dates cluster around the evaluation date so
that periods, windows and thresholds are crossed as in real caseloads.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from sejour_traite.law.facts import (
    APPLICATION_KINDS,
    CRIMINAL_PROCEDURE_STATUSES,
    DOCUMENT_KINDS,
)

NATIONALITIES = ["NG", "CN", "BR", "VN", "AL", "CM", "DZ", "GB", "RO", "BG", "IT", "STATELESS"]
OFFENCES = ["225-4-1", "225-5", "225-7", "225-10", "225-13", "224-1 A"]


def situation(rng: random.Random) -> tuple[dict[str, Any], date]:
    """One random situation (raw facts, as in a YAML file) and its evaluation date."""
    day = date(2007, 1, 1) + timedelta(days=rng.randrange(7000))

    def near() -> date:
        return day + timedelta(days=rng.randrange(-400, 60))

    def event() -> Any:
        return "none" if rng.random() < 0.3 else near()

    def flag(p_true: float = 0.5) -> bool:
        return rng.random() < p_true

    facts: dict[str, Any] = {
        "nationality": rng.choice(NATIONALITIES),
        "is_withdrawal_agreement_beneficiary": flag(0.2),
        "is_eu_family_member_in_france": flag(0.05),
        "date_of_birth": day - timedelta(days=rng.randrange(14 * 365, 45 * 365)),
        "declared_minor": flag(0.1),
        "wishes_to_work_or_train": flag(0.7),
        "recognised_victim_as_minor": flag(0.1),
        "police_hearing_date": event(),
        "police_reasonable_grounds": flag(0.8),
        "information_given_date": event(),
        "reflection_requested": flag(0.6),
        "police_referral_to_prefecture": flag(0.7),
        "photo_provided": flag(0.9),
        "reflection_recepisse_delivery_date": event(),
        "previous_reflection_period_for_same_facts": flag(0.1),
        "ties_renewed_on_own_initiative_date": "none" if flag(0.85) else near(),
        "reflection_interruption_decision_date": "none" if flag(0.9) else near(),
        "removal_decision": "none"
        if flag(0.8)
        else {"type": rng.choice(["OQTF", "APRF"]), "date": near()},
        "complaint": {"kind": "none"}
        if flag(0.25)
        else {
            "kind": "penal",
            "filed_date": near(),
            "against_x": flag(0.2),
            "offences": rng.sample(OFFENCES, rng.randint(1, 2)),
        },
        "testimony": "none"
        if flag(0.7)
        else {
            "date": near(),
            "accused_prosecuted": flag(0.7),
            "offences": rng.sample(OFFENCES, 1),
        },
        "applicant_role": "victim" if flag(0.9) else "witness",
        "facts_exclusively_abroad_by_foreigners": flag(0.05),
        "judicial_confirmation_procedure_opened": flag(0.7),
        "criminal_procedure_status": rng.choice(CRIMINAL_PROCEDURE_STATUSES),
        "definitive_conviction_date": event(),
        "convicted_offences_of_accused": rng.sample(OFFENCES, 1),
        "complaint_found_false_or_unfounded": flag(0.05),
        "cooperation_ceased": flag(0.05),
        "reality_of_facts_questioned": flag(0.05),
        "ties_with_perpetrators_broken": flag(0.85),
        "public_order_threat": rng.choice(["none"] * 8 + ["threat", "serious_threat"]),
        "victim_convictions": [],
        "oqtf_previously_not_complied": flag(0.1),
        "facts_forgery_441": flag(0.1),
        "facts_l432_1_1_serious_offences": flag(0.05),
        "facts_violence_against_officials": flag(0.02),
        "judicial_itf_in_force": flag(0.02),
        "fear_of_reprisals": flag(0.3),
        "integration_efforts": rng.sample(
            ["language_training", "vocational_training", "employment"], rng.randint(0, 2)
        ),
        "agent_has_doubts_on_reinsertion": flag(0.1),
        "application": {
            "kind": rng.choice(APPLICATION_KINDS),
            "filing_date": near(),
            "online_anef": flag(),
        },
        "current_document": {
            "kind": rng.choice(DOCUMENT_KINDS),
            "valid_from": near(),
            "valid_until": day + timedelta(days=rng.randrange(-60, 365)),
        },
        "previous_consecutive_cst_renewals": rng.randint(0, 5),
        "contrat_republique_signed": flag(0.9),
        "contrat_republique_breach": flag(0.02),
        "prostitution_exit_path_authorised_date": "none" if flag(0.8) else near(),
        "ceased_prostitution": flag(0.3),
        "monthly_resources_eur": rng.choice([0, 250, 500, 1200]),
        "habitual_residence_in_france": flag(0.95),
        "polygamy": flag(0.01),
    }
    for name in list(facts):  # about one fact in eight is unknown
        if rng.random() < 0.125:
            del facts[name]
    return facts, day
