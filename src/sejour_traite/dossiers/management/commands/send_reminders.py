"""``manage.py send_reminders [--date D] [--days N]``: email the deadlines falling due.

One email per prefecture to its active agents and supervisors, each deadline once
(``reminders.send_reminders``): run it every day, running it twice sends nothing twice.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from sejour_traite.dossiers import reminders


class Command(BaseCommand):
    help = "Email each prefecture the deadlines falling due within the next days (once each)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date",
            type=date.fromisoformat,
            default=None,
            help="first day of the horizon (YYYY-MM-DD; default: today)",
        )
        parser.add_argument(
            "--days",
            type=int,
            default=reminders.DEFAULT_HORIZON_DAYS,
            help=f"days ahead to look (default: {reminders.DEFAULT_HORIZON_DAYS})",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        on = options["date"] or timezone.localdate()
        if options["days"] < 0:
            raise CommandError("--days must be 0 or more")
        report = reminders.send_reminders(on, options["days"])
        for prefecture in report.prefectures:
            if prefecture.sent:
                self.stdout.write(
                    f"{prefecture.prefecture_code}: {prefecture.deadlines} deadline(s) sent to "
                    f"{prefecture.recipients} recipient(s)"
                )
            else:
                self.stderr.write(
                    f"{prefecture.prefecture_code}: {prefecture.deadlines} deadline(s) due but "
                    "no active agent or supervisor with an email: nothing sent (next run retries)"
                )
        self.stdout.write(
            f"{report.emails_sent} email(s) sent, {report.deadlines_reminded} deadline(s) "
            f"reminded, from {report.start.isoformat()} to {report.end.isoformat()}."
        )
