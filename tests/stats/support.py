"""Builders of the statistics tests: dossiers through the services, acts as stored rows.

Dossiers are opened by ``services.open_referral`` (identity encrypted, as in production).
Acts are written as ``Decision`` and ``AggregateCount`` rows with the dates a test needs:
the statistics read those rows, and the services that write them have their own tests.
"""

from __future__ import annotations

from datetime import date

from sejour_traite.dossiers import services
from sejour_traite.dossiers.models import AggregateCount, Decision, Dossier
from sejour_traite.dossiers.services import PersonInput
from tests.dossiers.conftest import REFERRAL_DAY, refer

#: The identity of every person these tests create: it must never appear in a figure.
IDENTITY = ("Amina", "Okafor", "1996-05-14", "7501234567")


def referred(users, prefecture, nationality: str | None = "NG", **overrides) -> Dossier:
    person = PersonInput("Amina", "Okafor", date(1996, 5, 14), nationality, "7501234567")
    return refer(users, prefecture, person=person, **overrides)


def offences(dossier: Dossier, agent, complaint=None, testimony=None) -> None:
    """Record the complaint's and the testimony's offences (Code pénal articles)."""
    for name, articles in (("complaint", complaint), ("testimony", testimony)):
        if articles is None:
            continue
        value = (
            {"kind": "penal", "filed_date": "2024-03-11", "against_x": False, "offences": articles}
            if name == "complaint"
            else {"date": "2024-03-11", "accused_prosecuted": True, "offences": articles}
        )
        dossier.refresh_from_db()
        services.record_fact(
            dossier.pk,
            by=agent,
            name=name,
            value=value,
            established_by="victim",
            established_on=REFERRAL_DAY,
            version=dossier.version,
        )


def act(dossier: Dossier, agent, name: str, on: date) -> Decision:
    """A stored act (no law check: the statistics only read act and date)."""
    return Decision.objects.create(
        dossier=dossier,
        act=name,
        from_state=dossier.state,
        to_state=dossier.state,
        eval_date=on,
        legal_version="V2024b",
        determination={},
        facts_snapshot="{}",
        decided_by=agent,
    )


def counted(prefecture, act: str, year: int, count: int) -> None:
    AggregateCount.objects.create(prefecture_code=prefecture.code, act=act, year=year, count=count)
