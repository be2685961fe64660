"""The demo data: every state in the two prefectures, accounts that sign in, idempotent.

The seed runs once for the module (it writes ~26 dossiers through the services) inside a
transaction rolled back at the end; each test runs in a savepoint inside it.
"""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import RequestFactory, override_settings
from django.utils import timezone

from sejour_traite.accounts.models import Prefecture, Role, User
from sejour_traite.dossiers import audit, deadlines, demo
from sejour_traite.dossiers.models import (
    Annotation,
    Application,
    AssociationShare,
    AuditEvent,
    Deadline,
    Decision,
    Document,
    Dossier,
    FactRecord,
    Person,
    ProcedureStage,
    State,
)

TABLES = (
    Prefecture,
    User,
    Person,
    Dossier,
    FactRecord,
    ProcedureStage,
    Document,
    Application,
    Decision,
    Annotation,
    Deadline,
    AssociationShare,
    AuditEvent,
)


def sign_in(username: str, password: str) -> User | None:
    """``authenticate`` as the sign-in page calls it (django-axes wants the request)."""
    request = RequestFactory().post("/connexion/")
    return authenticate(request, username=username, password=password)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in TABLES}


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo seeded once on an empty database, rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        assert not Dossier.objects.exists()
        assert not User.objects.exists()
        report = demo.seed()
        yield report
        transaction.set_rollback(True)


@pytest.fixture
def data(seeded, db):
    return seeded


def test_every_state_is_present_across_the_two_prefectures(data):
    states = set(Dossier.objects.values_list("state", flat=True))
    assert states == set(State.values)
    assert demo.states_seeded() == set(State.values)
    by_prefecture = set(Dossier.objects.values_list("prefecture__code", "state"))
    for code in ("75", "69"):
        assert {state for c, state in by_prefecture if c == code} == set(State.values)
    assert set(Prefecture.objects.values_list("code", flat=True)) == {"75", "69"}
    assert len(data.created) == len(demo.CASES) and not data.existing


def test_every_dossier_was_written_by_the_services(data):
    """A referral audit event per dossier, an audit event per decision, an intact chain."""
    numbers = set(Dossier.objects.values_list("number", flat=True))
    referred = set(
        AuditEvent.objects.filter(action="refer").values_list("dossier_number", flat=True)
    )
    assert referred == numbers
    for decision in Decision.objects.select_related("dossier"):
        assert AuditEvent.objects.filter(
            action=decision.act,
            dossier_number=decision.dossier.number,
            details__decision_id=decision.pk,
        ).exists()
    assert audit.verify().intact
    last = {}
    for decision in Decision.objects.order_by("decided_at", "id"):
        last[decision.dossier_id] = decision.to_state
    for dossier in Dossier.objects.all():
        assert last.get(dossier.pk, State.REFERRAL_RECEIVED) == dossier.state


def test_the_persons_are_obviously_fictional(data):
    surnames = {"Exemple", "Fictive", "Démo", "Modèle", "Spécimen"}
    for person in Person.objects.all():
        assert person.last_name in surnames
        assert person.foreigner_number.startswith("99")
    assert set(ProcedureStage.objects.values_list("procedure_reference", flat=True)) == {
        case.reference for case in demo.CASES
    }


def test_deadlines_fall_due_soon_in_both_prefectures(data):
    today = timezone.localdate()
    for prefecture in Prefecture.objects.all():
        soon = deadlines.due_between(prefecture.pk, today, today + timedelta(days=45))
        assert soon.exists(), prefecture.code


def test_discretionary_and_negative_decisions_are_motivated(data):
    for decision in Decision.objects.all():
        if decision.outcome == "DISCRETIONNAIRE" or decision.act in {
            "refuse_cst",
            "refuse_renewal",
            "withdraw_cst",
            "interrupt_reflection",
            "close",
        }:
            assert decision.motivation.strip(), decision.act


def test_every_demo_account_signs_in_with_its_printed_password(data):
    roles = set()
    for account in demo.ACCOUNTS:
        user = sign_in(account.username, account.password)
        assert user is not None, account.username
        assert user.role == account.role
        assert (user.prefecture.code if user.prefecture else None) == account.prefecture
        roles.add(user.role)
    assert roles == set(Role.values)
    for code in ("75", "69"):
        staff = User.objects.filter(prefecture__code=code)
        assert {Role.AGENT, Role.SUPERVISOR} <= set(staff.values_list("role", flat=True))


def test_a_second_run_creates_nothing_and_prints_the_same_accounts(data):
    before = counts()
    first = data.accounts_table()

    out = StringIO()
    call_command("seed_demo", stdout=out)

    assert counts() == before
    output = out.getvalue()
    assert f"0 créés, {len(demo.CASES)} déjà présents" in output
    assert first in output
    for account in demo.ACCOUNTS:
        assert f"{account.username}  " in output and account.password in output


def test_a_changed_demo_account_is_restored_so_the_table_stays_true(data):
    user = User.objects.get(username="agent75")
    user.set_password("changed")
    user.prefecture = Prefecture.objects.get(code="69")
    user.is_active = False
    user.save()

    report = demo.seed()

    assert not report.created
    restored = sign_in("agent75", "demo-agent75")
    assert restored is not None and restored.prefecture.code == "75"


def test_the_demo_is_refused_in_production(db):
    before = counts()
    with override_settings(PRODUCTION=True):
        with pytest.raises(demo.DemoRefused):
            demo.seed()
        with pytest.raises(CommandError, match="production"):
            call_command("seed_demo", stdout=StringIO())
    assert counts() == before
