"""``manage.py backup PATH``: every row of the project's apps in one encrypted file."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sejour_traite.dossiers import durability


class Command(BaseCommand):
    help = (
        "Sauvegarde toutes les lignes des applications accounts et dossiers dans un seul "
        "fichier, chiffré avec les clés configurées (écriture atomique)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="fichier de sauvegarde à écrire (remplacé s'il existe)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = durability.backup(options["path"])
        except durability.DurabilityError as error:
            raise CommandError(f"Sauvegarde impossible : {error}") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Sauvegarde écrite dans {report.path} : {report.rows} lignes, "
                f"{report.size} octets, chiffrée."
            )
        )
