"""The case file (dossier) and everything it holds.

Identity data (names, date of birth, nationality, foreigner number) is encrypted at rest.
Facts of legal-spec §5 are kept one record per change, each with who established it, when
and the reference of its proof; the criminal procedure is known by its reference and stage
only, never its content. Decisions keep the determination they rest on.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models

from sejour_traite.accounts.models import Prefecture
from sejour_traite.dossiers.encryption import EncryptedJSONField, EncryptedTextField, blind_index


class State(models.TextChoices):
    """States of a dossier's lifecycle (see lifecycle.py for the transitions)."""

    REFERRAL_RECEIVED = "referral_received", "Signalement reçu"
    REFLECTION = "reflection", "Délai de réflexion (récépissé délivré)"
    REFLECTION_INTERRUPTED = "reflection_interrupted", "Délai de réflexion interrompu"
    APPLICATION_FILED = "application_filed", "Demande déposée (récépissé d'instruction)"
    UNDER_INSTRUCTION = "under_instruction", "En instruction"
    CST_GRANTED = "cst_granted", "Carte de séjour temporaire délivrée"
    CST_REFUSED = "cst_refused", "Carte de séjour temporaire refusée"
    CARTE_RESIDENT = "carte_resident", "Carte de résident délivrée"
    WITHDRAWN = "withdrawn", "Titre retiré"
    OTHER_BASIS = "other_basis", "Examen sur un autre fondement"
    APS_GRANTED = "aps_granted", "APS parcours de sortie délivrée"
    MINOR_AWAITING_MAJORITY = "minor_awaiting_majority", "Mineur : examen à la majorité"
    CLOSED = "closed", "Clos"


class EstablishedBy(models.TextChoices):
    """Who establishes a fact (legal-spec §5, column "Who")."""

    POLICE = "police", "Police ou gendarmerie"
    JUSTICE = "justice", "Justice"
    PREFECTURE = "prefecture", "Préfecture"
    VICTIM = "victim", "Personne ou association"
    OFII = "ofii", "OFII"


class Person(models.Model):
    """The person a dossier follows. Every identity field is encrypted at rest."""

    first_names = EncryptedTextField("prénoms")
    last_name = EncryptedTextField("nom")
    date_of_birth = EncryptedTextField("date de naissance", blank=True, null=True)
    nationality = EncryptedTextField("nationalité", blank=True, null=True)
    foreigner_number = EncryptedTextField("numéro étranger", blank=True, null=True)
    last_name_index = models.CharField(max_length=64, db_index=True, editable=False)
    full_name_index = models.CharField(max_length=64, db_index=True, editable=False)
    foreigner_number_index = models.CharField(
        max_length=64, db_index=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = "personne"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.last_name_index = blind_index(self.last_name)
        self.full_name_index = blind_index(f"{self.first_names} {self.last_name}")
        self.foreigner_number_index = (
            blind_index(self.foreigner_number) if self.foreigner_number else ""
        )
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return f"Personne {self.pk}"  # never the name: __str__ ends up in logs

    @property
    def birth_date(self) -> date | None:
        """The date of birth as a date (None when unknown)."""
        return date.fromisoformat(self.date_of_birth) if self.date_of_birth else None


class Dossier(models.Model):
    """One person followed by one prefecture, from the referral to the end."""

    number = models.CharField("numéro", max_length=20, unique=True)
    prefecture = models.ForeignKey(Prefecture, on_delete=models.PROTECT, related_name="dossiers")
    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="dossier")
    state = models.CharField(
        "état", max_length=30, choices=State.choices, default=State.REFERRAL_RECEIVED
    )
    version = models.PositiveIntegerField("version", default=1)
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    police_unit = models.CharField("unité de police", max_length=160, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)
    closed_on = models.DateField(null=True, blank=True)
    anonymised = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["prefecture", "state"])]

    def __str__(self) -> str:
        return self.number


class FactRecord(models.Model):
    """One value of one fact of legal-spec §5, with who established it and its proof.

    The current value of a fact is its latest record; earlier records are its history.
    ``value`` is the JSON of scenario-format.md (``null`` = unknown, ``"none"`` = did not
    happen); identity facts (date of birth, nationality) live in ``Person`` instead.
    """

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="facts")
    name = models.CharField(max_length=60)
    value = models.JSONField(null=True)
    established_by = models.CharField(max_length=20, choices=EstablishedBy.choices)
    established_on = models.DateField()
    proof_reference = models.CharField("référence de la preuve", max_length=120, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["dossier", "name", "recorded_at", "id"]
        indexes = [models.Index(fields=["dossier", "name"])]


class ProcedureStage(models.Model):
    """A stage of the criminal procedure reported by police or justice: reference only."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="procedure_stages")
    stage = models.CharField(max_length=40)
    procedure_reference = models.CharField("référence de la procédure", max_length=80)
    reported_on = models.DateField()
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["dossier", "reported_on", "id"]


class DocumentKind(models.TextChoices):
    """Documents issued (legal-spec §5 ``current_document.kind``)."""

    REFLECTION_RECEPISSE = "reflection_recepisse", "Récépissé de délai de réflexion"
    INSTRUCTION_RECEPISSE = "instruction_recepisse", "Récépissé d'instruction"
    CST = "cst", "Carte de séjour temporaire"
    APS = "aps", "Autorisation provisoire de séjour"
    CARTE_RESIDENT = "carte_resident", "Carte de résident"


class Document(models.Model):
    """A document issued to the person, with its validity."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=30, choices=DocumentKind.choices)
    number = models.CharField("numéro", max_length=40)
    valid_from = models.DateField()
    valid_until = models.DateField()
    withdrawn_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["dossier", "valid_from", "id"]


class Application(models.Model):
    """An application being decided (legal-spec §5 ``application``)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="applications")
    kind = models.CharField(max_length=30)
    filing_date = models.DateField()
    online_anef = models.BooleanField(default=False)
    decided = models.BooleanField(default=False)

    class Meta:
        ordering = ["dossier", "filing_date", "id"]


class Decision(models.Model):
    """An act on the dossier and the determination it rests on.

    ``determination`` is the engine's JSON (legal version, statuses, rules applied,
    explanation); ``facts_snapshot`` the facts evaluated, encrypted (they include identity
    data). Where the law leaves discretion, ``motivation`` is the agent's.
    """

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="decisions")
    act = models.CharField(max_length=40)
    from_state = models.CharField(max_length=30)
    to_state = models.CharField(max_length=30)
    eval_date = models.DateField()
    legal_version = models.CharField(max_length=10)
    outcome = models.CharField("statut du droit", max_length=20, blank=True)
    determination = EncryptedJSONField()
    facts_snapshot = EncryptedTextField()
    motivation = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["dossier", "decided_at", "id"]


class Annotation(models.Model):
    """A private note of an agent on a dossier (never shown outside the prefecture)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="annotations")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = EncryptedTextField()
    created_at = models.DateTimeField(auto_now_add=True)


class DeadlineKind(models.TextChoices):
    """Deadlines the office watches."""

    REFLECTION_END = "reflection_end", "Fin du délai de réflexion"
    DOCUMENT_EXPIRY = "document_expiry", "Expiration du document"
    RENEWAL_WINDOW_OPENS = "renewal_window_opens", "Ouverture de la fenêtre de renouvellement"
    RENEWAL_WINDOW_CLOSES = "renewal_window_closes", "Fin de la fenêtre de renouvellement"
    IMPLICIT_REJECTION = "implicit_rejection", "Silence de quatre mois (rejet implicite)"
    MAJORITY_FILING = "majority_filing", "Dépôt au plus tard deux mois après 18 ans"


class Deadline(models.Model):
    """A deadline computed by the engine and stored, per dossier and prefecture."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="deadlines")
    prefecture = models.ForeignKey(Prefecture, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=30, choices=DeadlineKind.choices)
    due_on = models.DateField()
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        # What falls due per prefecture, in the listing's order (keyset pagination).
        indexes = [models.Index(fields=["prefecture", "due_on", "id"], name="deadline_due_idx")]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "kind"], name="one_deadline_per_kind")
        ]


class AssociationShare(models.Model):
    """The person chose to share her dossier with an association (revocable)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="shares")
    association = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shares"
    )
    granted_on = models.DateField()
    revoked_on = models.DateField(null=True, blank=True)


class AuditEvent(models.Model):
    """Append-only, hash-chained trail of every read and write of a dossier.

    ``hash`` = HMAC-SHA256, under the audit key, of the previous hash and the event's
    canonical JSON: changing or removing an event breaks every later link (``manage.py
    verify_audit`` names the first).
    Details carry ids and numbers, never identity data.
    """

    sequence = models.BigIntegerField(unique=True)
    at = models.DateTimeField()
    user_id = models.BigIntegerField(null=True)
    role = models.CharField(max_length=20, blank=True)
    prefecture_code = models.CharField(max_length=3, blank=True)
    dossier_number = models.CharField(max_length=20, blank=True, db_index=True)
    action = models.CharField(max_length=60)
    interface = models.CharField(max_length=20)
    details = models.JSONField(default=dict)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["sequence"]


class AuditHead(models.Model):
    """The last link of the audit chain (one row, locked by each writer)."""

    sequence = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64)


class AggregateCount(models.Model):
    """Statistics that survive the retention purge (counts only, no identity data)."""

    year = models.PositiveIntegerField()
    prefecture_code = models.CharField(max_length=3)
    act = models.CharField(max_length=40)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["year", "prefecture_code", "act"], name="one_count")
        ]
