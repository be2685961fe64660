"""Demo data: two prefectures, an account of every role and fictional dossiers in every state.

Everything goes through the service layer (``open_referral``, ``record_fact``, ``perform``,
``report_procedure_stage``, ``annotate``, ``share_with_association``), so every dossier is
checked by the law engine exactly as a real one would be, with its decisions, deadlines and
audit trail. Dates are counted back from today so that deadlines fall due in the coming
days and weeks.

Idempotent: accounts are looked up by username and dossiers by the reference of their
(fictional) criminal procedure, ``DEMO-<prefecture>-<state>``; a second run creates nothing
and prints the same accounts. Refused when ``settings.PRODUCTION`` is true.

The persons are obviously fictional (surnames Exemple, Fictive, Démo…), the foreigner
numbers start with 99 and the procedure references with DEMO.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from sejour_traite.accounts.models import Prefecture, Role, User
from sejour_traite.dossiers import services
from sejour_traite.dossiers.errors import DossierError
from sejour_traite.dossiers.models import Dossier, ProcedureStage, State
from sejour_traite.dossiers.services import PersonInput
from sejour_traite.law import parameters

PREFECTURES = {
    "75": "Préfecture de police (Paris)",
    "69": "Préfecture du Rhône",
}
POLICE_UNIT = "OCRTEH — Office central traite des êtres humains (démo)"
ASSOCIATION = "Association Fil d'Ariane (démo)"


#: The facts an agent establishes at the first interview: nothing excludes the person, no
#: threat, ties broken, no complaint yet (a later record may bring it). The tests' journeys
#: start from these too.
NEUTRAL_FACTS: dict[str, Any] = {
    "is_eu_family_member_in_france": False,
    "applicant_role": "victim",
    "information_language_understood": True,
    "facts_exclusively_abroad_by_foreigners": False,
    "previous_reflection_period_for_same_facts": False,
    "ties_with_perpetrators_broken": True,
    "ties_renewed_on_own_initiative_date": "none",
    "public_order_threat": "none",
    "victim_convictions": [],
    "oqtf_previously_not_complied": False,
    "facts_forgery_441": False,
    "facts_l432_1_1_serious_offences": False,
    "facts_violence_against_officials": False,
    "complaint_found_false_or_unfounded": False,
    "cooperation_ceased": False,
    "reality_of_facts_questioned": False,
    "contrat_republique_signed": True,
    "contrat_republique_breach": False,
    "polygamy": False,
    "habitual_residence_in_france": True,
    "testimony": "none",
    "complaint": {"kind": "none"},  # not yet: a later record may bring it
}


class DemoRefused(ImproperlyConfigured):
    """Demo data is never seeded in production."""


@dataclass(frozen=True)
class DemoAccount:
    """A demo account; the password is public on purpose (demo mode only)."""

    username: str
    role: str
    prefecture: str | None  # department code
    first_name: str
    last_name: str
    organisation: str = ""

    @property
    def password(self) -> str:
        return f"demo-{self.username}"

    @property
    def email(self) -> str:
        return f"{self.username}@demo.invalid"


ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("agent75", Role.AGENT, "75", "Agathe", "Démo", "Bureau des victimes (démo)"),
    DemoAccount("chef75", Role.SUPERVISOR, "75", "Simon", "Démo", "Bureau des victimes (démo)"),
    DemoAccount("agent69", Role.AGENT, "69", "Lucie", "Démo", "Service de l'immigration (démo)"),
    DemoAccount("chef69", Role.SUPERVISOR, "69", "Paul", "Démo", "Service de l'immigration (démo)"),
    DemoAccount("police", Role.POLICE, None, "Marc", "Démo", POLICE_UNIT),
    DemoAccount("association", Role.ASSOCIATION, None, "Nadia", "Démo", ASSOCIATION),
    DemoAccount("auditeur", Role.AUDITOR, None, "Claire", "Démo", "Inspection (démo)"),
    DemoAccount("admin", Role.ADMIN, None, "Alex", "Démo", "Administration du service (démo)"),
)


@dataclass
class SeedReport:
    """What a run did: the accounts (created or already there) and the dossiers."""

    accounts: list[tuple[DemoAccount, bool]] = field(default_factory=list)
    created: list[tuple[str, str]] = field(default_factory=list)  # (number, state)
    existing: list[tuple[str, str]] = field(default_factory=list)

    def accounts_table(self) -> str:
        """The demo accounts as a text table (username, password, role, prefecture)."""
        rows = [("Identifiant", "Mot de passe", "Rôle", "Préfecture")]
        for account, _ in self.accounts:
            rows.append(
                (
                    account.username,
                    account.password,
                    Role(account.role).label,
                    f"{account.prefecture} — {PREFECTURES[account.prefecture]}"
                    if account.prefecture
                    else "toutes (signale)"
                    if account.role == Role.POLICE
                    else "—",
                )
            )
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        lines = [
            "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
            for row in rows
        ]
        lines.insert(1, "  ".join("-" * w for w in widths))
        return "\n".join(lines)


# ---------------------------------------------------------------- the stories


class _Story:
    """Writes one dossier's history through the services, counting days back from today."""

    def __init__(self, case: DemoCase, today: date, staff: dict[str, User]) -> None:
        self.case = case
        self.today = today
        self.base = today  # day(n) = n days before base
        self.agent = staff[f"agent{case.prefecture}"]
        self.police = staff["police"]
        self.association = staff["association"]
        self.prefecture = Prefecture.objects.get(code=case.prefecture)
        self.dossier: Dossier | None = None

    def day(self, days_ago: int) -> date:
        return self.base - timedelta(days=days_ago)

    @property
    def version(self) -> int:
        assert self.dossier is not None
        self.dossier.refresh_from_db(fields=["version", "state"])
        return self.dossier.version

    def refer(self, days_ago: int, *, reflection_requested: bool = True) -> None:
        on = self.day(days_ago)
        self.dossier = services.open_referral(
            by=self.police,
            prefecture=self.prefecture,
            person=self.case.person(self.today),
            police_unit=POLICE_UNIT,
            procedure_reference=self.case.reference,
            on=on,
            police_hearing_date=on,
            information_given_date=on,
            reflection_requested=reflection_requested,
            photo_provided=True,
            interface="demo",
        )

    def fact(
        self, name: str, value: Any, days_ago: int, by: str = "prefecture", proof: str = ""
    ) -> None:
        assert self.dossier is not None
        services.record_fact(
            self.dossier.pk,
            by=self.agent,
            name=name,
            value=value,
            established_by=by,
            established_on=self.day(days_ago),
            proof_reference=proof,
            version=self.version,
            interface="demo",
        )

    def facts(self, values: dict[str, Any], days_ago: int, by: str = "prefecture") -> None:
        for name, value in values.items():
            self.fact(name, value, days_ago, by)

    def neutral(self, days_ago: int, **changes: Any) -> None:
        """The facts an agent establishes at the first interview (nothing that bars)."""
        values = {**NEUTRAL_FACTS}
        values.update(changes)
        self.facts(values, days_ago)

    def complaint(self, days_ago: int, offences: tuple[str, ...] = ("225-4-1",)) -> None:
        self.fact(
            "complaint",
            {
                "kind": "penal",
                "filed_date": self.day(days_ago).isoformat(),
                "against_x": False,
                "offences": list(offences),
            },
            days_ago,
            by="victim",
            proof=f"Récépissé de plainte {self.case.reference}",
        )

    def no_complaint(self, days_ago: int) -> None:
        self.fact("complaint", {"kind": "none"}, days_ago, by="victim")

    def stage(self, stage: str, days_ago: int) -> None:
        assert self.dossier is not None
        services.report_procedure_stage(
            self.dossier.pk,
            by=self.police,
            stage=stage,
            procedure_reference=self.case.reference,
            on=self.day(days_ago),
            interface="demo",
        )

    def act(self, name: str, days_ago: int, motivation: str = "", **options: Any) -> None:
        assert self.dossier is not None
        services.perform(
            self.dossier.pk,
            name,
            by=self.agent,
            on=self.day(days_ago),
            version=self.version,
            motivation=motivation,
            interface="demo",
            **options,
        )

    def note(self, text: str) -> None:
        assert self.dossier is not None
        services.annotate(self.dossier.pk, by=self.agent, text=text, interface="demo")

    def share(self, days_ago: int) -> None:
        assert self.dossier is not None
        services.share_with_association(
            self.dossier.pk,
            by=self.agent,
            association=self.association,
            on=self.day(days_ago),
            interface="demo",
        )

    # ------------------------------------------------ common beginnings

    def cst_granted(self, referred: int, granted: int, *, reflection: bool = True) -> None:
        """Referral, (reflection,) complaint, application, instruction, CST granted."""
        self.refer(referred, reflection_requested=reflection)
        self.neutral(referred)
        if reflection:
            self.act("deliver_reflection_recepisse", referred)
        self.complaint(referred - 8)
        self.act("file_application", referred - 10, online_anef=True)
        self.act("start_instruction", referred - 15)
        self.act("grant_cst", granted)


Story = Callable[[_Story], None]


@dataclass(frozen=True)
class DemoCase:
    """One fictional dossier: who, in which prefecture, which state, and its story."""

    prefecture: str
    state: str
    first_names: str
    last_name: str
    nationality: str
    age_days: int  # age on the day of the seed, in days
    story: Story

    @property
    def reference(self) -> str:
        """The fictional criminal procedure's reference: the seed's idempotence key."""
        return f"DEMO-{self.prefecture}-{self.state}"

    def person(self, today: date) -> PersonInput:
        number = 9900000000 + int(self.prefecture) * 100 + list(State.values).index(self.state)
        return PersonInput(
            first_names=self.first_names,
            last_name=self.last_name,
            date_of_birth=today - timedelta(days=self.age_days),
            nationality=self.nationality,
            foreigner_number=str(number),
        )


def _years(years: int, days: int = 0) -> int:
    """An age in days (approximately ``years`` years and ``days`` days)."""
    return years * 365 + years // 4 + days


# ---- 13 states x 2 prefectures: a referral…


def _referral_received(s: _Story) -> None:
    s.refer(1)
    s.facts({"applicant_role": "victim", "public_order_threat": "none"}, 1)
    s.note("Signalement reçu de l'OCRTEH ; convocation pour remise du récépissé à fixer.")


def _referral_received_69(s: _Story) -> None:
    s.refer(3)
    s.neutral(2)
    s.note("Rendez-vous proposé avec l'association pour la remise du récépissé.")


# …the reflection period (récépissé delivered, 30 days)…


def _reflection(s: _Story) -> None:
    s.refer(26)
    s.neutral(26)
    s.act("deliver_reflection_recepisse", 26)
    s.share(25)
    s.note("Délai de réflexion en cours ; la personne est accompagnée par l'association.")


def _reflection_69(s: _Story) -> None:
    s.refer(12)
    s.neutral(12)
    s.act("deliver_reflection_recepisse", 12)


# …interrupted (ties renewed on her own initiative, or a serious threat)…


def _reflection_interrupted(s: _Story) -> None:
    s.refer(20)
    s.neutral(20)
    s.act("deliver_reflection_recepisse", 20)
    s.fact("ties_renewed_on_own_initiative_date", s.day(9).isoformat(), 8, by="police")
    s.act(
        "interrupt_reflection",
        6,
        motivation="Reprise de contact volontaire avec les auteurs constatée par le service "
        "enquêteur (CESEDA R425-2 al. 2) ; récépissé retiré.",
    )


def _reflection_interrupted_69(s: _Story) -> None:
    s.refer(15)
    s.neutral(15)
    s.act("deliver_reflection_recepisse", 15)
    s.fact("public_order_threat", "serious_threat", 5)
    s.act(
        "interrupt_reflection",
        4,
        motivation="Menace grave pour l'ordre public relevée par le service enquêteur "
        "(CESEDA R425-2 al. 2) ; récépissé retiré.",
    )


# …an application filed (instruction récépissé, 4-month silence running)…


def _application_filed(s: _Story) -> None:
    s.refer(110, reflection_requested=False)
    s.neutral(110)
    s.complaint(108)
    s.act("file_application", 105, online_anef=True)


def _application_filed_69(s: _Story) -> None:
    s.refer(70)
    s.neutral(70)
    s.act("deliver_reflection_recepisse", 70)
    s.complaint(60)
    s.act("file_application", 58, online_anef=True)
    s.share(58)


# …under instruction…


def _under_instruction(s: _Story) -> None:
    s.refer(125)
    s.neutral(125)
    s.act("deliver_reflection_recepisse", 125)
    s.complaint(116)
    s.act("file_application", 113, online_anef=True)
    s.act("start_instruction", 100)
    s.note("Pièces complètes ; attente de la confirmation du parquet sur la procédure.")


def _under_instruction_69(s: _Story) -> None:
    s.refer(95, reflection_requested=False)
    s.neutral(95)
    s.complaint(94)
    s.act("file_application", 92, online_anef=True)
    s.act("start_instruction", 80)


# …a CST granted (expiring soon: renewal window open)…


def _cst_granted(s: _Story) -> None:
    s.cst_granted(330, 300)
    s.share(290)
    s.note("Carte expire bientôt : inviter au dépôt du renouvellement sur l'ANEF.")


def _cst_granted_69(s: _Story) -> None:
    s.cst_granted(360, 320, reflection=False)


# …refused (no complaint nor testimony; ties not broken)…


def _cst_refused(s: _Story) -> None:
    s.refer(95, reflection_requested=False)
    s.neutral(95)
    s.no_complaint(90)
    s.act("file_application", 85, online_anef=True)
    s.act("start_instruction", 80)
    s.act(
        "refuse_cst",
        20,
        motivation="Ni plainte pénale ni témoignage dans une procédure pénale (CESEDA L425-1) ; "
        "la personne peut coopérer ultérieurement et déposer une nouvelle demande.",
    )


def _cst_refused_69(s: _Story) -> None:
    s.refer(100, reflection_requested=False)
    s.neutral(100, ties_with_perpetrators_broken=False)
    s.complaint(99)
    s.act("file_application", 95, online_anef=True)
    s.act("start_instruction", 90)
    s.act(
        "refuse_cst",
        30,
        motivation="Les liens avec les auteurs ne sont pas rompus (CESEDA L425-1) : "
        "rapport du service enquêteur.",
    )


# …a carte de résident after the definitive conviction of the accused…


def _carte_resident(s: _Story, shift: int = 0) -> None:
    # From 2026-01-01 the engine leaves a first carte de résident INDETERMINE (OQ-18: do the
    # 2026 language and civic conditions reach the L425-3 card?): the card is granted before.
    civic = parameters.get("P-CR-CIVIC-CONDITIONS").values[0].start
    decided = min(s.today - timedelta(days=30 + shift), civic - timedelta(days=20 + shift))
    s.base = decided + timedelta(days=30)  # from here on, day(30) is the decision day
    s.cst_granted(730, 690)
    s.act("file_renewal_application", 415, online_anef=True)  # 90 days before expiry
    s.act("renew_cst", 365)
    s.stage("definitive_conviction", 60)
    s.fact("definitive_conviction_date", s.day(60).isoformat(), 60, by="justice")
    s.fact("convicted_offences_of_accused", ["225-4-1", "225-5"], 60, by="justice")
    s.act("grant_carte_resident", 30)


def _carte_resident_69(s: _Story) -> None:
    _carte_resident(s, shift=7)


# …a CST withdrawn…


def _withdrawn(s: _Story) -> None:
    s.cst_granted(260, 220)
    s.fact("complaint_found_false_or_unfounded", True, 40, by="justice")
    s.act(
        "withdraw_cst",
        25,
        motivation="Le parquet a constaté le caractère mensonger de la plainte (CESEDA R425-6) ; "
        "la personne a présenté ses observations.",
    )


def _withdrawn_69(s: _Story) -> None:
    s.cst_granted(240, 200, reflection=False)
    s.fact("ties_renewed_on_own_initiative_date", s.day(60).isoformat(), 50, by="police")
    s.act(
        "withdraw_cst",
        35,
        motivation="Reprise volontaire des liens avec les auteurs après la délivrance de la carte "
        "(CESEDA R425-6) ; observations recueillies.",
    )


# …examined on another basis (procedure closed without conviction; after a refusal)…


def _other_basis(s: _Story) -> None:
    s.refer(240, reflection_requested=False)
    s.neutral(240)
    s.complaint(238)
    s.stage("classement_sans_suite", 40)
    s.act("examine_other_basis", 20)
    s.note("Classement sans suite : examen au titre de L423-23 / L435-1 avec bienveillance.")


def _other_basis_69(s: _Story) -> None:
    _cst_refused(s)
    s.fact("integration_efforts", ["language_training", "vocational_training"], 15, by="victim")
    s.act("examine_other_basis", 10)


# …an APS for a parcours de sortie de la prostitution…


def _aps_granted(s: _Story) -> None:
    s.refer(60, reflection_requested=False)
    s.neutral(60)
    s.no_complaint(55)
    s.facts(
        {
            "ceased_prostitution": True,
            "prostitution_exit_path_authorised_date": s.day(30).isoformat(),
        },
        30,
    )
    s.act(
        "grant_aps",
        14,
        motivation="Parcours de sortie de la prostitution autorisé par le préfet (CASF L121-9) ; "
        "cessation de l'activité attestée par l'association (CESEDA L425-4).",
    )
    s.share(14)


def _aps_granted_69(s: _Story) -> None:
    s.refer(50, reflection_requested=False)
    s.neutral(50)
    s.no_complaint(45)
    s.facts(
        {
            "ceased_prostitution": True,
            "prostitution_exit_path_authorised_date": s.day(25).isoformat(),
        },
        25,
    )
    s.act(
        "grant_aps",
        8,
        motivation="Parcours de sortie autorisé (CASF L121-9) ; engagement dans une formation "
        "professionnelle (CESEDA L425-4).",
        duration_months=6,
    )


# …a minor, examined at majority…


def _minor(s: _Story) -> None:
    s.refer(20)
    s.neutral(20, recognised_victim_as_minor=True, wishes_to_work_or_train=False)
    s.act("defer_to_majority", 15)
    s.note("Mineure prise en charge par l'ASE ; examen du droit au séjour à ses 18 ans.")


def _minor_69(s: _Story) -> None:
    s.refer(40)
    s.neutral(40, recognised_victim_as_minor=True, wishes_to_work_or_train=False)
    s.act("defer_to_majority", 35)


# …and closed.


def _closed(s: _Story) -> None:
    s.refer(80)
    s.neutral(80)
    s.act("deliver_reflection_recepisse", 80)
    s.act(
        "close",
        40,
        motivation="Délai de réflexion expiré sans plainte ni témoignage ; la personne a quitté "
        "le département (courrier de l'association).",
    )


def _closed_69(s: _Story) -> None:
    s.refer(30, reflection_requested=False)
    s.neutral(30, is_eu_family_member_in_france=True)
    s.act(
        "close",
        10,
        motivation="Membre de famille d'un citoyen de l'Union : relève des règles de libre "
        "circulation (CESEDA L200-1), hors du dispositif.",
    )


def _cases() -> list[DemoCase]:
    c = DemoCase
    y = _years
    return [
        # Paris (préfecture de police)
        c("75", State.REFERRAL_RECEIVED, "Joy", "Exemple", "NG", y(24, 40), _referral_received),
        c("75", State.REFLECTION, "Mei", "Fictive", "CN", y(29, 10), _reflection),
        c("75", State.REFLECTION_INTERRUPTED, "Ana", "Démo", "BR", y(33), _reflection_interrupted),
        c("75", State.APPLICATION_FILED, "Blessing", "Modèle", "NG", y(27), _application_filed),
        c("75", State.UNDER_INSTRUCTION, "Oksana", "Spécimen", "UA", y(31), _under_instruction),
        c("75", State.CST_GRANTED, "Linh", "Exemple", "VN", y(26), _cst_granted),
        c("75", State.CST_REFUSED, "Fatou", "Fictive", "SN", y(35), _cst_refused),
        c("75", State.CARTE_RESIDENT, "Esther", "Démo", "CM", y(30), _carte_resident),
        c("75", State.WITHDRAWN, "Maria", "Modèle", "PE", y(38), _withdrawn),
        c("75", State.OTHER_BASIS, "Aminata", "Spécimen", "CI", y(28), _other_basis),
        c("75", State.APS_GRANTED, "Rose", "Exemple", "GH", y(34), _aps_granted),
        c("75", State.MINOR_AWAITING_MAJORITY, "Précieuse", "Fictive", "CD", y(16, 60), _minor),
        c("75", State.CLOSED, "Elena", "Démo", "MD", y(25), _closed),
        # Rhône
        c("69", State.REFERRAL_RECEIVED, "Iulia", "Modèle", "MD", y(22), _referral_received_69),
        c("69", State.REFLECTION, "Hope", "Spécimen", "NG", y(23), _reflection_69),
        c("69", State.REFLECTION_INTERRUPTED, "Ling", "Exemple", "CN", y(40),
          _reflection_interrupted_69),
        c("69", State.APPLICATION_FILED, "Awa", "Fictive", "ML", y(29), _application_filed_69),
        c("69", State.UNDER_INSTRUCTION, "Nadia", "Démo", "MA", y(32), _under_instruction_69),
        c("69", State.CST_GRANTED, "Sokha", "Modèle", "KH", y(27), _cst_granted_69),
        c("69", State.CST_REFUSED, "Ivana", "Spécimen", "AL", y(36), _cst_refused_69),
        c("69", State.CARTE_RESIDENT, "Grace", "Exemple", "CM", y(31), _carte_resident_69),
        c("69", State.WITHDRAWN, "Daniela", "Fictive", "CO", y(29), _withdrawn_69),
        c("69", State.OTHER_BASIS, "Mariam", "Démo", "GN", y(26), _other_basis_69),
        c("69", State.APS_GRANTED, "Chidinma", "Modèle", "NG", y(30), _aps_granted_69),
        c("69", State.MINOR_AWAITING_MAJORITY, "Kenza", "Spécimen", "MA", y(17, 300), _minor_69),
        c("69", State.CLOSED, "Svetlana", "Exemple", "RU", y(44), _closed_69),
    ]  # fmt: skip


CASES: tuple[DemoCase, ...] = tuple(_cases())


# ---------------------------------------------------------------- seeding


def _accounts(report: SeedReport) -> dict[str, User]:
    prefectures = {
        code: Prefecture.objects.get_or_create(code=code, defaults={"name": name})[0]
        for code, name in PREFECTURES.items()
    }
    users: dict[str, User] = {}
    for account in ACCOUNTS:
        user = User.objects.filter(username=account.username).first()
        created = user is None
        if user is None:
            user = User.objects.create_user(
                username=account.username,
                password=account.password,
                email=account.email,
                first_name=account.first_name,
                last_name=account.last_name,
                role=account.role,
                prefecture=prefectures[account.prefecture] if account.prefecture else None,
                organisation=account.organisation,
                is_staff=account.role == Role.ADMIN,
            )
        else:
            # The printed table must stay true: restore what a demo session may have changed.
            prefecture = prefectures[account.prefecture] if account.prefecture else None
            wanted = {"role": account.role, "prefecture": prefecture, "is_active": True}
            changed = [name for name, value in wanted.items() if getattr(user, name) != value]
            for name in changed:
                setattr(user, name, wanted[name])
            if not user.check_password(account.password):
                user.set_password(account.password)
                changed.append("password")
            if changed:
                user.save(update_fields=changed)
        users[account.username] = user
        report.accounts.append((account, created))
    return users


def seed(today: date | None = None) -> SeedReport:
    """Create what is missing of the demo data; return what was created and what existed.

    Raises:
        DemoRefused: in production (``settings.PRODUCTION``).
        DossierError: a story no longer passes the law engine (names the case and the act).
    """
    if getattr(settings, "PRODUCTION", True):
        raise DemoRefused(
            "pas de données de démonstration en production (SEJOUR_TRAITE_ENV=production)"
        )
    today = today or timezone.localdate()
    report = SeedReport()
    # No "new referral" e-mails for back-dated fictional dossiers.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        with transaction.atomic():
            staff = _accounts(report)
        for case in CASES:
            existing = (
                ProcedureStage.objects.filter(procedure_reference=case.reference)
                .select_related("dossier")
                .first()
            )
            if existing is not None:
                report.existing.append((existing.dossier.number, existing.dossier.state))
                continue
            story = _Story(case, today, staff)
            try:
                with transaction.atomic():
                    case.story(story)
                    assert story.dossier is not None
                    story.dossier.refresh_from_db()
                    if story.dossier.state != case.state:
                        raise DossierError(
                            f"{case.reference}: state {story.dossier.state}, expected {case.state}"
                        )
            except DossierError as error:
                raise DossierError(f"demo case {case.reference}: {error}") from error
            report.created.append((story.dossier.number, story.dossier.state))
    return report


def states_seeded() -> set[str]:
    """The states of the demo dossiers present in the database."""
    references = [case.reference for case in CASES]
    return set(
        Dossier.objects.filter(procedure_stages__procedure_reference__in=references)
        .values_list("state", flat=True)
        .distinct()
    )


__all__ = ["ACCOUNTS", "CASES", "DemoAccount", "DemoRefused", "SeedReport", "seed"]
