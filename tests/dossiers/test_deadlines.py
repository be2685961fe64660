"""Deadlines stored after each act: the engine's, and the dates the law gives.

Each expected date is written out with its arithmetic; ``_matches_the_engine`` also checks
that what is stored is exactly what the law engine computes on the act's date.
"""

from __future__ import annotations

from datetime import date

import pytest

from sejour_traite.dossiers import deadlines, services
from sejour_traite.dossiers.models import Deadline
from sejour_traite.dossiers.services import PersonInput
from tests.dossiers.conftest import REFERRAL_DAY, refer
from tests.dossiers.journeys import COMPLAINT, seed_neutral_facts
from tests.dossiers.test_journey import act, fact, neutral_facts

pytestmark = pytest.mark.django_db


def stored(dossier) -> dict[str, date]:
    return {d.kind: d.due_on for d in Deadline.objects.filter(dossier=dossier)}


def _matches_the_engine(dossier, on: date) -> None:
    dossier.refresh_from_db()
    data = services.evaluate(dossier, on).to_json(explain=False)
    expected = deadlines.from_determination(data)
    if not dossier.applications.filter(decided=False).exists():
        expected.pop("implicit_rejection", None)
    assert stored(dossier) == expected
    assert all(d.prefecture_id == dossier.prefecture_id for d in dossier.deadlines.all())


def test_the_deadlines_after_each_act_from_referral_to_renewal(dossier, users):
    agent = users["agent"]
    steps = [
        # (what happens, on, deadlines stored afterwards)
        ("referral", REFERRAL_DAY, lambda: None, {}),
        (
            "reflection récépissé delivered",
            REFERRAL_DAY,
            lambda: act(dossier, agent, "deliver_reflection_recepisse", REFERRAL_DAY),
            # 2024-03-01 + 30 days; the récépissé is valid as long as the period.
            {"reflection_end": date(2024, 3, 31), "document_expiry": date(2024, 3, 31)},
        ),
        (
            "complaint filed",
            date(2024, 3, 11),
            lambda: fact(dossier, agent, "complaint", COMPLAINT, on=date(2024, 3, 11)),
            # Cooperating ends the reflection period (the engine's reading, open question
            # OQ-02): no end left to watch; the récépissé still runs to its date.
            {"document_expiry": date(2024, 3, 31)},
        ),
        (
            "application filed",
            date(2024, 3, 12),
            lambda: act(dossier, agent, "file_application", date(2024, 3, 12)),
            # The application ends the reflection period. Instruction récépissé: 4 months
            # less a day; silence on the application: filing + 4 months.
            {"document_expiry": date(2024, 7, 11), "implicit_rejection": date(2024, 7, 12)},
        ),
        (
            "instruction started",
            date(2024, 3, 12),
            lambda: act(dossier, agent, "start_instruction", date(2024, 3, 12)),
            {"document_expiry": date(2024, 7, 11), "implicit_rejection": date(2024, 7, 12)},
        ),
        (
            "CST granted",
            date(2024, 4, 2),
            lambda: act(dossier, agent, "grant_cst", date(2024, 4, 2)),
            # Card: one year less a day. Decided: no more implicit rejection. ANEF renewal
            # window (L425-1 card online since 2024): expiry - 120 days to expiry - 60 days.
            {
                "document_expiry": date(2025, 4, 1),
                "renewal_window_opens": date(2024, 12, 2),
                "renewal_window_closes": date(2025, 1, 31),
            },
        ),
        (
            "renewal filed online",
            date(2024, 12, 15),
            lambda: (
                fact(dossier, agent, "contrat_republique_signed", True, on=date(2024, 12, 15)),
                act(
                    dossier, agent, "file_renewal_application", date(2024, 12, 15), online_anef=True
                ),
            ),
            # Filed: the window closes its watch; a new récépissé and a new silence clock.
            {"document_expiry": date(2025, 4, 14), "implicit_rejection": date(2025, 4, 15)},
        ),
        (
            "CST renewed",
            date(2025, 3, 1),
            lambda: act(dossier, agent, "renew_cst", date(2025, 3, 1)),
            # 2026-02-28 - 120 days = 2025-10-31; - 60 days = 2025-12-30.
            {
                "document_expiry": date(2026, 2, 28),
                "renewal_window_opens": date(2025, 10, 31),
                "renewal_window_closes": date(2025, 12, 30),
            },
        ),
    ]
    neutral_facts(dossier, agent)

    for what, on, do, expected in steps:
        do()

        assert stored(dossier) == expected, what
        _matches_the_engine(dossier, on)
    current = dossier.documents.order_by("-valid_from", "-id").first()
    assert stored(dossier)["document_expiry"] == current.valid_until


@pytest.mark.parametrize(
    ("delivered", "end"),
    [
        (REFERRAL_DAY, date(2024, 3, 31)),
        (date(2024, 3, 5), date(2024, 4, 4)),
        (date(2024, 3, 31), date(2024, 4, 30)),
    ],
)
def test_the_reflection_period_ends_30_days_after_the_recepisse_is_delivered(
    dossier, users, delivered, end
):
    seed_neutral_facts(dossier, users["agent"])

    act(dossier, users["agent"], "deliver_reflection_recepisse", delivered)

    assert stored(dossier)["reflection_end"] == end
    assert dossier.documents.get().valid_until == stored(dossier)["document_expiry"]
    _matches_the_engine(dossier, delivered)


def test_the_implicit_rejection_is_watched_while_pending_and_dropped_once_refused(dossier, users):
    agent = users["agent"]
    neutral_facts(dossier, agent)
    fact(dossier, agent, "complaint", {"kind": "none"})
    act(dossier, agent, "file_application", date(2024, 3, 4))
    act(dossier, agent, "start_instruction", date(2024, 3, 4))
    assert stored(dossier)["implicit_rejection"] == date(2024, 7, 4)  # filing + 4 months

    act(dossier, agent, "refuse_cst", date(2024, 5, 2), motivation="Ni plainte ni témoignage.")

    assert "implicit_rejection" not in stored(dossier)
    _matches_the_engine(dossier, date(2024, 5, 2))


def test_the_implicit_rejection_of_an_application_filed_on_31_october_is_28_february(
    dossier, users
):
    act(dossier, users["agent"], "file_application", date(2024, 10, 31))

    assert stored(dossier)["implicit_rejection"] == date(2025, 2, 28)  # no 31 February


# ---------------------------------------------------------------- minors

MINOR = PersonInput("Joy", "Eze", date(2008, 6, 10), "NG", None)


def test_a_minor_victim_has_until_two_months_after_her_18th_birthday_to_file(users, paris):
    minor = refer(users, paris, person=MINOR)
    fact(minor, users["agent"], "recognised_victim_as_minor", True)

    # 18 on 2026-06-10; the application is due within two months of it.
    assert stored(minor) == {"majority_filing": date(2026, 8, 10)}
    _matches_the_engine(minor, REFERRAL_DAY)


def test_an_adult_has_no_majority_deadline(dossier):
    assert "majority_filing" not in stored(dossier)


def test_the_majority_deadline_survives_an_act_after_the_18th_birthday(users, paris):
    minor = refer(users, paris, person=MINOR)
    fact(minor, users["agent"], "recognised_victim_as_minor", True)

    fact(minor, users["agent"], "polygamy", False, on=date(2026, 7, 1))  # 18 since 2026-06-10

    assert stored(minor) == {"majority_filing": date(2026, 8, 10)}
