"""A whole journey through every service, for the audit, privacy and history tests.

The person's identity (conftest.refer) and an agent's note quoting it are the data that
must never reach the audit trail, the logs or an email.
"""

from __future__ import annotations

from datetime import date

import pytest

from sejour_traite.dossiers import reminders, services
from sejour_traite.dossiers.errors import ActionNotPermitted, TransitionRefused
from sejour_traite.dossiers.models import Dossier, FactRecord
from tests.dossiers.conftest import REFERRAL_DAY, refer
from tests.dossiers.test_journey import NEUTRAL_FACTS, act, fact

#: The person of conftest.refer, in every spelling a leak could take.
IDENTITY = ("Amina", "Okafor", "1996-05-14", "14/05/1996", "7501234567")
NOTE = "Entretien avec Mme Amina Okafor, née le 14/05/1996, n° étranger 7501234567."
COMPLAINT = {
    "kind": "penal",
    "filed_date": "2024-03-11",
    "against_x": False,
    "offences": ["225-4-1"],
}


def seed_neutral_facts(dossier, agent) -> None:
    """The neutral facts in one insert, without the services (setup only: the tests that
    need ``record_fact`` itself call it)."""
    FactRecord.objects.bulk_create(
        FactRecord(
            dossier=dossier,
            name=name,
            value=value,
            established_by="prefecture",
            established_on=REFERRAL_DAY,
            recorded_by=agent,
        )
        for name, value in NEUTRAL_FACTS.items()
    )


def in_reflection(users, prefecture, agent) -> Dossier:
    """A referral whose reflection récépissé was delivered on REFERRAL_DAY (2024-03-01):
    the period and the récépissé end on 2024-03-31. Only the facts the delivery needs."""
    dossier = refer(users, prefecture)
    fact(dossier, agent, "is_eu_family_member_in_france", False)
    fact(dossier, agent, "previous_reflection_period_for_same_facts", False)
    act(dossier, agent, "deliver_reflection_recepisse", REFERRAL_DAY)
    dossier.refresh_from_db()
    return dossier


def full_journey(users, prefecture) -> Dossier:
    """Referral → reflection → CST → renewal → carte de résident, with reads, a note, a
    share, a refused read, a refused act, reminders and the procedure's stages."""
    agent, police = users["agent"], users["police"]
    dossier = refer(users, prefecture)
    services.view(dossier.pk, by=agent)
    seed_neutral_facts(dossier, agent)
    act(dossier, agent, "deliver_reflection_recepisse", REFERRAL_DAY)
    services.annotate(dossier.pk, by=agent, text=NOTE)
    services.share_with_association(
        dossier.pk, by=agent, association=users["association"], on=REFERRAL_DAY
    )
    services.view(dossier.pk, by=users["association"], interface="web")
    with pytest.raises(ActionNotPermitted):
        services.view(dossier.pk, by=users["other_agent"])
    reminders.send_reminders(REFERRAL_DAY, horizon_days=30)
    fact(dossier, agent, "complaint", COMPLAINT, on=date(2024, 3, 11), by="victim")
    act(dossier, agent, "file_application", date(2024, 3, 12))
    act(dossier, agent, "start_instruction", date(2024, 3, 12))
    services.report_procedure_stage(
        dossier.pk,
        by=police,
        stage="prosecution",
        procedure_reference="PV 2024/118",
        on=date(2024, 3, 20),
    )
    act(dossier, agent, "grant_cst", date(2024, 4, 2))
    with pytest.raises(TransitionRefused):
        act(dossier, agent, "grant_carte_resident", date(2024, 4, 3))
    reminders.send_reminders(date(2024, 11, 28))
    fact(dossier, agent, "contrat_republique_signed", True, on=date(2024, 12, 15))
    act(dossier, agent, "file_renewal_application", date(2024, 12, 15), online_anef=True)
    act(dossier, agent, "renew_cst", date(2025, 3, 1))
    services.report_procedure_stage(
        dossier.pk,
        by=police,
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
    services.view(dossier.pk, by=agent)
    dossier.refresh_from_db()
    return dossier
