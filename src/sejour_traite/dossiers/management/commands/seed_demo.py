"""``manage.py seed_demo``: fictional dossiers in every state and the demo accounts.

Idempotent (a second run creates nothing and prints the same accounts); refused in
production. ``make run`` calls it after ``migrate``.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sejour_traite.dossiers import demo
from sejour_traite.dossiers.errors import DossierError


class Command(BaseCommand):
    help = "Seed the demo: two prefectures, accounts of every role, dossiers in every state."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            default=None,
            help="count the demo dates back from this day (YYYY-MM-DD; default: today)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # One INFO line per act would bury the accounts table: quiet unless -v 2.
        logger = logging.getLogger("sejour_traite")
        level = logger.level
        if options["verbosity"] < 2:
            logger.setLevel(logging.WARNING)
        try:
            report = demo.seed(today=options["today"])
        except demo.DemoRefused as error:
            raise CommandError(str(error)) from error
        except DossierError as error:
            raise CommandError(f"données de démonstration impossibles à créer : {error}") from error
        finally:
            logger.setLevel(level)
        self.stdout.write(
            f"Dossiers fictifs : {len(report.created)} créés, {len(report.existing)} déjà "
            f"présents ({len(demo.CASES)} en tout, chaque état dans les deux préfectures)."
        )
        for number, state in report.created:
            self.stdout.write(f"  + {number}  {state}")
        self.stdout.write("")
        self.stdout.write("Comptes de démonstration (données fictives, mode démo uniquement) :")
        self.stdout.write(report.accounts_table())
        self.stdout.write("")
        self.stdout.write(
            "Connexion : /connexion/. Agents et superviseurs enrôlent une application "
            "d'authentification (TOTP, second facteur) à leur première connexion."
        )
