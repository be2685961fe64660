"""``manage.py restore PATH [--force]``: restore a backup, all or nothing."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sejour_traite.dossiers import durability


class Command(BaseCommand):
    help = (
        "Restaure une sauvegarde écrite par `backup` dans une seule transaction, puis vérifie "
        "la piste d'audit. Refuse une base non vide sans --force."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="fichier de sauvegarde à lire")
        parser.add_argument(
            "--force",
            action="store_true",
            help="remplacer le contenu d'une base qui n'est pas vide",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = durability.restore(options["path"], force=options["force"])
        except durability.DurabilityError as error:
            raise CommandError(f"Restauration impossible : {error}") from None
        replaced = f" ({report.replaced} lignes remplacées)" if report.replaced else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"Sauvegarde du {report.created_at} restaurée : {report.rows} lignes{replaced} ; "
                f"piste d'audit intacte ({report.audit_events} événements vérifiés)."
            )
        )
