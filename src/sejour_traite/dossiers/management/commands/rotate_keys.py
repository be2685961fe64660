"""``manage.py rotate_keys [--dry-run] [--batch-size N]``: re-encrypt under the first key."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sejour_traite.dossiers import durability

#: How many unreadable values the error message names (the count is always given).
SHOWN = 20


class Command(BaseCommand):
    help = (
        "Rechiffre toutes les valeurs chiffrées sous la première clé de "
        "SEJOUR_TRAITE_ENCRYPTION_KEYS, par lots. Rotation : mettre la nouvelle clé en "
        "premier, lancer cette commande, puis retirer l'ancienne clé."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="compter les valeurs à rechiffrer sans écrire"
        )
        parser.add_argument(
            "--batch-size", type=int, default=500, help="lignes lues par transaction (500)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = durability.rotate_keys(
                batch_size=options["batch_size"], dry_run=options["dry_run"]
            )
        except durability.DurabilityError as error:
            raise CommandError(f"Rotation impossible : {error}") from None
        what = "à rechiffrer" if report.dry_run else "rechiffrées"
        self.stdout.write(
            f"Valeurs chiffrées lues : {report.examined} ; {what} : {report.total_rotated} ; "
            f"déjà sous la clé courante : {report.current}."
        )
        for label, count in sorted(report.rotated.items()):
            self.stdout.write(f"  {label} : {count}")
        if report.dry_run:
            self.stdout.write("Simulation : rien n'a été modifié.")
        if report.undecryptable:
            shown = ", ".join(report.undecryptable[:SHOWN])
            more = "…" if len(report.undecryptable) > SHOWN else ""
            raise CommandError(
                f"{len(report.undecryptable)} valeurs ne s'ouvrent avec aucune clé configurée "
                f"et n'ont pas été modifiées : {shown}{more}"
            )
