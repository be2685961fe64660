"""Acts on dossiers: one function per act, one transaction, the audit event written in it.

Views, API and commands call these functions and nothing else writes case data. Each act
locks the dossier (SELECT … FOR UPDATE; on SQLite the version check protects), checks the
user's permission and the version read (optimistic locking), asks the law engine at the
decision date, moves the lifecycle, records the decision with the determination it rests
on, refreshes the deadlines and appends the audit event.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.mail import send_mail
from django.db import connection, transaction

from sejour_traite import law
from sejour_traite.accounts.models import Prefecture, Role, User
from sejour_traite.dossiers import acts, audit, deadlines, encryption, lifecycle, related
from sejour_traite.dossiers.errors import (
    DossierChangedMeanwhile,
    InvalidInput,
    MissingFacts,
    MotivationRequired,
    TransitionRefused,
)
from sejour_traite.dossiers.models import (
    AggregateCount,
    Annotation,
    Application,
    AssociationShare,
    Decision,
    Document,
    DocumentKind,
    Dossier,
    EstablishedBy,
    FactRecord,
    Person,
    ProcedureStage,
    State,
)
from sejour_traite.dossiers.permissions import Action, require
from sejour_traite.law import dates
from sejour_traite.law.errors import FactsError
from sejour_traite.law.facts import CRIMINAL_PROCEDURE_STATUSES, FACT_TYPES
from sejour_traite.law.facts import validate as validate_facts

logger = logging.getLogger(__name__)

#: Facts kept elsewhere than in FactRecord (identity in Person; documents, applications,
#: the procedure stage and decisions in their own tables).
DERIVED_FACTS = frozenset(
    {
        "date_of_birth",
        "nationality",
        "current_document",
        "application",
        "criminal_procedure_status",
        "reflection_recepisse_delivery_date",
        "reflection_interruption_decision_date",
        "previous_consecutive_cst_renewals",
    }
)


@dataclass(frozen=True)
class PersonInput:
    """Identity given with a referral (all encrypted at rest)."""

    first_names: str
    last_name: str
    date_of_birth: date | None = None
    nationality: str | None = None
    foreigner_number: str | None = None


# ---------------------------------------------------------------- reading


def raw_facts(dossier: Dossier, on: date) -> dict[str, Any]:
    """The situation of the dossier on ``on``, as the raw facts of legal-spec §5.

    Reads the rows ``related.load`` put on the instance, or five queries when none are.
    """
    facts: dict[str, Any] = {}
    records = related.rows(dossier, "facts", dossier.facts.all())
    for record in sorted(records, key=lambda r: (r.recorded_at, r.id)):
        facts[record.name] = record.value
    person = dossier.person
    if person.date_of_birth:
        facts["date_of_birth"] = person.date_of_birth
    if person.nationality:
        facts["nationality"] = person.nationality
    all_documents = related.rows(dossier, "documents", dossier.documents.all())
    documents = [d for d in all_documents if d.valid_from <= on]
    # The document held on the date: valid then and not withdrawn (legal-spec §5).
    held = [
        d
        for d in documents
        if d.valid_until >= on and (d.withdrawn_on is None or d.withdrawn_on > on)
    ]
    current = max(held, key=lambda d: (d.valid_from, d.id), default=None)
    facts["current_document"] = (
        {"kind": "none"}
        if current is None
        else {
            "kind": current.kind,
            "valid_from": current.valid_from.isoformat(),
            "valid_until": current.valid_until.isoformat(),
        }
    )
    recepisse = next((d for d in documents if d.kind == DocumentKind.REFLECTION_RECEPISSE), None)
    facts["reflection_recepisse_delivery_date"] = (
        recepisse.valid_from.isoformat() if recepisse else "none"
    )
    if recepisse is not None:
        # R-REFLEXION-03: the period is not renewable — a récépissé already delivered in
        # this dossier is a previous period for the same facts.
        facts["previous_reflection_period_for_same_facts"] = True
    interruptions = related.rows(
        dossier,
        "decisions",
        dossier.decisions.filter(act="interrupt_reflection").only(
            "id", "dossier_id", "act", "eval_date", "decided_at"
        ),
    )
    interruption = min(
        (d for d in interruptions if d.act == "interrupt_reflection" and d.eval_date <= on),
        key=lambda d: (d.decided_at, d.id),
        default=None,
    )
    facts["reflection_interruption_decision_date"] = (
        interruption.eval_date.isoformat() if interruption else "none"
    )
    cards = [d for d in documents if d.kind == DocumentKind.CST]
    facts["previous_consecutive_cst_renewals"] = max(len(cards) - 1, 0)
    pending = _pending_application(dossier)
    if pending is not None:
        facts["application"] = {
            "kind": pending.kind,
            "filing_date": pending.filing_date.isoformat(),
            "online_anef": pending.online_anef,
        }
    stages = related.rows(dossier, "procedure_stages", dossier.procedure_stages.all())
    stage = max(
        (s for s in stages if s.reported_on <= on),
        key=lambda s: (s.reported_on, s.id),
        default=None,
    )
    if stage is not None:
        facts["criminal_procedure_status"] = stage.stage
    return {name: value for name, value in facts.items() if value is not None}


def _pending_application(dossier: Dossier, kind: str | None = None) -> Application | None:
    """The latest application not decided yet (of ``kind``, when given)."""
    applications = related.rows(dossier, "applications", dossier.applications.filter(decided=False))
    return max(
        (a for a in applications if not a.decided and kind in (None, a.kind)),
        key=lambda a: (a.filing_date, a.id),
        default=None,
    )


def evaluate(
    dossier: Dossier,
    on: date,
    readings: dict[str, str] | None = None,
    raw: dict[str, Any] | None = None,
) -> law.Determination:
    """The law engine's determination of the dossier on ``on`` (``raw``: its facts, when
    the caller has already read them with ``raw_facts``)."""
    raw = raw_facts(dossier, on) if raw is None else raw
    facts = validate_facts(raw, source=f"dossier {dossier.number}")
    return law.evaluate(facts, on, readings)


def view(
    dossier_id: int, *, by: User, interface: str = "service", load_related: bool = False
) -> Dossier:
    """A dossier the user may see; the read is recorded in the audit trail.

    ``load_related``: its facts, documents, applications, procedure stages, decisions (not
    their encrypted content) and deadlines are read too, once (``related.load``), for a page
    that shows them and evaluates the law on them. The audit event is written last, so that
    the chain's head is held only for the time of its own two statements.
    """
    dossiers = Dossier.objects.select_related("prefecture", "person")
    # With its rows: one round trip on PostgreSQL (nothing of it leaves here if refused).
    if load_related:
        dossier = related.get(dossiers, dossier_id, key="services.view")
    else:
        dossier = dossiers.get(pk=dossier_id)
    require(by, Action.VIEW, dossier, interface=interface)
    audit.record(by, "read", dossier, interface)
    return dossier


# ---------------------------------------------------------------- police


def _next_number(prefecture: Prefecture, on: date) -> str:
    Prefecture.objects.select_for_update().filter(pk=prefecture.pk).first()  # serialise numbering
    prefix = f"{prefecture.code}-{on.year}-"
    last = (
        Dossier.objects.filter(number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    sequence = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{sequence:05d}"


def open_referral(
    *,
    by: User,
    prefecture: Prefecture,
    person: PersonInput,
    police_unit: str,
    procedure_reference: str,
    on: date,
    police_hearing_date: date,
    information_given_date: date | None,
    reflection_requested: bool | None,
    photo_provided: bool | None,
    interface: str = "service",
) -> Dossier:
    """A police or gendarmerie referral: creates the dossier in the chosen prefecture.

    Only the reference of the criminal procedure is stored, never its content.
    """
    require(by, Action.REFER)
    if not person.last_name.strip() or not person.first_names.strip():
        raise InvalidInput("person", "le nom et les prénoms sont obligatoires")
    if police_hearing_date > on:
        raise InvalidInput("police_hearing_date", "la date d'audition ne peut pas être future")
    with transaction.atomic():
        number = _next_number(prefecture, on)
        stored = Person.objects.create(
            first_names=person.first_names.strip(),
            last_name=person.last_name.strip(),
            date_of_birth=person.date_of_birth.isoformat() if person.date_of_birth else None,
            nationality=person.nationality,
            foreigner_number=person.foreigner_number,
        )
        dossier = Dossier.objects.create(
            number=number,
            prefecture=prefecture,
            person=stored,
            referred_by=by,
            # The referring officer's own unit: only it may report the procedure's stage.
            police_unit=by.organisation or police_unit,
        )
        initial = {
            "police_hearing_date": police_hearing_date.isoformat(),
            "information_given_date": information_given_date.isoformat()
            if information_given_date
            else "none",
            "police_referral_to_prefecture": True,
            "police_reasonable_grounds": True,
            "reflection_requested": reflection_requested,
            "photo_provided": photo_provided,
        }
        for name, value in initial.items():
            if value is not None:
                FactRecord.objects.create(
                    dossier=dossier,
                    name=name,
                    value=value,
                    established_by=EstablishedBy.POLICE,
                    established_on=on,
                    proof_reference=procedure_reference,
                    recorded_by=by,
                )
        ProcedureStage.objects.create(
            dossier=dossier,
            stage="investigation",
            procedure_reference=procedure_reference,
            # Under investigation since the hearing: a stage the police report later, even
            # dated before the referral, supersedes it.
            reported_on=police_hearing_date,
            reported_by=by,
        )
        _refresh(dossier, on)
        audit.record(by, "refer", dossier, interface, {"police_unit": dossier.police_unit})
        transaction.on_commit(lambda: _notify_prefecture(dossier.pk))
    logger.info("referral %s opened by user %s", dossier.number, by.pk)
    return dossier


def _notify_prefecture(dossier_id: int) -> None:
    dossier = Dossier.objects.select_related("prefecture").get(pk=dossier_id)
    recipients = list(
        User.objects.filter(
            prefecture=dossier.prefecture, role__in=[Role.AGENT, Role.SUPERVISOR], is_active=True
        )
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if recipients:
        send_mail(
            f"Nouveau signalement : dossier {dossier.number}",
            f"Un signalement de la police ou de la gendarmerie a ouvert le dossier "
            f"{dossier.number} (demande de délai de réflexion). Le récépissé se délivre "
            "le jour même.",
            None,
            recipients,
        )


def report_procedure_stage(
    dossier_id: int,
    *,
    by: User,
    stage: str,
    procedure_reference: str,
    on: date,
    interface: str = "service",
) -> Dossier:
    """Police or justice report where the criminal procedure stands (its stage only)."""
    if stage not in CRIMINAL_PROCEDURE_STATUSES:
        raise InvalidInput("stage", "attendu : " + ", ".join(CRIMINAL_PROCEDURE_STATUSES))
    with transaction.atomic():
        dossier = _locked(dossier_id, with_rows=True)
        require(by, Action.REPORT_STAGE, dossier)
        reported = ProcedureStage.objects.create(
            dossier=dossier,
            stage=stage,
            procedure_reference=procedure_reference,
            reported_on=on,
            reported_by=by,
        )
        related.remember(dossier, "procedure_stages", reported)
        dossier.version += 1
        dossier.save(update_fields=["version", "modified_at"])
        _refresh(dossier, on)
        audit.record(by, "report_stage", dossier, interface, {"stage": stage})
    related.forget(dossier)
    return dossier


# ---------------------------------------------------------------- facts, notes, sharing


def record_fact(
    dossier_id: int,
    *,
    by: User,
    name: str,
    value: Any,
    established_by: str,
    established_on: date,
    proof_reference: str = "",
    version: int,
    interface: str = "service",
) -> Dossier:
    """Record a fact of legal-spec §5 with who established it and the reference of its proof."""
    if name not in FACT_TYPES or name in DERIVED_FACTS:
        raise InvalidInput(name, "fait inconnu ou tenu ailleurs dans le dossier")
    if established_by not in EstablishedBy.values:
        raise InvalidInput("established_by", "attendu : " + ", ".join(EstablishedBy.values))
    if value is not None:
        try:
            validate_facts({name: value})
        except FactsError as error:
            location, message = error.problems[0]
            raise InvalidInput(location, message) from None
    with transaction.atomic():
        dossier = _locked(dossier_id, with_rows=True)
        require(by, Action.EDIT_FACTS, dossier)
        _check_version(dossier, version)
        record = FactRecord.objects.create(
            dossier=dossier,
            name=name,
            value=_json_ready(value),
            established_by=established_by,
            established_on=established_on,
            proof_reference=proof_reference,
            recorded_by=by,
        )
        related.remember(dossier, "facts", record)
        dossier.version += 1
        dossier.save(update_fields=["version", "modified_at"])
        _refresh(dossier, established_on)
        audit.record(by, "record_fact", dossier, interface, {"fact": name})
    related.forget(dossier)
    return dossier


def annotate(dossier_id: int, *, by: User, text: str, interface: str = "service") -> Annotation:
    """A private note of an agent (encrypted; never shown outside the prefecture)."""
    if not text.strip():
        raise InvalidInput("text", "la note est vide")
    with transaction.atomic():
        dossier = _locked(dossier_id)
        require(by, Action.ANNOTATE, dossier)
        note = Annotation.objects.create(dossier=dossier, author=by, text=text.strip())
        audit.record(by, "annotate", dossier, interface)
    return note


def share_with_association(
    dossier_id: int, *, by: User, association: User, on: date, interface: str = "service"
) -> AssociationShare:
    """Record the person's choice to share her dossier with an association."""
    if association.role != Role.ASSOCIATION:
        raise InvalidInput("association", "ce compte n'est pas celui d'une association")
    with transaction.atomic():
        dossier = _locked(dossier_id)
        require(by, Action.EDIT_FACTS, dossier)
        share = AssociationShare.objects.create(
            dossier=dossier, association=association, granted_on=on
        )
        audit.record(by, "share", dossier, interface, {"association_id": association.pk})
    return share


# ---------------------------------------------------------------- acts of the lifecycle


def perform(
    dossier_id: int,
    act: str,
    *,
    by: User,
    on: date,
    version: int,
    motivation: str = "",
    readings: dict[str, str] | None = None,
    online_anef: bool = False,
    duration_months: int | None = None,
    interface: str = "service",
) -> Decision:
    """Perform an act of the lifecycle on a dossier, if its state and the law allow it.

    Raises:
        ActionNotPermitted: the user may not decide on this dossier.
        DossierChangedMeanwhile: the dossier changed since ``version`` was read.
        TransitionRefused: the act is impossible from the state, or the law excludes it
            (the grounds carry the articles); ``MissingFacts`` lists the facts to collect;
            ``MotivationRequired`` when a motivation is needed and missing.
    """
    if act not in lifecycle.ACTS:
        raise InvalidInput("act", "acte inconnu : " + ", ".join(lifecycle.ACTS))
    with transaction.atomic():
        dossier = _locked(dossier_id, with_rows=True)  # read once: evaluated before and after
        require(by, Action.DECIDE, dossier)
        _check_version(dossier, version)
        target = lifecycle.next_state(dossier.state, act)
        if target is None:
            raise TransitionRefused(
                dossier.number, act, f"impossible depuis l'état « {State(dossier.state).label} »"
            )
        if act in ("file_application", "file_renewal_application"):
            _file_application(dossier, on, online_anef)
        raw = raw_facts(dossier, on)  # read once: evaluated, then kept as the snapshot
        determination = evaluate(dossier, on, readings, raw)
        data = determination.to_json()
        outcome = _check_law(dossier, act, determination, data, motivation)
        decision = Decision.objects.create(
            dossier=dossier,
            act=act,
            from_state=dossier.state,
            to_state=target,
            eval_date=on,
            legal_version=determination.legal_version or "",
            outcome=outcome,
            determination=data,
            facts_snapshot=encryption.dumps(raw),
            motivation=motivation.strip(),
            decided_by=by,
        )
        _issue_documents(dossier, act, on, data, duration_months)
        _count(dossier, act, on)
        dossier.state = target
        dossier.version += 1
        if target == State.CLOSED:
            dossier.closed_on = on
        elif act == "reopen":
            dossier.closed_on = None
        dossier.save(update_fields=["state", "version", "closed_on", "modified_at"])
        _refresh(dossier, on, None if readings else (raw, data))
        audit.record(by, act, dossier, interface, {"decision_id": decision.pk, "outcome": outcome})
    related.forget(dossier)
    logger.info("dossier %s: %s by user %s", dossier.number, act, by.pk)
    return decision


def _check_law(
    dossier: Dossier,
    act: str,
    determination: law.Determination,
    data: dict[str, Any],
    motivation: str,
) -> str:
    """Refuse ``act`` unless the law allows it (``acts.verdict``), and a discretionary or
    negative decision without a motivation; the status of the object that decides it."""
    found = acts.verdict(dossier, act, determination)
    explanation = data.get("explanation") if found.by_law else None
    if found.verdict == "indeterminate" and found.missing_facts:
        raise MissingFacts(dossier.number, act, found.missing_facts)
    if found.verdict in ("indeterminate", "excluded"):
        raise TransitionRefused(dossier.number, act, found.reason or "", found.grounds, explanation)
    if found.motivation_required and not motivation.strip():
        raise MotivationRequired(dossier.number, act)
    return found.status or ""


def _file_application(dossier: Dossier, on: date, online_anef: bool) -> None:
    kind = "cst_renewal" if dossier.state == State.CST_GRANTED else "first_cst"
    application = Application.objects.create(
        dossier=dossier, kind=kind, filing_date=on, online_anef=online_anef
    )
    related.remember(dossier, "applications", application)


def _issue_documents(
    dossier: Dossier, act: str, on: date, data: dict[str, Any], duration_months: int | None
) -> None:
    loaded = related.cached(dossier, "documents")
    count = (dossier.documents.count() if loaded is None else len(loaded)) + 1

    def issue(kind: str, until: date) -> None:
        document = Document.objects.create(
            dossier=dossier,
            kind=kind,
            number=f"{dossier.number}-{count:02d}",
            valid_from=on,
            valid_until=until,
        )
        related.remember(dossier, "documents", document)

    def decide_applications() -> None:
        dossier.applications.filter(decided=False).update(decided=True)
        for application in related.cached(dossier, "applications") or ():
            application.decided = True

    if act == "deliver_reflection_recepisse":
        issue(
            DocumentKind.REFLECTION_RECEPISSE,
            date.fromisoformat(data["reflection_recepisse"]["valid_until"]),
        )
    elif act in ("file_application", "file_renewal_application"):
        months = data["instruction_recepisse"].get("validity_months") or 4
        issue(
            DocumentKind.INSTRUCTION_RECEPISSE,
            dates.add_days(dates.add_months(on, int(months)), -1),
        )
    elif act in ("grant_cst", "renew_cst"):
        key = "cst" if act == "grant_cst" else "cst_renewal"
        fixed = data[key].get("duration_months")
        months = fixed if isinstance(fixed, int) else _chosen_duration(fixed, duration_months)
        issue(DocumentKind.CST, dates.add_days(dates.add_months(on, months), -1))
        decide_applications()
    elif act == "grant_carte_resident":
        years = data["carte_resident"].get("duration_years") or 10
        issue(DocumentKind.CARTE_RESIDENT, dates.add_days(dates.add_years(on, int(years)), -1))
        decide_applications()
    elif act == "grant_aps":
        months = max(duration_months or 0, data["aps"].get("min_duration_months") or 6)
        issue(DocumentKind.APS, dates.add_days(dates.add_months(on, months), -1))
    elif act in ("withdraw_cst", "interrupt_reflection"):
        kind = DocumentKind.CST if act == "withdraw_cst" else DocumentKind.REFLECTION_RECEPISSE
        dossier.documents.filter(kind=kind, withdrawn_on__isnull=True).update(withdrawn_on=on)
        for document in related.cached(dossier, "documents") or ():
            if document.kind == kind and document.withdrawn_on is None:
                document.withdrawn_on = on
    elif act in ("refuse_cst", "refuse_renewal"):
        decide_applications()


def _count(dossier: Dossier, act: str, on: date) -> None:
    """Aggregate statistics (year, prefecture, act): they survive the retention purge.

    One upsert (PostgreSQL and SQLite): concurrent decisions add up, none is lost.
    """
    quote = connection.ops.quote_name
    table = quote(AggregateCount._meta.db_table)
    year, code, act_, count = (quote(c) for c in ("year", "prefecture_code", "act", "count"))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({year}, {code}, {act_}, {count}) VALUES (%s, %s, %s, 1) "
            f"ON CONFLICT ({year}, {code}, {act_}) DO UPDATE SET {count} = {table}.{count} + 1",
            [on.year, dossier.prefecture.code, act],
        )


def _chosen_duration(bounds: Any, chosen: int | None) -> int:
    """Before 2021-05-01 the agent chooses the duration within [6, 12] months (R-CST-03)."""
    low, high = (bounds or {}).get("min", 12), (bounds or {}).get("max", 12)
    if chosen is None:
        return int(high)
    if not low <= chosen <= high:
        raise InvalidInput("duration_months", f"entre {low} et {high} mois")
    return chosen


# ---------------------------------------------------------------- internals


def _locked(dossier_id: int, *, with_rows: bool = False) -> Dossier:
    """The dossier, locked until the end of the act's transaction; ``with_rows``: with its
    rows (``related``), read in the same round trip on PostgreSQL."""
    # FOR UPDATE is a no-op on SQLite; the version check protects both databases.
    dossiers = Dossier.objects.select_for_update(of=("self",))
    dossiers = dossiers.select_related("prefecture", "person")
    if with_rows:
        return related.get(dossiers, dossier_id, key="services._locked")
    return dossiers.get(pk=dossier_id)


def _check_version(dossier: Dossier, version: int) -> None:
    if dossier.version != version:
        raise DossierChangedMeanwhile(dossier.number, expected=version, found=dossier.version)


def _refresh(
    dossier: Dossier, on: date, evaluated: tuple[dict[str, Any], dict[str, Any]] | None = None
) -> None:
    """Store the deadlines of the dossier as it now stands on ``on``. ``evaluated``: raw
    facts already evaluated on ``on`` and the determination's JSON, reused when the act
    left the facts as they were (the law is then not asked twice)."""
    raw = raw_facts(dossier, on)
    if evaluated is not None and evaluated[0] == raw:
        data = evaluated[1]
    else:
        data = evaluate(dossier, on, raw=raw).to_json(explain=False)
    pending = _pending_application(dossier) is not None
    deadlines.refresh(dossier, data, application_pending=pending)


def _json_ready(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


# ---------------------------------------------------------------- one function per act


def _act(name: str, doc: str) -> Any:
    def act(dossier_id: int, **kwargs: Any) -> Decision:
        return perform(dossier_id, name, **kwargs)

    act.__name__ = act.__qualname__ = name
    act.__doc__ = f"{doc}\n\nSee ``perform`` for the arguments and the errors."
    return act


deliver_reflection_recepisse = _act(
    "deliver_reflection_recepisse", "Deliver the 30-day reflection récépissé (R-REFLEXION-01)."
)
interrupt_reflection = _act(
    "interrupt_reflection", "Interrupt the reflection period, motivated (R-REFLEXION-05)."
)
file_application = _act("file_application", "File a first CST application (instruction récépissé).")
file_renewal_application = _act("file_renewal_application", "File a CST renewal application.")
start_instruction = _act("start_instruction", "Start instructing the application.")
grant_cst = _act("grant_cst", "Grant the CST « vie privée et familiale » (R-CST-01, R-CST-02).")
refuse_cst = _act("refuse_cst", "Refuse the CST, motivated (R-ADMIN-04).")
renew_cst = _act("renew_cst", "Renew the CST for the criminal procedure (R-RENEW-01).")
refuse_renewal = _act("refuse_renewal", "Refuse the renewal, motivated (R-RENEW-02).")
grant_carte_resident = _act(
    "grant_carte_resident",
    "Grant the carte de résident after a definitive conviction (R-RESIDENT-01).",
)
withdraw_cst = _act("withdraw_cst", "Withdraw the CST, motivated (R-WITHDRAW-01, R-WITHDRAW-02).")
examine_other_basis = _act(
    "examine_other_basis", "Examine another legal basis (R-NOCONV-01, R-NONCOOP-01)."
)
grant_aps = _act("grant_aps", "Grant the APS of the parcours de sortie (R-NONCOOP-02).")
defer_to_majority = _act(
    "defer_to_majority", "A minor who needs no permit: examined at 18 (R-MINOR-01)."
)
close = _act("close", "Close the dossier, motivated.")
reopen = _act("reopen", "Reopen a closed dossier.")
