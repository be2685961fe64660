"""Append-only, hash-chained audit trail of every read and write of a dossier.

Each event's hash is SHA-256(previous hash + canonical JSON of the event). The chain's head
is locked (SELECT … FOR UPDATE on PostgreSQL; SQLite serialises writers) so that two
transactions never append with the same sequence number. The event is written in the
transaction of the act it records: no act without its trace, no trace without its act.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from sejour_traite.dossiers.models import AuditEvent, AuditHead, Dossier

GENESIS = "0" * 64


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


def compute_hash(previous_hash: str, event: AuditEvent) -> str:
    """The hash of an event chained to the previous one."""
    return hashlib.sha256((previous_hash + _canonical(event)).encode("utf-8")).hexdigest()


def record(
    user: Any,
    action: str,
    dossier: Dossier | None = None,
    interface: str = "service",
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append an event (inside the caller's transaction, or in its own one)."""
    with transaction.atomic():
        head = _locked_head()
        previous_hash = head.hash
        event = AuditEvent(
            sequence=head.sequence + 1,
            at=timezone.now(),
            user_id=getattr(user, "pk", None),
            role=getattr(user, "role", "") or "",
            prefecture_code=(dossier.prefecture.code if dossier is not None else "")
            or (getattr(getattr(user, "prefecture", None), "code", "") or ""),
            dossier_number=dossier.number if dossier is not None else "",
            action=action,
            interface=interface,
            details=details or {},
            previous_hash=previous_hash,
        )
        event.hash = compute_hash(previous_hash, event)
        event.save(force_insert=True)
        head.sequence, head.hash = event.sequence, event.hash
        head.save(update_fields=["sequence", "hash"])
    return event


def _locked_head() -> AuditHead:
    """The chain's head, locked until the end of the transaction (one writer at a time)."""
    head = AuditHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        try:
            with transaction.atomic():
                AuditHead.objects.create(pk=1, sequence=0, hash=GENESIS)
        except IntegrityError:
            pass  # created meanwhile by another transaction
        head = AuditHead.objects.select_for_update().get(pk=1)
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
    """Recompute every link; name the first event whose hash or predecessor is wrong."""
    previous_hash = GENESIS
    expected_sequence = 1
    checked = 0
    for event in AuditEvent.objects.order_by("sequence").iterator(chunk_size=2000):
        if event.sequence != expected_sequence:
            return ChainReport(checked, expected_sequence, "event missing (sequence gap)")
        if event.previous_hash != previous_hash:
            return ChainReport(checked, event.sequence, "previous hash does not match")
        if compute_hash(previous_hash, event) != event.hash:
            return ChainReport(checked, event.sequence, "content altered (hash mismatch)")
        previous_hash = event.hash
        expected_sequence += 1
        checked += 1
    return ChainReport(checked, None)
