"""Reminders of the deadlines falling due: one email per prefecture, each deadline once.

``send_reminders(on)`` looks at the deadlines due from ``on`` to ``on + horizon_days``
that were never reminded, and sends each prefecture one email listing them (dossier
number, kind, date: no name, no identity data) to its active agents and supervisors. Each
deadline reminded gets ``reminded_at``, so running it again sends nothing twice; a deadline
whose date changes is re-armed by ``deadlines.refresh`` (``reminded_at`` back to ``None``).

Delivery is *at least once*: per prefecture, the deadlines are locked, the email is sent,
then they are marked and one ``remind_deadlines`` event per dossier is audited (the kinds,
never the dates: a majority deadline gives away a date of birth), in one transaction. If
sending fails nothing is marked and the next run tries again; a crash between sending and
committing may send that email twice, never zero times. The email is sent before the audit
head is locked, so a slow mail server never holds up the acts of the office. A prefecture
with nobody to tell is left unmarked (the summary says so) so that the reminder goes out
once someone is appointed.

The command is meant to run every day. A deadline stays in the horizon from
``horizon_days`` days before it falls due until that day, so runs missed for fewer days in
a row are caught up; a deadline already past when the job runs is not reminded.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from sejour_traite.accounts.models import Prefecture, Role, User
from sejour_traite.dossiers import audit, deadlines
from sejour_traite.dossiers.models import Deadline, DeadlineKind, State

logger = logging.getLogger(__name__)

DEFAULT_HORIZON_DAYS = 7


@dataclass(frozen=True)
class PrefectureReminder:
    """What was done for one prefecture: deadlines listed, and to how many people."""

    prefecture_code: str
    deadlines: int
    recipients: int

    @property
    def sent(self) -> bool:
        """Whether an email went out (``False``: nobody to tell, nothing marked)."""
        return self.recipients > 0


@dataclass(frozen=True)
class ReminderReport:
    """Summary of one run of ``send_reminders``."""

    start: date
    end: date
    prefectures: tuple[PrefectureReminder, ...]

    @property
    def emails_sent(self) -> int:
        """Emails sent (one per prefecture with someone to tell)."""
        return sum(1 for p in self.prefectures if p.sent)

    @property
    def deadlines_reminded(self) -> int:
        """Deadlines marked as reminded."""
        return sum(p.deadlines for p in self.prefectures if p.sent)


def send_reminders(
    on: date, horizon_days: int = DEFAULT_HORIZON_DAYS, *, interface: str = "command"
) -> ReminderReport:
    """Email each prefecture the deadlines due in ``[on, on + horizon_days]`` not yet reminded.

    Raises:
        ValueError: ``horizon_days`` is negative.
    """
    if horizon_days < 0:
        msg = f"horizon_days must be 0 or more, not {horizon_days}"
        raise ValueError(msg)
    end = on + timedelta(days=horizon_days)
    due = Deadline.objects.filter(
        prefecture=OuterRef("pk"), due_on__range=(on, end), reminded_at__isnull=True
    ).exclude(dossier__state=State.CLOSED)
    done = []
    for prefecture in Prefecture.objects.filter(Exists(due)).order_by("code"):
        result = _remind(prefecture, on, end, interface)
        if result is not None:
            done.append(result)
    return ReminderReport(on, end, tuple(done))


def _remind(
    prefecture: Prefecture, start: date, end: date, interface: str
) -> PrefectureReminder | None:
    with transaction.atomic():
        # skip_locked: a concurrent run already holds these rows and will remind them.
        due = list(
            deadlines.due_between(prefecture.pk, start, end)
            .filter(reminded_at__isnull=True)
            .select_related("dossier__prefecture")
            .select_for_update(of=("self",), skip_locked=True)
        )
        if not due:
            return None
        recipients = list(
            User.objects.filter(
                prefecture=prefecture,
                role__in=[Role.AGENT, Role.SUPERVISOR],
                is_active=True,
            )
            .exclude(email="")
            .order_by("pk")
            .values_list("email", flat=True)
        )
        if not recipients:
            logger.warning(
                "reminders: prefecture %s has %d deadlines due and no active agent or "
                "supervisor with an email; nothing sent",
                prefecture.code,
                len(due),
            )
            return PrefectureReminder(prefecture.code, len(due), 0)
        due.sort(key=lambda d: (d.due_on, d.dossier.number, d.kind))
        send_mail(
            _subject(prefecture, start, end, len(due)),
            _body(prefecture, start, end, due),
            None,
            recipients,
        )
        Deadline.objects.filter(pk__in=[d.pk for d in due]).update(reminded_at=timezone.now())
        by_dossier: dict[int, list[Deadline]] = defaultdict(list)
        for deadline in due:
            by_dossier[deadline.dossier_id].append(deadline)
        for listed in by_dossier.values():
            audit.record(
                None,
                "remind_deadlines",
                listed[0].dossier,
                interface,
                # Kinds only: a due date can reveal a date of birth (majority_filing).
                {"deadlines": [d.kind for d in listed], "recipients": len(recipients)},
            )
    logger.info(
        "reminders: prefecture %s, %d deadlines sent to %d recipients",
        prefecture.code,
        len(due),
        len(recipients),
    )
    return PrefectureReminder(prefecture.code, len(due), len(recipients))


def _subject(prefecture: Prefecture, start: date, end: date, count: int) -> str:
    plural = "s" if count > 1 else ""
    return (
        f"{count} échéance{plural} du {start:%d/%m/%Y} au {end:%d/%m/%Y} — "
        f"{prefecture.name} ({prefecture.code})"
    )


def _body(prefecture: Prefecture, start: date, end: date, due: list[Deadline]) -> str:
    lines = [
        f"Échéances des dossiers suivis par {prefecture.name} ({prefecture.code}) "
        f"du {start:%d/%m/%Y} au {end:%d/%m/%Y} :",
        "",
    ]
    lines += [
        f"- {d.due_on:%d/%m/%Y} · dossier {d.dossier.number} · {DeadlineKind(d.kind).label}"
        for d in due
    ]
    lines += [
        "",
        "Ouvrez chaque dossier dans l'application pour le détail. Ce message ne contient "
        "aucune donnée d'identité et n'est envoyé qu'une fois par échéance.",
    ]
    return "\n".join(lines)
