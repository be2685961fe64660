"""``manage.py verify_audit [--anchor SEQUENCE:HASH ...]``: recompute the audit chain and
name its first broken link.

Exit 0 with ``Audit chain intact: N events.`` and the head (``Head: #N <hash>``); or exit 1
with, on stderr, the sequence number of the first broken link and why (``audit.verify``):
an event changed (hash mismatch), an event missing (sequence gap), a hash rewritten so that
the next link no longer holds, or events cut off at the end of the chain (the chain's head
remembers the last link).

The chain is keyed (HMAC-SHA256 under ``SEJOUR_TRAITE_AUDIT_KEY``): someone who can write
to the database but does not hold the key cannot recompute the links after a forged event.
Someone who holds the key (a compromised application server) could; against that, copy the
printed head somewhere the database cannot reach (a ticket, a log shipped elsewhere) and
pass it back with ``--anchor``: a rewritten chain no longer contains it. A chain written
before the key (plain SHA-256) fails here until ``manage.py reseal_audit`` has re-sealed it.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sejour_traite.dossiers import audit
from sejour_traite.dossiers.models import AuditEvent, AuditHead


def _anchor(text: str) -> tuple[int, str]:
    sequence, _, digest = text.partition(":")
    if not sequence.isdigit() or len(digest) != len(audit.GENESIS):
        msg = f"expected SEQUENCE:HASH (a number, a colon, 64 hex digits), not {text!r}"
        raise ValueError(msg)
    return int(sequence), digest.lower()


_anchor.__name__ = "anchor"  # argparse names the type in its error message


class Command(BaseCommand):
    help = "Verify the keyed hash chain of the audit trail; name the first broken link."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--anchor",
            type=_anchor,
            action="append",
            default=[],
            metavar="SEQUENCE:HASH",
            help="a head printed by an earlier run: the chain must still contain it",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report = audit.verify()
        if not report.intact:
            raise CommandError(
                f"Audit chain broken at event #{report.broken_at}: {report.reason} "
                f"({report.checked} events verified before it)."
            )
        problem = _head_problem(report.checked) or _anchor_problem(options["anchor"])
        if problem:
            raise CommandError(problem)
        last = AuditEvent.objects.order_by("-sequence").first()
        self.stdout.write(f"Audit chain intact: {report.checked} events.")
        if last is not None:
            self.stdout.write(f"Head: {last.sequence}:{last.hash}")


def _head_problem(checked: int) -> str:
    """Whether the head (last link written) matches the last event of an intact chain.

    ``audit.verify`` walks the events: it cannot see events deleted at the end of the
    chain. The head, updated with every append, can.
    """
    head = AuditHead.objects.filter(pk=1).first()
    last = AuditEvent.objects.order_by("-sequence").first()
    head_sequence = head.sequence if head is not None else 0
    head_hash = head.hash if head is not None else audit.GENESIS
    last_hash = last.hash if last is not None else audit.GENESIS
    if head_sequence > checked:
        return (
            f"Audit chain broken at event #{checked + 1}: event missing (the chain ends at "
            f"#{checked}, its head at #{head_sequence})."
        )
    if head is None and checked:
        return f"Audit chain broken: its head is missing ({checked} events verified)."
    if head_sequence < checked or head_hash != last_hash:
        return (
            f"Audit chain broken at event #{checked}: the chain's head (#{head_sequence}) "
            "does not match the last event."
        )
    return ""


def _anchor_problem(anchors: list[tuple[int, str]]) -> str:
    """Whether every anchor (a head printed earlier) is still in the chain."""
    for sequence, digest in sorted(anchors):
        found = AuditEvent.objects.filter(sequence=sequence).values_list("hash", flat=True).first()
        if found != digest:
            return (
                f"Audit chain broken at event #{sequence}: it no longer matches the anchor "
                "given (the chain was rewritten from there or before)."
            )
    return ""
