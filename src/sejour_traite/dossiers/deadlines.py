"""Deadlines computed by the law engine and stored, so that the office never misses one.

From a determination: end of the reflection period, expiry of the document held, opening
and closing of the renewal window, the 4-month silence on an application (implicit
rejection) and the last day to file after a minor victim's 18th birthday.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet

from sejour_traite.dossiers.models import Deadline, DeadlineKind, Dossier


def from_determination(data: dict[str, Any]) -> dict[str, date]:
    """The deadlines of a determination's JSON, by kind."""
    deadlines = data.get("deadlines") or {}
    result: dict[str, date] = {}
    simple = {
        "reflection_end": DeadlineKind.REFLECTION_END,
        "document_expiry": DeadlineKind.DOCUMENT_EXPIRY,
        "implicit_rejection": DeadlineKind.IMPLICIT_REJECTION,
        "majority_filing_deadline": DeadlineKind.MAJORITY_FILING,
    }
    for key, kind in simple.items():
        if deadlines.get(key):
            result[kind] = date.fromisoformat(deadlines[key])
    window = deadlines.get("renewal_window")
    if window:
        result[DeadlineKind.RENEWAL_WINDOW_OPENS] = date.fromisoformat(window["from"])
        result[DeadlineKind.RENEWAL_WINDOW_CLOSES] = date.fromisoformat(window["to"])
    return result


def refresh(dossier: Dossier, data: dict[str, Any], application_pending: bool) -> None:
    """Store the dossier's deadlines (one per kind); drop those that no longer apply."""
    wanted = from_determination(data)
    if not application_pending:
        wanted.pop(DeadlineKind.IMPLICIT_REJECTION, None)
    existing = {d.kind: d for d in dossier.deadlines.all()}
    for kind, due_on in wanted.items():
        current = existing.pop(kind, None)
        if current is None:
            Deadline.objects.create(
                dossier=dossier, prefecture_id=dossier.prefecture_id, kind=kind, due_on=due_on
            )
        elif current.due_on != due_on:
            current.due_on, current.reminded_at = due_on, None
            current.save(update_fields=["due_on", "reminded_at"])
    if existing:
        Deadline.objects.filter(pk__in=[d.pk for d in existing.values()]).delete()


def due_between(prefecture_id: int, start: date, end: date) -> QuerySet[Deadline]:
    """Deadlines of one prefecture falling due in ``[start, end]``, soonest first."""
    return (
        Deadline.objects.filter(prefecture_id=prefecture_id, due_on__range=(start, end))
        .exclude(dossier__state="closed")
        .select_related("dossier")
        .order_by("due_on", "id")
    )
