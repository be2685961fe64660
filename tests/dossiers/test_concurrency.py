"""Real concurrent transactions on PostgreSQL: optimistic locking and the audit chain.

Each thread has its own database connection (Django's connections are per thread) and closes
it at the end. To make the race certain rather than likely, the first transaction pauses
while it holds its lock, and the main thread releases it only once PostgreSQL reports the
other transaction waiting for that lock.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, connections

from sejour_traite.dossiers import audit, services
from sejour_traite.dossiers.errors import DossierChangedMeanwhile
from sejour_traite.dossiers.models import AuditEvent, Dossier, FactRecord
from tests.dossiers.conftest import REFERRAL_DAY

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgresql,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="real concurrent transactions need PostgreSQL (SQLite serialises writers on "
        "one file lock and FOR UPDATE is a no-op there); run with DATABASE_URL=postgres://…",
    ),
]

TIMEOUT = 10  # seconds; the tests take well under one


def waiting_for_a_lock() -> int:
    """Backends of this database waiting for a lock (seen from the main thread)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]


def wait_until_someone_waits() -> bool:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if waiting_for_a_lock():
            return True
        time.sleep(0.01)
    return False


class PauseOnce:
    """Wraps a function: the first caller stops inside it until ``release`` is set."""

    def __init__(self, function):
        self.function = function
        self.entered = threading.Event()
        self.release = threading.Event()
        self._first = threading.Lock()

    def __call__(self, *args, **kwargs):
        if self._first.acquire(blocking=False):
            self.entered.set()
            self.release.wait(TIMEOUT)
        return self.function(*args, **kwargs)


def run_in_threads(*targets):
    """Run each target in its own thread with its own connection; results or exceptions."""
    results: dict[int, object] = {}

    def run(index, target):
        try:
            results[index] = target()
        except Exception as error:  # the loser's exception is the result under test
            results[index] = error
        finally:
            connections.close_all()  # this thread's connections only

    threads = [
        threading.Thread(target=run, args=(i, target), daemon=True)
        for i, target in enumerate(targets)
    ]
    for thread in threads:
        thread.start()
    return threads, results


def test_two_agents_saving_the_same_version_one_wins_the_other_is_told_nothing_is_lost(
    dossier, users, monkeypatch
):
    dossier = Dossier.objects.get(pk=dossier.pk)
    facts_before = FactRecord.objects.filter(dossier=dossier).count()
    events_before = AuditEvent.objects.count()
    start = threading.Barrier(2, timeout=TIMEOUT)
    pause = PauseOnce(services._refresh)  # inside the transaction, after the fact is written
    monkeypatch.setattr(services, "_refresh", pause)

    def agent_saves(value, proof):
        def save():
            version = Dossier.objects.get(pk=dossier.pk).version  # each reads the dossier
            start.wait()  # both have read the same version before either writes
            return services.record_fact(
                dossier.pk,
                by=users["agent"],
                name="ties_with_perpetrators_broken",
                value=value,
                established_by="victim",
                established_on=REFERRAL_DAY,
                proof_reference=proof,
                version=version,
            )

        return save

    threads, results = run_in_threads(
        agent_saves(True, "attestation Ac-Sé"), agent_saves(False, "PV 2024/131")
    )
    assert pause.entered.wait(TIMEOUT), "no transaction reached the write"
    blocked = wait_until_someone_waits()
    # Mid-transaction: the winner's fact and version are written but invisible to others.
    visible_version = Dossier.objects.get(pk=dossier.pk).version
    visible_facts = FactRecord.objects.filter(dossier=dossier).count()
    pause.release.set()
    for thread in threads:
        thread.join(TIMEOUT)

    assert blocked, "the second transaction never waited for the first one's lock"
    assert (visible_version, visible_facts) == (dossier.version, facts_before)
    winners = [r for r in results.values() if isinstance(r, Dossier)]
    losers = [r for r in results.values() if isinstance(r, DossierChangedMeanwhile)]
    assert (len(winners), len(losers)) == (1, 1), results
    message = str(losers[0])
    assert f"Le dossier {dossier.number} a été modifié par une autre personne" in message
    assert f"version {dossier.version} lue, version {dossier.version + 1} enregistrée" in message
    assert "rien n'a été perdu" in message
    winner_value = next(v for i, v in enumerate((True, False)) if results[i] is winners[0])
    stored = FactRecord.objects.filter(dossier=dossier, name="ties_with_perpetrators_broken")
    assert [(f.value, f.proof_reference) for f in stored] == [
        (winner_value, "attestation Ac-Sé" if winner_value else "PV 2024/131")
    ]
    assert FactRecord.objects.filter(dossier=dossier).count() == facts_before + 1
    assert Dossier.objects.get(pk=dossier.pk).version == dossier.version + 1
    assert list(
        AuditEvent.objects.filter(sequence__gt=events_before).values_list("action", flat=True)
    ) == ["record_fact"]
    assert audit.verify().intact


def test_concurrent_audit_writers_never_share_a_sequence_number_and_keep_the_chain(
    users, monkeypatch
):
    per_thread = 10
    start = threading.Barrier(2, timeout=TIMEOUT)
    pause = PauseOnce(audit.compute_hash)  # holds the chain's head, locked
    monkeypatch.setattr(audit, "compute_hash", pause)

    def writer(user):
        def write():
            start.wait()
            return [audit.record(user, "read", None, "service").sequence for _ in range(per_thread)]

        return write

    # The chain is empty: both writers also race to create its head.
    threads, results = run_in_threads(writer(users["agent"]), writer(users["other_agent"]))
    assert pause.entered.wait(TIMEOUT), "no writer reached the chain"
    blocked = wait_until_someone_waits()
    pause.release.set()
    for thread in threads:
        thread.join(TIMEOUT)

    assert blocked, "the second writer never waited for the first one's lock"
    assert all(isinstance(r, list) for r in results.values()), results
    sequences = sorted(results[0] + results[1])
    assert sequences == list(range(1, 2 * per_thread + 1))
    stored = list(AuditEvent.objects.order_by("sequence").values_list("sequence", flat=True))
    assert stored == sequences
    report = audit.verify()
    assert report.intact and report.checked == 2 * per_thread
