"""Hypothesis strategies: any situation of legal-spec §5, and ways to forget facts."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from sejour_traite.law.facts import (
    APPLICATION_KINDS,
    CRIMINAL_PROCEDURE_STATUSES,
    DOCUMENT_KINDS,
    DOCUMENTS,
)

FIRST, LAST = date(2005, 3, 1), date(2027, 12, 31)
NATIONALITIES = [
    "NG",
    "CN",
    "BR",
    "DZ",
    "GB",
    "RO",
    "BG",
    "HR",
    "IT",
    "FR",
    "NO",
    "CH",
    "STATELESS",
]
OFFENCES = ["225-4-1", "225-5", "225-7", "225-10", "225-13", "224-1 A", "225-4-7"]

dates = st.dates(FIRST, LAST)
bools = st.booleans()
offences = st.lists(st.sampled_from(OFFENCES), max_size=3, unique=True)
event_dates = st.one_of(st.just("none"), dates)


def _around(day: date) -> st.SearchStrategy[date]:
    """Dates close to ``day`` (so that periods and windows are hit often)."""
    return st.integers(-60, 60).map(lambda n: day + timedelta(days=n))


complaints = st.one_of(
    st.just({"kind": "none"}),
    st.fixed_dictionaries(
        {
            "kind": st.sampled_from(["penal", "civil_only"]),
            "filed_date": dates,
            "against_x": bools,
            "offences": offences,
        }
    ),
)
testimonies = st.one_of(
    st.just("none"),
    st.fixed_dictionaries({"date": dates, "accused_prosecuted": bools, "offences": offences}),
)
removals = st.one_of(
    st.just("none"),
    st.fixed_dictionaries(
        {"type": st.sampled_from(["OQTF", "APRF", "ITF_JUDICIAL", "EXPULSION"]), "date": dates}
    ),
)
documents = st.fixed_dictionaries(
    {"kind": st.sampled_from(DOCUMENT_KINDS), "valid_from": dates, "valid_until": dates}
)
applications = st.fixed_dictionaries(
    {"kind": st.sampled_from(APPLICATION_KINDS), "filing_date": dates, "online_anef": bools}
)


@st.composite
def situations(draw: st.DrawFn) -> tuple[dict, date]:
    """A complete situation (every fact known) and its evaluation date."""
    eval_date = draw(st.dates(date(2006, 1, 1), LAST))
    near = _around(eval_date)
    near_or_none = st.one_of(st.just("none"), near)
    facts = {
        "nationality": draw(st.sampled_from(NATIONALITIES)),
        "is_withdrawal_agreement_beneficiary": draw(bools),
        "is_eu_family_member_in_france": draw(st.sampled_from([False, False, False, True])),
        "date_of_birth": draw(
            st.one_of(
                st.dates(date(1950, 1, 1), date(1995, 12, 31)),
                st.integers(14 * 365, 19 * 365).map(lambda n: eval_date - timedelta(days=n)),
            )
        ),
        "declared_minor": draw(bools),
        "wishes_to_work_or_train": draw(bools),
        "recognised_victim_as_minor": draw(bools),
        "police_hearing_date": draw(near_or_none),
        "police_reasonable_grounds": draw(bools),
        "information_given_date": draw(near_or_none),
        "information_language_understood": draw(bools),
        "reflection_requested": draw(bools),
        "police_referral_to_prefecture": draw(bools),
        "photo_provided": draw(bools),
        "reflection_recepisse_delivery_date": draw(near_or_none),
        "previous_reflection_period_for_same_facts": draw(bools),
        "ties_renewed_on_own_initiative_date": draw(near_or_none),
        "reflection_interruption_decision_date": draw(near_or_none),
        "removal_decision": draw(removals),
        "complaint": draw(
            st.one_of(
                complaints,
                st.fixed_dictionaries(
                    {
                        "kind": st.just("penal"),
                        "filed_date": near,
                        "against_x": bools,
                        "offences": offences,
                    }
                ),
            )
        ),
        "testimony": draw(testimonies),
        "applicant_role": draw(st.sampled_from(["victim", "witness"])),
        "facts_exclusively_abroad_by_foreigners": draw(bools),
        "judicial_confirmation_procedure_opened": draw(bools),
        "criminal_procedure_status": draw(st.sampled_from(CRIMINAL_PROCEDURE_STATUSES)),
        "definitive_conviction_date": draw(event_dates),
        "convicted_offences_of_accused": draw(offences),
        "complaint_found_false_or_unfounded": draw(bools),
        "cooperation_ceased": draw(bools),
        "reality_of_facts_questioned": draw(bools),
        "ties_with_perpetrators_broken": draw(bools),
        "public_order_threat": draw(st.sampled_from(["none", "threat", "serious_threat"])),
        "victim_convictions": draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "article": st.sampled_from(["225-10-1", "441-1"]),
                        "date": dates,
                        "in_same_procedure": bools,
                        "minor_relative": bools,
                    }
                ),
                max_size=2,
            )
        ),
        "alleged_offence_acts": draw(
            st.lists(
                st.fixed_dictionaries(
                    {"kind": st.sampled_from(["racolage", "vol"]), "date": dates}
                ),
                max_size=2,
            )
        ),
        "oqtf_previously_not_complied": draw(bools),
        "facts_forgery_441": draw(bools),
        "facts_l432_1_1_serious_offences": draw(bools),
        "facts_violence_against_officials": draw(bools),
        "judicial_itf_in_force": draw(bools),
        "fear_of_reprisals": draw(bools),
        "integration_efforts": draw(
            st.lists(
                st.sampled_from(["language_training", "vocational_training", "employment"]),
                unique=True,
            )
        ),
        "agent_has_doubts_on_reinsertion": draw(bools),
        "application": draw(
            st.fixed_dictionaries(
                {
                    "kind": st.sampled_from(APPLICATION_KINDS),
                    "filing_date": near,
                    "online_anef": bools,
                }
            )
        ),
        "current_document": draw(
            st.one_of(
                documents,
                st.fixed_dictionaries(
                    {
                        "kind": st.sampled_from(DOCUMENT_KINDS),
                        "valid_from": near,
                        "valid_until": near,
                    }
                ),
            )
        ),
        "previous_consecutive_cst_renewals": draw(st.integers(0, 5)),
        "contrat_republique_signed": draw(bools),
        "contrat_republique_breach": draw(bools),
        "documents_provided": draw(st.lists(st.sampled_from(DOCUMENTS), unique=True, max_size=4)),
        "prostitution_exit_path_authorised_date": draw(near_or_none),
        "ceased_prostitution": draw(bools),
        "monthly_resources_eur": draw(st.sampled_from([0, 300, 600, 2000])),
        "habitual_residence_in_france": draw(bools),
        "polygamy": draw(bools),
    }
    return facts, eval_date


@st.composite
def forgotten(draw: st.DrawFn, facts: dict) -> dict:
    """The same situation with some facts, and some record fields, made unknown."""
    partial = {}
    for name, value in facts.items():
        if draw(st.integers(0, 3)) == 0:
            continue  # forgotten: unknown
        if isinstance(value, dict) and draw(st.integers(0, 3)) == 0:
            value = {k: v for k, v in value.items() if draw(st.booleans())}
        partial[name] = value
    return partial
