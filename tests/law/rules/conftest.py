"""Helpers for the unit tests of the rules of legal-spec.md §3, one file per rule group.

``situation(**overrides)`` gives the validated facts of a neutral adult third-country victim
who filed a penal complaint for C. pén. 225-4-1, with the neutral values of legal-spec.md §6
(the ``defaults`` block of shared/scenarios/cst.yaml). Each test overrides only the facts that
matter to the rule it states; an override of ``None`` makes a fact unknown, ``"none"`` states
that an event is known not to have happened (legal-spec.md §0).

One deliberate change to the cst.yaml defaults: the police hearing, the information and the
complaint are dated in December 2008, so that the neutral situation holds at every date the
tests use (the earliest boundary is 2009-02-04); cst.yaml dates them in January 2010.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sejour_traite.law import Determination, evaluate, validate

#: The ``defaults`` block of shared/scenarios/cst.yaml (legal-spec.md §6 neutral values).
CST_YAML_DEFAULTS: dict[str, Any] = {
    "date_of_birth": "1985-01-01",  # an adult
    "is_eu_family_member_in_france": False,
    "applicant_role": "victim",
    "facts_exclusively_abroad_by_foreigners": False,
    "police_hearing_date": "2010-01-08",
    "information_given_date": "2010-01-08",
    "previous_reflection_period_for_same_facts": False,
    "ties_with_perpetrators_broken": True,
    "ties_renewed_on_own_initiative_date": "none",
    "reflection_interruption_decision_date": "none",
    "public_order_threat": "none",
    "victim_convictions": [],
    "oqtf_previously_not_complied": False,
    "facts_forgery_441": False,
    "facts_l432_1_1_serious_offences": False,
    "facts_violence_against_officials": False,
    "complaint_found_false_or_unfounded": False,
    "cooperation_ceased": False,
    "reality_of_facts_questioned": False,
    "contrat_republique_breach": False,
    "polygamy": False,
}


def penal_complaint(filed_date: str, *offences: str, against_x: bool = False) -> dict[str, Any]:
    """A penal complaint by the applicant (225-4-1 unless offences are given)."""
    return {
        "filed_date": filed_date,
        "kind": "penal",
        "against_x": against_x,
        "offences": list(offences or ("225-4-1",)),
    }


NO_COMPLAINT: dict[str, Any] = {"kind": "none"}


def given_testimony(on: str, *offences: str, accused_prosecuted: bool = True) -> dict[str, Any]:
    """A testimony in a criminal procedure (225-4-1 unless offences are given)."""
    return {
        "date": on,
        "accused_prosecuted": accused_prosecuted,
        "offences": list(offences or ("225-4-1",)),
    }


def document(kind: str, valid_from: str, valid_until: str) -> dict[str, Any]:
    """The document held on the evaluation date (``current_document``)."""
    return {"kind": kind, "valid_from": valid_from, "valid_until": valid_until}


#: The neutral situation: an adult Nigerian victim, heard and informed by the police, who
#: filed a penal complaint for 225-4-1; no testimony; the procedure is under investigation.
NEUTRAL: dict[str, Any] = {
    **CST_YAML_DEFAULTS,
    "nationality": "NG",
    "police_hearing_date": "2008-12-01",
    "information_given_date": "2008-12-01",
    "complaint": penal_complaint("2008-12-15"),
    "testimony": "none",
    "criminal_procedure_status": "investigation",
}


def situation(**overrides: Any) -> dict[str, Any]:
    """Validated facts: the neutral situation with ``overrides`` (``None`` = unknown)."""
    return validate({**NEUTRAL, **overrides})


def evaluate_on(
    eval_date: str,
    facts: Mapping[str, Any],
    readings: Mapping[str, str] | None = None,
) -> Determination:
    """The determination on ``eval_date`` (ISO string).

    When the facts give no ``application``, the neutral application of legal-spec.md §6
    applies: a first CST application filed on ``eval_date``.
    """
    on = date.fromisoformat(eval_date)
    if "application" not in facts:
        facts = {**facts, "application": {"kind": "first_cst", "filing_date": on}}
    return evaluate(facts, on, readings=readings)


def at(determination: Determination, path: str) -> Any:
    """The value at a dotted path of the JSON determination (scenario-format.md), or None."""
    node: Any = determination.to_json(explain=False)
    for key in path.split("."):
        if not isinstance(node, Mapping):
            return None
        node = node.get(key)
    return node


def alternative(determination: Determination, basis: str) -> dict[str, Any] | None:
    """The entry of ``alternative_basis`` for ``basis`` (``"L435-1"``), or None."""
    for entry in at(determination, "alternative_basis") or []:
        if entry.get("basis") == basis:
            return dict(entry)
    return None
