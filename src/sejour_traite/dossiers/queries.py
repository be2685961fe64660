"""Read side of the case files: what a user may list, what falls due, a dossier's history.

These functions only read. They filter by the same rules as ``permissions.can`` (a test
checks that ``visible_dossiers`` and ``can(user, VIEW, dossier)`` agree on every dossier)
but do not audit: a list shows numbers, states and dates, never the content of a file.
Showing one dossier goes through ``services.view``, which checks the permission and records
the read; ``history`` takes the dossier it returned.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import Count, Exists, OuterRef, QuerySet

from sejour_traite.accounts.models import Role
from sejour_traite.dossiers import deadlines, related
from sejour_traite.dossiers.models import (
    AssociationShare,
    AuditEvent,
    Deadline,
    DocumentKind,
    Dossier,
    EstablishedBy,
    State,
)
from sejour_traite.dossiers.permissions import Action, can, is_active, staff_prefecture_id


def visible_dossiers(user: Any) -> QuerySet[Dossier]:
    """The dossiers ``user`` may view: own prefecture (agents, supervisors), shared ones
    (associations, until the share is revoked), none for anyone else."""
    prefecture_id = staff_prefecture_id(user)
    dossiers = Dossier.objects.select_related("prefecture")
    if prefecture_id is not None:
        return dossiers.filter(prefecture_id=prefecture_id)
    if is_active(user) and user.role == Role.ASSOCIATION:
        shared = AssociationShare.objects.filter(
            dossier=OuterRef("pk"), association=user, revoked_on__isnull=True
        )
        return dossiers.filter(Exists(shared))
    return dossiers.none()


def deadlines_due(
    user: Any, start: date, end: date, *, after: deadlines.Cursor | None = None
) -> QuerySet[Deadline]:
    """Deadlines of the user's prefecture falling due in ``[start, end]``, soonest first
    (after the cursor ``after``, when given: see ``deadlines_page``).

    Only agents and supervisors watch deadlines; anyone else gets an empty list.
    Deadlines of closed dossiers are left out (``deadlines.due_between``).
    """
    prefecture_id = staff_prefecture_id(user)
    if prefecture_id is None:
        return Deadline.objects.none()
    return deadlines.due_between(prefecture_id, start, end, after=after)


def deadlines_page(
    user: Any,
    start: date,
    end: date,
    *,
    after: deadlines.Cursor | None = None,
    size: int = deadlines.PAGE_SIZE,
) -> deadlines.Page:
    """One page of ``deadlines_due`` (keyset pagination: ``page.next_after`` is the cursor
    of the next page); an empty page for those who watch no deadline."""
    prefecture_id = staff_prefecture_id(user)
    if prefecture_id is None:
        return deadlines.Page([], None)
    return deadlines.due_page(prefecture_id, start, end, after=after, size=size)


def audit_trail(user: Any, dossier_number: str = "") -> QuerySet[AuditEvent]:
    """The audit trail (of one dossier when a number is given) for those who may read it.

    Events carry ids, roles, numbers and acts, never identity data.
    """
    if not can(user, Action.VIEW_AUDIT):
        return AuditEvent.objects.none()
    events = AuditEvent.objects.order_by("sequence")
    return events.filter(dossier_number=dossier_number) if dossier_number else events


@dataclass(frozen=True)
class HistoryEntry:
    """One dated step of a dossier's history.

    ``kind`` is ``procedure_stage``, ``fact``, ``decision`` or ``document``; ``label`` is
    French text for people; ``details`` the data of the step (for facts: the provenance).
    """

    on: date
    kind: str
    label: str
    details: dict[str, Any] = field(default_factory=dict)
    recorded_at: datetime | None = None


#: On the same day: what was reported and established comes before what was decided on
#: it, and a document after the decision that issued it.
_ORDER = {"procedure_stage": 0, "fact": 1, "decision": 2, "document": 3}


def history(dossier: Dossier) -> list[HistoryEntry]:
    """Procedure stages, facts (with who established them and their proof), decisions and
    documents of ``dossier``, in date order.

    Private annotations are not part of it (they need ``READ_ANNOTATIONS``). Four queries,
    whatever the size of the dossier; none when ``related.load`` read its rows (as
    ``services.view(..., load_related=True)`` does). Decisions are read without their
    encrypted determination and facts snapshot: nothing is decrypted.
    """
    entries: list[tuple[tuple[Any, ...], HistoryEntry]] = []

    def add(entry: HistoryEntry, pk: int) -> None:
        entries.append(((entry.on, _ORDER[entry.kind], pk), entry))

    for stage in related.rows(dossier, "procedure_stages", dossier.procedure_stages.all()):
        add(
            HistoryEntry(
                stage.reported_on,
                "procedure_stage",
                f"Procédure pénale : {stage.stage}",
                {
                    "stage": stage.stage,
                    "procedure_reference": stage.procedure_reference,
                    "reported_by_id": stage.reported_by_id,
                },
                stage.recorded_at,
            ),
            stage.pk,
        )
    for record in related.rows(dossier, "facts", dossier.facts.all()):
        add(
            HistoryEntry(
                record.established_on,
                "fact",
                f"Fait établi ({EstablishedBy(record.established_by).label}) : {record.name}",
                {
                    "name": record.name,
                    "value": record.value,
                    "established_by": record.established_by,
                    "proof_reference": record.proof_reference,
                    "recorded_by_id": record.recorded_by_id,
                },
                record.recorded_at,
            ),
            record.pk,
        )
    decisions = dossier.decisions.defer("determination", "facts_snapshot")
    for decision in related.rows(dossier, "decisions", decisions):
        add(
            HistoryEntry(
                decision.eval_date,
                "decision",
                f"Décision : {decision.act} ({_state_label(decision.from_state)} → "
                f"{_state_label(decision.to_state)})",
                {
                    "decision_id": decision.pk,
                    "act": decision.act,
                    "from_state": decision.from_state,
                    "to_state": decision.to_state,
                    "outcome": decision.outcome,
                    "legal_version": decision.legal_version,
                    "motivation": decision.motivation,
                    "decided_by_id": decision.decided_by_id,
                },
                decision.decided_at,
            ),
            decision.pk,
        )
    for document in related.rows(dossier, "documents", dossier.documents.all()):
        add(
            HistoryEntry(
                document.valid_from,
                "document",
                f"Document délivré : {DocumentKind(document.kind).label} n° {document.number}",
                {
                    "kind": document.kind,
                    "number": document.number,
                    "valid_from": document.valid_from,
                    "valid_until": document.valid_until,
                    "withdrawn_on": document.withdrawn_on,
                },
            ),
            document.pk,
        )
    entries.sort(key=lambda item: item[0])
    return [entry for _, entry in entries]


def _state_label(state: str) -> str:
    return str(State(state).label) if state in State.values else state


def counts_by_state(prefecture_id: int) -> dict[State, int]:
    """How many dossiers of the prefecture are in each state (every state, zeros included).

    ``COUNT(*)`` over ``(prefecture, state)``: an index-only scan, no dossier row read."""
    counts = dict.fromkeys(State, 0)
    grouped = (
        Dossier.objects.filter(prefecture_id=prefecture_id)
        .order_by()
        .values_list("state")
        .annotate(total=Count("*"))
    )
    for state, total in grouped:
        counts[State(state)] = total
    return counts
