"""Append-only, keyed hash chain of every read and write of a dossier.

Each event's hash is HMAC-SHA256, under ``settings.AUDIT_KEY`` (``SEJOUR_TRAITE_AUDIT_KEY``),
of the previous hash and the canonical JSON of the event. Without the key, someone able to
write to the database cannot forge a link: an event altered and re-hashed (with plain
SHA-256 or any other key) breaks where it stands. The chain's head is locked (SELECT … FOR
UPDATE on PostgreSQL; SQLite serialises writers) so that two transactions never append with
the same sequence number. The event is written in the transaction of the act it records: no
act without its trace, no trace without its act.

The head is the one row every audited read and write waits for: an act takes it last, just
before its commit, and holds it for two statements (lock and read; insert the event and move
the head in one statement on PostgreSQL).

Chains written before the key (plain SHA-256) are re-sealed once with ``reseal`` (``manage.py
reseal_audit``), which verifies them link by link first; so does a change of key.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models.sql import InsertQuery
from django.utils import timezone

from sejour_traite.dossiers.models import AuditEvent, AuditHead, Dossier

GENESIS = "0" * 64
#: Events rewritten per statement by ``reseal``.
RESEAL_BATCH = 2000

Hasher = Callable[[str, AuditEvent], str]


def _canonical(event: AuditEvent) -> str:
    payload = {
        "sequence": event.sequence,
        "at": event.at.isoformat(),
        "user_id": event.user_id,
        "role": event.role,
        "prefecture_code": event.prefecture_code,
        "dossier_number": event.dossier_number,
        "action": event.action,
        "interface": event.interface,
        "details": event.details,
    }
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _message(previous_hash: str, event: AuditEvent) -> bytes:
    return (previous_hash + _canonical(event)).encode("utf-8")


def compute_hash(previous_hash: str, event: AuditEvent, key: str | None = None) -> str:
    """The link of an event chained to the previous one: HMAC-SHA256 under ``key``
    (default: ``settings.AUDIT_KEY``)."""
    secret = (settings.AUDIT_KEY if key is None else key).encode("utf-8")
    return hmac.new(secret, _message(previous_hash, event), hashlib.sha256).hexdigest()


def plain_sha256(previous_hash: str, event: AuditEvent) -> str:
    """The unkeyed link of the chains written before the audit key (re-sealing only)."""
    return hashlib.sha256(_message(previous_hash, event)).hexdigest()


def record(
    user: Any,
    action: str,
    dossier: Dossier | None = None,
    interface: str = "service",
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append an event (inside the caller's transaction, or in its own one).

    Inside an act no savepoint is taken: an audit that fails fails the whole act.
    """
    at = timezone.now()
    prefecture_code = (dossier.prefecture.code if dossier is not None else "") or (
        getattr(getattr(user, "prefecture", None), "code", "") or ""
    )
    with transaction.atomic(savepoint=False):
        head = _locked_head()
        previous_hash = head.hash
        event = AuditEvent(
            sequence=head.sequence + 1,
            at=at,
            user_id=getattr(user, "pk", None),
            role=getattr(user, "role", "") or "",
            prefecture_code=prefecture_code,
            dossier_number=dossier.number if dossier is not None else "",
            action=action,
            interface=interface,
            details=details or {},
            previous_hash=previous_hash,
        )
        event.hash = compute_hash(previous_hash, event)
        _append(event)
    return event


def _append(event: AuditEvent) -> None:
    """Insert the event and move the head to it (one statement on PostgreSQL)."""
    if connection.vendor != "postgresql":
        event.save(force_insert=True)
        AuditHead.objects.filter(pk=1).update(sequence=event.sequence, hash=event.hash)
        return
    query = InsertQuery(AuditEvent)
    fields = [f for f in AuditEvent._meta.concrete_fields if not f.primary_key]
    query.insert_values(fields, [event])
    compiler = query.get_compiler(connection=connection)
    compiler.returning_fields = [AuditEvent._meta.pk]
    [(insert, params)] = compiler.as_sql()
    quote = connection.ops.quote_name
    move_head = (
        f"WITH head AS (UPDATE {quote(AuditHead._meta.db_table)} SET {quote('sequence')} = %s, "
        f"{quote('hash')} = %s WHERE {quote('id')} = 1) "
    )
    with connection.cursor() as cursor:
        cursor.execute(move_head + insert, [event.sequence, event.hash, *params])
        event.pk = cursor.fetchone()[0]
    event._state.adding = False
    event._state.db = connection.alias


def _locked_head() -> AuditHead:
    """The chain's head, locked until the end of the transaction (one writer at a time)."""
    head = _read_head_for_update()
    if head is None:
        try:
            with transaction.atomic():
                AuditHead.objects.create(pk=1, sequence=0, hash=GENESIS)
        except IntegrityError:
            pass  # created meanwhile by another transaction
        head = _read_head_for_update()
        assert head is not None
    return head


def _read_head_for_update() -> AuditHead | None:
    """SELECT … FOR UPDATE of the head, written out (it runs with every audited act)."""
    quote = connection.ops.quote_name
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {quote('sequence')}, {quote('hash')} FROM "
            f"{quote(AuditHead._meta.db_table)} WHERE {quote('id')} = 1{lock}"
        )
        row = cursor.fetchone()
    if row is None:
        return None
    head = AuditHead(pk=1, sequence=row[0], hash=row[1])
    head._state.adding, head._state.db = False, connection.alias
    return head


@dataclass(frozen=True)
class ChainReport:
    """Result of a verification: events checked and the first broken link, if any."""

    checked: int
    broken_at: int | None
    reason: str = ""

    @property
    def intact(self) -> bool:
        """Whether every link holds."""
        return self.broken_at is None


def verify() -> ChainReport:
    """Recompute every link under the audit key; name the first event whose hash or
    predecessor is wrong."""
    previous_hash = GENESIS
    expected_sequence = 1
    checked = 0
    key = settings.AUDIT_KEY
    for event in AuditEvent.objects.order_by("sequence").iterator(chunk_size=2000):
        if event.sequence != expected_sequence:
            return ChainReport(checked, expected_sequence, "event missing (sequence gap)")
        if event.previous_hash != previous_hash:
            return ChainReport(checked, event.sequence, "previous hash does not match")
        if compute_hash(previous_hash, event, key) != event.hash:
            reason = "content altered (hash mismatch)"
            if plain_sha256(previous_hash, event) == event.hash:
                reason += "; the link is plain SHA-256, not keyed: forged, or written before "
                reason += "the audit key (re-seal once: manage.py reseal_audit)"
            return ChainReport(checked, event.sequence, reason)
        previous_hash = event.hash
        expected_sequence += 1
        checked += 1
    return ChainReport(checked, None)


def _rewrite_links(events: list[AuditEvent]) -> None:
    """Write the new links of ``events`` (one UPDATE … FROM VALUES on PostgreSQL)."""
    if connection.vendor != "postgresql":
        AuditEvent.objects.bulk_update(events, ["previous_hash", "hash"])
        return
    quote = connection.ops.quote_name
    table = quote(AuditEvent._meta.db_table)
    values = ", ".join(["(%s::bigint, %s, %s)"] * len(events))
    params = [value for e in events for value in (e.sequence, e.previous_hash, e.hash)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {quote('previous_hash')} = v.previous_hash, "
            f"{quote('hash')} = v.hash FROM (VALUES {values}) AS v(sequence, previous_hash, hash) "
            f"WHERE {table}.{quote('sequence')} = v.sequence",
            params,
        )


@dataclass(frozen=True)
class ResealReport:
    """What ``reseal`` did: the events re-sealed and the heads before and after."""

    resealed: int
    old_head: str
    new_head: str


class ChainBroken(Exception):
    """The chain to re-seal does not hold under the algorithms given: nothing was changed."""

    def __init__(self, report: ChainReport) -> None:
        super().__init__(f"audit chain broken at event #{report.broken_at}: {report.reason}")
        self.report = report


def reseal(previous_keys: Sequence[str] = (), *, dry_run: bool = False) -> ResealReport:
    """Re-seal the whole chain under the current audit key, in one transaction.

    Each link must first hold under one of: plain SHA-256 (chains written before the key),
    an HMAC under one of ``previous_keys`` (a change of key), or the current key (events
    appended since the upgrade). The first link that holds under none raises
    ``ChainBroken`` and nothing changes. The head stays locked meanwhile (the application
    waits). ``dry_run``: verify and count, write nothing.
    """
    old: list[Hasher] = [plain_sha256]
    old += [lambda p, e, k=key: compute_hash(p, e, k) for key in (*previous_keys, None)]
    with transaction.atomic():
        _locked_head()
        old_previous = new_previous = GENESIS
        batch: list[AuditEvent] = []
        count = 0
        for event in AuditEvent.objects.order_by("sequence").iterator(chunk_size=RESEAL_BATCH):
            if event.sequence != count + 1:
                raise ChainBroken(ChainReport(count, count + 1, "event missing (sequence gap)"))
            if event.previous_hash != old_previous:
                raise ChainBroken(ChainReport(count, event.sequence, "previous hash mismatch"))
            if not any(hasher(old_previous, event) == event.hash for hasher in old):
                raise ChainBroken(ChainReport(count, event.sequence, "content altered"))
            old_previous = event.hash
            event.previous_hash = new_previous
            event.hash = new_previous = compute_hash(new_previous, event)
            batch.append(event)
            count += 1
            if len(batch) >= RESEAL_BATCH and not dry_run:
                _rewrite_links(batch)
                batch = []
        head = AuditHead.objects.get(pk=1)
        if (head.sequence, head.hash) != (count, old_previous):
            raise ChainBroken(ChainReport(count, count, "the head does not match the last event"))
        if not dry_run:
            if batch:
                _rewrite_links(batch)
            AuditHead.objects.filter(pk=1).update(hash=new_previous)
    return ResealReport(count, old_previous, new_previous)
