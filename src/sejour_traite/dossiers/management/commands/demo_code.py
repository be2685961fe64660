"""Demo mode only: print the current second-factor code of a demo account.

Agents and supervisors confirm each sign-in with a TOTP code. To try the demo without an
authenticator application, sign in once (the account gets its TOTP device), then run
``manage.py demo_code agent75`` and type the six digits (valid about 30 seconds).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Demo mode only: the current TOTP code of a demo account (after its first sign-in)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("refusé : cette commande n'existe qu'en mode démonstration")
        device = (
            TOTPDevice.objects.filter(user__username=options["username"]).order_by("-id").first()
        )
        if device is None:
            raise CommandError(
                f"aucun second facteur pour {options['username']!r} : connectez-vous d'abord "
                "une fois sur /connexion/ pour l'activer"
            )
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
        self.stdout.write(f"{code:0{device.digits}d}")
