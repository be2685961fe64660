"""The whole journey of a dossier through the service layer, checked by the law engine."""

from __future__ import annotations

from datetime import date

import pytest

from sejour_traite.dossiers import demo, services
from sejour_traite.dossiers.errors import (
    DossierChangedMeanwhile,
    MissingFacts,
    MotivationRequired,
    TransitionRefused,
)
from sejour_traite.dossiers.models import AuditEvent, Deadline, Decision, Dossier, State
from tests.dossiers.conftest import REFERRAL_DAY

pytestmark = pytest.mark.django_db


def fact(dossier, agent, name, value, on=REFERRAL_DAY, by="prefecture"):
    dossier.refresh_from_db()
    return services.record_fact(
        dossier.pk,
        by=agent,
        name=name,
        value=value,
        established_by=by,
        established_on=on,
        version=dossier.version,
    )


def act(dossier, agent, name, on, **kwargs):
    dossier.refresh_from_db()
    return services.perform(dossier.pk, name, by=agent, on=on, version=dossier.version, **kwargs)


#: The demo's first-interview facts (``demo.NEUTRAL_FACTS``) without the language, the
#: contract and the complaint, which the journeys record themselves.
NEUTRAL_FACTS = {
    name: value
    for name, value in demo.NEUTRAL_FACTS.items()
    if name not in ("information_language_understood", "contrat_republique_signed", "complaint")
}


def neutral_facts(dossier, agent):
    for name, value in NEUTRAL_FACTS.items():
        fact(dossier, agent, name, value)


def test_a_police_referral_opens_a_dossier_numbered_in_the_chosen_prefecture(dossier):
    assert dossier.number == "75-2024-00001"
    assert dossier.state == State.REFERRAL_RECEIVED
    assert AuditEvent.objects.filter(action="refer", dossier_number=dossier.number).exists()


def test_from_referral_to_carte_de_resident(dossier, users):
    agent = users["agent"]
    neutral_facts(dossier, agent)

    act(dossier, agent, "deliver_reflection_recepisse", REFERRAL_DAY)
    dossier.refresh_from_db()
    assert dossier.state == State.REFLECTION
    assert Deadline.objects.filter(
        dossier=dossier, kind="reflection_end", due_on=date(2024, 3, 31)
    ).exists()

    fact(
        dossier,
        agent,
        "complaint",
        {"kind": "penal", "filed_date": "2024-03-11", "against_x": False, "offences": ["225-4-1"]},
        on=date(2024, 3, 11),
        by="victim",
    )
    act(dossier, agent, "file_application", date(2024, 3, 12))
    act(dossier, agent, "start_instruction", date(2024, 3, 12))
    decision = act(dossier, agent, "grant_cst", date(2024, 4, 2))
    dossier.refresh_from_db()
    assert decision.outcome == "DE_PLEIN_DROIT"
    assert decision.legal_version == "V2024a"
    assert dossier.state == State.CST_GRANTED
    card = dossier.documents.get(kind="cst")
    assert (card.valid_from, card.valid_until) == (date(2024, 4, 2), date(2025, 4, 1))

    fact(dossier, agent, "contrat_republique_signed", True, on=date(2025, 2, 1))
    act(dossier, agent, "file_renewal_application", date(2025, 2, 1), online_anef=True)
    act(dossier, agent, "renew_cst", date(2025, 3, 1))
    services.report_procedure_stage(
        dossier.pk,
        by=users["police"],
        stage="definitive_conviction",
        procedure_reference="PV 2024/118",
        on=date(2025, 9, 1),
    )
    fact(
        dossier,
        agent,
        "convicted_offences_of_accused",
        ["225-4-1"],
        on=date(2025, 9, 1),
        by="justice",
    )
    act(dossier, agent, "grant_carte_resident", date(2025, 9, 15))
    dossier.refresh_from_db()
    assert dossier.state == State.CARTE_RESIDENT
    assert dossier.documents.get(kind="carte_resident").valid_until == date(2035, 9, 14)
    assert [d.act for d in Decision.objects.filter(dossier=dossier)] == [
        "deliver_reflection_recepisse",
        "file_application",
        "start_instruction",
        "grant_cst",
        "file_renewal_application",
        "renew_cst",
        "grant_carte_resident",
    ]


def test_an_act_the_state_does_not_allow_is_refused(dossier, users):
    with pytest.raises(TransitionRefused, match="impossible depuis"):
        act(dossier, users["agent"], "grant_cst", REFERRAL_DAY)


def test_the_law_refuses_a_cst_without_complaint_or_testimony(dossier, users):
    agent = users["agent"]
    neutral_facts(dossier, agent)
    fact(dossier, agent, "complaint", {"kind": "none"})
    act(dossier, agent, "file_application", REFERRAL_DAY)
    act(dossier, agent, "start_instruction", REFERRAL_DAY)

    with pytest.raises(TransitionRefused) as refused:
        act(dossier, agent, "grant_cst", REFERRAL_DAY)

    assert "L425-1" in refused.value.grounds
    assert Dossier.objects.get(pk=dossier.pk).state == State.UNDER_INSTRUCTION


def test_an_undetermined_grant_returns_the_facts_to_collect(dossier, users):
    agent = users["agent"]
    act(dossier, agent, "file_application", REFERRAL_DAY)
    act(dossier, agent, "start_instruction", REFERRAL_DAY)

    with pytest.raises(MissingFacts) as missing:
        act(dossier, agent, "grant_cst", REFERRAL_DAY)

    assert "complaint" in missing.value.missing_facts


def test_a_refusal_without_motivation_is_impossible(dossier, users):
    agent = users["agent"]
    neutral_facts(dossier, agent)
    fact(dossier, agent, "complaint", {"kind": "none"})
    act(dossier, agent, "file_application", REFERRAL_DAY)
    act(dossier, agent, "start_instruction", REFERRAL_DAY)

    with pytest.raises(MotivationRequired):
        act(dossier, agent, "refuse_cst", REFERRAL_DAY)
    decision = act(
        dossier,
        agent,
        "refuse_cst",
        REFERRAL_DAY,
        motivation="Ni plainte ni témoignage (CESEDA L425-1).",
    )

    assert decision.outcome == "NON_REMPLI"
    assert decision.motivation.startswith("Ni plainte")


def test_a_second_agent_saving_the_same_version_gets_a_conflict(dossier, users):
    agent = users["agent"]
    version = Dossier.objects.get(pk=dossier.pk).version
    services.record_fact(
        dossier.pk,
        by=agent,
        name="public_order_threat",
        value="none",
        established_by="prefecture",
        established_on=REFERRAL_DAY,
        version=version,
    )

    with pytest.raises(DossierChangedMeanwhile, match="rien n'a été perdu"):
        services.record_fact(
            dossier.pk,
            by=agent,
            name="polygamy",
            value=False,
            established_by="prefecture",
            established_on=REFERRAL_DAY,
            version=version,
        )

    assert not Dossier.objects.get(pk=dossier.pk).facts.filter(name="polygamy").exists()
