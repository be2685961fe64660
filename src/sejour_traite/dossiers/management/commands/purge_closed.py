"""``manage.py purge_closed [--dry-run] [--years N] [--on DATE]``: the retention purge."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sejour_traite.dossiers import durability


def iso_date(value: str) -> date:
    return date.fromisoformat(value)


class Command(BaseCommand):
    help = (
        "Anonymise les dossiers clos depuis plus de N années (par défaut "
        "SEJOUR_TRAITE_RETENTION_YEARS) ; les statistiques agrégées sont conservées."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="lister ce qui serait purgé sans rien changer"
        )
        parser.add_argument(
            "--years",
            type=int,
            default=None,
            help=f"durée de conservation en années (défaut : {settings.RETENTION_YEARS})",
        )
        parser.add_argument(
            "--on",
            type=iso_date,
            default=None,
            help="date de référence AAAA-MM-JJ (défaut : ce jour)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = durability.purge_closed(
                years=options["years"], on=options["on"], dry_run=options["dry_run"]
            )
        except durability.DurabilityError as error:
            raise CommandError(f"Purge impossible : {error}") from None
        what = "à anonymiser" if report.dry_run else "anonymisés"
        self.stdout.write(
            f"Dossiers clos avant le {report.cutoff.isoformat()} (conservation "
            f"{report.years} ans) {what} : {len(report.numbers)}"
        )
        for number in report.numbers:
            self.stdout.write(f"  {number}")
        if report.numbers:
            rows = ", ".join(f"{name} : {count}" for name, count in sorted(report.rows.items()))
            self.stdout.write(f"Lignes concernées : {rows}.")
        if report.dry_run:
            self.stdout.write("Simulation : rien n'a été modifié.")
