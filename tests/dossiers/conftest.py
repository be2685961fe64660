"""Fixtures of the case-file tests: prefectures, users of every role, a referred dossier.

The suite runs on SQLite by default and on PostgreSQL with DATABASE_URL set (.ci/run runs
both).
"""

from __future__ import annotations

from datetime import date

import pytest

from sejour_traite.accounts.models import Prefecture, Role, User
from sejour_traite.dossiers import services
from sejour_traite.dossiers.services import PersonInput

REFERRAL_DAY = date(2024, 3, 1)


@pytest.fixture
def paris(db):
    return Prefecture.objects.create(code="75", name="Préfecture de police")


@pytest.fixture
def lyon(db):
    return Prefecture.objects.create(code="69", name="Préfecture du Rhône")


def make_user(username: str, role: str, prefecture=None, organisation: str = "") -> User:
    return User.objects.create_user(
        username=username,
        password="x",
        role=role,
        prefecture=prefecture,
        organisation=organisation,
        email=f"{username}@example.org",
    )


@pytest.fixture
def users(paris, lyon):
    return {
        "agent": make_user("agent75", Role.AGENT, paris),
        "other_agent": make_user("agent69", Role.AGENT, lyon),
        "supervisor": make_user("chef75", Role.SUPERVISOR, paris),
        "other_supervisor": make_user("chef69", Role.SUPERVISOR, lyon),
        "police": make_user("opj", Role.POLICE, organisation="BRP Paris"),
        "other_police": make_user("opj2", Role.POLICE, organisation="SR Lyon"),
        "association": make_user("asso", Role.ASSOCIATION, organisation="Association Ac-Sé"),
        "auditor": make_user("audit", Role.AUDITOR),
        "admin": make_user("admin", Role.ADMIN),
    }


def refer(users, prefecture, **overrides):
    arguments = {
        "by": users["police"],
        "prefecture": prefecture,
        "person": PersonInput("Amina", "Okafor", date(1996, 5, 14), "NG", "7501234567"),
        "police_unit": "BRP Paris",
        "procedure_reference": "PV 2024/118",
        "on": REFERRAL_DAY,
        "police_hearing_date": REFERRAL_DAY,
        "information_given_date": REFERRAL_DAY,
        "reflection_requested": True,
        "photo_provided": True,
    }
    arguments.update(overrides)
    return services.open_referral(**arguments)


@pytest.fixture
def dossier(users, paris):
    return refer(users, paris)
