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
