"""Create an API token for a user and print it (shown once; only its hash is stored)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sejour_traite.accounts import tokens
from sejour_traite.accounts.models import User


class Command(BaseCommand):
    help = "Create an API token for USERNAME (scoped to the user and the user's prefecture)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="api", help="what the token is used for")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"aucun compte actif {options['username']!r}")
        record, token = tokens.create(user, options["name"])
        self.stdout.write(token)
        self.stderr.write(
            f"jeton {record.prefix}… créé pour {user.username} (affiché une seule fois)"
        )
