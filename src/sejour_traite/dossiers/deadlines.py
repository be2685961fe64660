"""Deadlines computed by the law engine and stored, so that the office never misses one.

From a determination: end of the reflection period, expiry of the document held, opening
and closing of the renewal window, the 4-month silence on an application (implicit
rejection) and the last day to file after a minor victim's 18th birthday.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from sejour_traite.dossiers.models import Deadline, DeadlineKind, Dossier

#: Where a page of deadlines ends: the due date and id of its last row.
Cursor = tuple[date, int]


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
    """Store the dossier's deadlines (one per kind); drop those that no longer apply.

    Reads the rows ``related.load`` put on the dossier, if any; new ones in one insert.
    """
    wanted = from_determination(data)
    if not application_pending:
        wanted.pop(DeadlineKind.IMPLICIT_REJECTION, None)
    existing = {d.kind: d for d in dossier.deadlines.all()}
    new = []
    for kind, due_on in wanted.items():
        current = existing.pop(kind, None)
        if current is None:
            new.append(
                Deadline(
                    dossier=dossier, prefecture_id=dossier.prefecture_id, kind=kind, due_on=due_on
                )
            )
        elif current.due_on != due_on:
            current.due_on, current.reminded_at = due_on, None
            current.save(update_fields=["due_on", "reminded_at"])
    if new:
        Deadline.objects.bulk_create(new)
    if existing:
        Deadline.objects.filter(pk__in=[d.pk for d in existing.values()]).delete()


def due_between(
    prefecture_id: int, start: date, end: date, *, after: Cursor | None = None
) -> QuerySet[Deadline]:
    """Deadlines of one prefecture falling due in ``[start, end]``, soonest first (then by
    id), each with its dossier; ``after``: only those after this cursor (keyset pagination,
    see ``due_page``).

    The index ``(prefecture, due_on, id)`` serves both the range and the order: a page is
    read in index order and stops after its rows, however many fall due in the period.
    """
    deadlines = Deadline.objects.filter(prefecture_id=prefecture_id, due_on__range=(start, end))
    if after is not None:
        due_on, pk = after
        # (due_on, id) > cursor, with due_on >= its date as a bound of the index scan.
        deadlines = deadlines.filter(due_on__gte=due_on).filter(Q(due_on__gt=due_on) | Q(pk__gt=pk))
    return (
        deadlines.exclude(dossier__state="closed")
        .select_related("dossier")
        .order_by("due_on", "id")
    )


#: Rows of a page of deadlines (a listing shows one page at a time).
PAGE_SIZE = 50


@dataclass(frozen=True)
class Page:
    """One page of deadlines, and the cursor of the next one (``None``: the last page)."""

    rows: list[Deadline]
    next_after: Cursor | None

    @property
    def next_cursor(self) -> str:
        """The next page's cursor as text, for a URL (empty on the last page)."""
        return format_cursor(self.next_after) if self.next_after else ""


def due_page(
    prefecture_id: int,
    start: date,
    end: date,
    *,
    after: Cursor | None = None,
    size: int = PAGE_SIZE,
) -> Page:
    """A page of ``due_between``: ``size`` rows after the cursor ``after`` (keyset
    pagination: each page costs the same, however deep, and a deadline added or removed
    meanwhile neither repeats nor skips a row)."""
    rows = list(due_between(prefecture_id, start, end, after=after)[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    return Page(rows, (rows[-1].due_on, rows[-1].pk) if more and rows else None)


def format_cursor(cursor: Cursor) -> str:
    """``2025-03-01.1234``: a cursor as text."""
    return f"{cursor[0].isoformat()}.{cursor[1]}"


def parse_cursor(text: str) -> Cursor:
    """The cursor of ``format_cursor``; ``ValueError`` when malformed."""
    day, _, pk = text.partition(".")
    if not pk.isdigit():
        msg = f"curseur invalide : {text!r}"
        raise ValueError(msg)
    return date.fromisoformat(day), int(pk)
