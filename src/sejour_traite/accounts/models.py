"""Prefectures and users. A user has one role; agents, supervisors and police referrers
belong to a prefecture (police referrers refer to it), associations have a name."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class Prefecture(models.Model):
    """A prefecture (Paris: préfecture de police), identified by its department code."""

    code = models.CharField("code du département", max_length=3, unique=True)
    name = models.CharField("nom", max_length=120)

    class Meta:
        ordering = ["code"]
        verbose_name = "préfecture"

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Role(models.TextChoices):
    """The roles of legal-spec's users (issue 3: least privilege)."""

    AGENT = "agent", "Agent instructeur"
    SUPERVISOR = "supervisor", "Superviseur"
    POLICE = "police", "Police ou gendarmerie"
    ASSOCIATION = "association", "Association"
    AUDITOR = "auditor", "Auditeur"
    ADMIN = "admin", "Administrateur"


class User(AbstractUser):
    """A person who signs in, with exactly one role."""

    role = models.CharField("rôle", max_length=20, choices=Role.choices)
    prefecture = models.ForeignKey(
        Prefecture, on_delete=models.PROTECT, null=True, blank=True, related_name="users"
    )
    organisation = models.CharField(
        "service ou association",
        max_length=160,
        blank=True,
        help_text="Unité de police, association…",
    )

    class Meta:
        verbose_name = "utilisateur"


class ApiToken(models.Model):
    """A bearer token of the REST API, scoped to one user and, for staff, one prefecture.

    Only the SHA-256 of the token is stored; the token itself is shown once, at creation
    (``manage.py create_api_token``). Every call is checked with the same permission
    functions as the back office, and audited.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    prefecture = models.ForeignKey(
        Prefecture, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name = models.CharField("usage", max_length=80)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "jeton d'API"

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"
