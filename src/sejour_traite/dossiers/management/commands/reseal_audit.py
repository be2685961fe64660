"""``manage.py reseal_audit [--previous-key-env VAR ...] [--dry-run]``: re-seal the audit
chain under the current audit key (``SEJOUR_TRAITE_AUDIT_KEY``).

Run it once after upgrading from the unkeyed chain (plain SHA-256), and after a change of the
audit key (the old key in an environment variable named with ``--previous-key-env``). Every
link is first verified — under plain SHA-256, a previous key or the current key — and the
first one that holds under none stops the command (exit 1, nothing changed); then every
event is re-sealed in one transaction, the application's audited reads and writes waiting
meanwhile. Prints the head before and after: keep both outside the database (the new one is
the anchor of ``verify_audit --anchor`` from now on).
"""

from __future__ import annotations

import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sejour_traite.dossiers import audit


class Command(BaseCommand):
    help = "Re-seal the audit chain under the current audit key, after verifying it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--previous-key-env",
            action="append",
            default=[],
            metavar="VAR",
            help="an environment variable holding a previous audit key",
        )
        parser.add_argument("--dry-run", action="store_true", help="verify only, change nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        keys = []
        for name in options["previous_key_env"]:
            value = os.environ.get(name)
            if not value:
                raise CommandError(f"the environment variable {name} is not set")
            keys.append(value)
        try:
            report = audit.reseal(keys, dry_run=options["dry_run"])
        except audit.ChainBroken as error:
            raise CommandError(
                f"Audit chain broken at event #{error.report.broken_at}: {error.report.reason} "
                "— nothing re-sealed."
            ) from None
        verb = "would be re-sealed" if options["dry_run"] else "re-sealed"
        self.stdout.write(f"Audit chain verified: {report.resealed} events {verb}.")
        self.stdout.write(f"Head before: {report.resealed}:{report.old_head}")
        if not options["dry_run"]:
            self.stdout.write(f"Head now: {report.resealed}:{report.new_head}")
