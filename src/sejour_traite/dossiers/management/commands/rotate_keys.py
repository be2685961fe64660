"""``manage.py rotate_keys [--dry-run] [--batch-size N] [--only encryption|blind-index]``.

Two rotations, both idempotent, both in batches:

* encryption: every encrypted value re-encrypted under the first key of
  ``SEJOUR_TRAITE_ENCRYPTION_KEYS`` (``durability.rotate_keys``);
* blind index: every person's search indexes recomputed under the first key of
  ``SEJOUR_TRAITE_BLIND_INDEX_KEYS`` from the decrypted names (``encryption.reindex``).

Procedure for either key: put the new key first (``"new,old"``), restart the application,
run this command, then remove the old key. Nothing decrypted is ever printed or logged.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sejour_traite.dossiers import durability, encryption

#: How many unreadable values the error message names (the count is always given).
SHOWN = 20
ENCRYPTION, BLIND_INDEX = "encryption", "blind-index"


class Command(BaseCommand):
    help = (
        "Rechiffre toutes les valeurs chiffrées sous la première clé de "
        "SEJOUR_TRAITE_ENCRYPTION_KEYS et recalcule les index de recherche des noms sous la "
        "première clé de SEJOUR_TRAITE_BLIND_INDEX_KEYS, par lots. Rotation : mettre la "
        "nouvelle clé en premier, lancer cette commande, puis retirer l'ancienne clé."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="compter ce qui changerait sans écrire"
        )
        parser.add_argument(
            "--batch-size", type=int, default=500, help="lignes lues par transaction (500)"
        )
        parser.add_argument(
            "--only",
            choices=[ENCRYPTION, BLIND_INDEX],
            help="une seule des deux rotations (par défaut : les deux)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["batch_size"] < 1:
            raise CommandError("Rotation impossible : la taille des lots doit être au moins 1")
        try:
            encryption.check_encryption_keys()
            encryption.check_blind_index_keys()
        except encryption.KeyConfigurationError as error:
            raise CommandError(f"Configuration des clés incorrecte : {error}.") from None
        problems: list[str] = []
        if options["only"] != BLIND_INDEX:
            problems += self._encryption(options["batch_size"], options["dry_run"])
        if options["only"] != ENCRYPTION:
            problems += self._blind_index(options["batch_size"], options["dry_run"])
        if options["dry_run"]:
            self.stdout.write("Simulation : rien n'a été modifié.")
        if problems:
            raise CommandError(" ; ".join(problems))

    def _encryption(self, batch_size: int, dry_run: bool) -> list[str]:
        try:
            report = durability.rotate_keys(batch_size=batch_size, dry_run=dry_run)
        except durability.DurabilityError as error:
            raise CommandError(f"Rotation impossible : {error}") from None
        what = "à rechiffrer" if report.dry_run else "rechiffrées"
        self.stdout.write(
            f"Valeurs chiffrées lues : {report.examined} ; {what} : {report.total_rotated} ; "
            f"déjà sous la clé courante : {report.current}."
        )
        for label, count in sorted(report.rotated.items()):
            self.stdout.write(f"  {label} : {count}")
        if not report.undecryptable:
            return []
        shown = ", ".join(report.undecryptable[:SHOWN])
        more = "…" if len(report.undecryptable) > SHOWN else ""
        return [
            f"{len(report.undecryptable)} valeurs ne s'ouvrent avec aucune clé configurée "
            f"et n'ont pas été modifiées : {shown}{more}"
        ]

    def _blind_index(self, batch_size: int, dry_run: bool) -> list[str]:
        report = encryption.reindex(batch_size=batch_size, dry_run=dry_run)
        what = "à réindexer" if report.dry_run else "réindexées"
        self.stdout.write(
            f"Index de recherche — personnes lues : {report.examined} ; {what} : "
            f"{report.reindexed} ; déjà sous la clé courante : {report.current} ; "
            f"anonymisées : {report.anonymised}."
        )
        if not report.undecryptable:
            return []
        shown = ", ".join(f"dossiers.Person #{pk}" for pk in report.undecryptable[:SHOWN])
        more = "…" if len(report.undecryptable) > SHOWN else ""
        return [
            f"{len(report.undecryptable)} personne(s) dont le nom ne s'ouvre avec aucune clé "
            f"configurée n'ont pas été réindexées : {shown}{more}"
        ]
