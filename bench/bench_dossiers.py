"""Benchmark of the case files on PostgreSQL (prints JSON on stdout).

Loads ``--dossiers`` fictional dossiers (default 100,000) into a benchmark database with
bulk inserts — persons (identity encrypted field by field, blind indexes), dossiers in every
state over two prefectures, their facts, procedure stages, documents, applications,
decisions (with a real determination and an encrypted facts snapshot), deadlines spread
over the next twelve months and an audit trail chained with the audit key (HMAC-SHA256, as
``audit.compute_hash``) — then times, over ``--runs`` runs each (after a warm-up), median
and p95 in milliseconds:

* ``deadlines_first_page``: what a listing shows — ``deadlines.due_page``, the first 50
  deadlines of one prefecture over the next 30 days with their dossiers;
  ``deadlines_next_pages``: the following pages, each fetched from the previous one's cursor
  (keyset pagination: a deep page costs what the first one does);
  ``deadlines_30_days``: the whole period materialised at once (``deadlines.due_between``,
  every row a model instance with its dossier) — reported, not what a page does;
* ``dossier_with_history``: one dossier as a page loads it — ``services.view(...,
  load_related=True)`` (permission check, dossier + person decrypted, its facts, procedure
  stages, documents, applications, decisions and deadlines read once, the read audited),
  then ``queries.history`` (stages, facts with their provenance, decisions, documents) and
  its deadlines and applications; a decision's determination and facts snapshot are not
  decrypted (only the decision's own PDF shows them);
  ``dossier_with_history_live_decision``: the same page for the dossiers the transition
  below went through;
* ``transition_start_instruction``: ``services.perform(..., "start_instruction")`` on a
  prepared dossier (lock, version check, law evaluation with its explanation, decision,
  deadlines, audit event) — a different dossier each run;
* ``transition_record_fact``: ``services.record_fact`` on a CST holder's dossier (lock,
  fact, evaluation, deadlines, audit event) — a different dossier each run.

``queries`` gives, for each measure, the SQL statements of one run (BEGIN and COMMIT
included). Target: p95 <= 20 ms each. The database is ``DATABASE_URL`` (default
postgres://postgres@127.0.0.1:5432/sejour_traite_bench): dropped, created and migrated before
each load, so its name must contain "bench" (or pass --force). ``--reuse`` measures again on
the caseload of an earlier run (the transitions have used some of it up).

Usage: python bench/bench_dossiers.py [--dossiers N] [--runs R] [--reuse] [--seed S]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/sejour_traite_bench"
TARGET_P95_MS = 20.0
CHUNK = 5000  # dossiers per bulk transaction
WARMUP = 20

# Share of each state in the caseload (a mature service: many cards, many closed files).
# Share of each state (per thousand) in a caseload built up over about ten years (some
# 10,000 referrals a year): most files are closed or at the carte de résident; the active
# ones are about a month of referrals in reflection, four months of applications and one
# to three years of CSTs.
STATE_WEIGHTS = {
    "referral_received": 5,
    "reflection": 10,
    "reflection_interrupted": 5,
    "application_filed": 15,
    "under_instruction": 20,
    "cst_granted": 150,
    "cst_refused": 60,
    "carte_resident": 250,
    "withdrawn": 20,
    "other_basis": 60,
    "aps_granted": 20,
    "minor_awaiting_majority": 10,
    "closed": 375,
}
# The acts that led to each state (the decisions of its history).
PATHS = {
    "referral_received": [],
    "reflection": ["deliver_reflection_recepisse"],
    "reflection_interrupted": ["deliver_reflection_recepisse", "interrupt_reflection"],
    "application_filed": ["deliver_reflection_recepisse", "file_application"],
    "under_instruction": ["file_application", "start_instruction"],
    "cst_granted": ["deliver_reflection_recepisse", "file_application", "start_instruction",
                    "grant_cst"],
    "cst_refused": ["file_application", "start_instruction", "refuse_cst"],
    "carte_resident": ["file_application", "start_instruction", "grant_cst",
                       "file_renewal_application", "renew_cst", "grant_carte_resident"],
    "withdrawn": ["file_application", "start_instruction", "grant_cst", "withdraw_cst"],
    "other_basis": ["examine_other_basis"],
    "aps_granted": ["grant_aps"],
    "minor_awaiting_majority": ["defer_to_majority"],
    "closed": ["deliver_reflection_recepisse", "close"],
}  # fmt: skip
TO_STATE = {
    "deliver_reflection_recepisse": "reflection",
    "interrupt_reflection": "reflection_interrupted",
    "file_application": "application_filed",
    "start_instruction": "under_instruction",
    "grant_cst": "cst_granted",
    "refuse_cst": "cst_refused",
    "file_renewal_application": "cst_granted",
    "renew_cst": "cst_granted",
    "grant_carte_resident": "carte_resident",
    "withdraw_cst": "withdrawn",
    "examine_other_basis": "other_basis",
    "grant_aps": "aps_granted",
    "defer_to_majority": "minor_awaiting_majority",
    "close": "closed",
}
MOTIVATED = {"interrupt_reflection", "refuse_cst", "withdraw_cst", "close", "grant_aps"}
NATIONALITIES = ["NG", "CN", "BR", "VN", "AL", "CM", "UA", "MA", "CI", "RO", "PE", "GH"]
FIRST_NAMES = ["Joy", "Mei", "Ana", "Blessing", "Oksana", "Linh", "Fatou", "Esther", "Rose"]
LAST_NAMES = ["Exemple", "Fictive", "Démo", "Modèle", "Spécimen"]
NEUTRAL = {
    "is_eu_family_member_in_france": False,
    "applicant_role": "victim",
    "facts_exclusively_abroad_by_foreigners": False,
    "previous_reflection_period_for_same_facts": False,
    "ties_with_perpetrators_broken": True,
    "ties_renewed_on_own_initiative_date": "none",
    "public_order_threat": "none",
    "victim_convictions": [],
    "complaint_found_false_or_unfounded": False,
    "cooperation_ceased": False,
    "contrat_republique_signed": True,
    "polygamy": False,
    "testimony": "none",
}


# ---------------------------------------------------------------- database


def prepare_database(url: str, fresh: bool) -> None:
    """Create the PostgreSQL database of ``url`` if needed; ``fresh``: drop it first."""
    import dj_database_url
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(url)
    if "postgresql" not in config["ENGINE"]:
        sys.exit("bench_dossiers: DATABASE_URL must point to PostgreSQL")
    params = {
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
    }
    params = {key: value for key, value in params.items() if value}
    name = sql.Identifier(config["NAME"])
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as connection:
        if fresh:  # a schema from today's migrations, whatever an older run left
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]
        ).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(name))


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sejour_traite.settings")
    import logging

    import django

    django.setup()
    # One INFO line per act would flood stderr (and time the console): warnings only.
    logging.getLogger("sejour_traite").setLevel(logging.WARNING)
    from django.conf import settings

    if settings.PRODUCTION:
        sys.exit("bench_dossiers: refused in production (SEJOUR_TRAITE_ENV=production)")
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


# ---------------------------------------------------------------- loading


def chunks(total: int, size: int) -> Iterator[range]:
    for start in range(0, total, size):
        yield range(start, min(start + size, total))


class Loader:
    """Builds and bulk-inserts the caseload, chunk by chunk."""

    def __init__(self, total: int, rng: random.Random, reserved: int, today: date) -> None:
        from sejour_traite.accounts.models import Prefecture, Role, User

        self.total, self.rng, self.reserved, self.today = total, rng, reserved, today
        self.paris = Prefecture.objects.create(code="75", name="Préfecture de police")
        self.lyon = Prefecture.objects.create(code="69", name="Préfecture du Rhône")
        self.users = {}
        for username, role, prefecture, unit in [
            ("agent75", Role.AGENT, self.paris, ""),
            ("agent69", Role.AGENT, self.lyon, ""),
            ("police", Role.POLICE, None, "OCRTEH (bench)"),
        ]:
            user = User(username=username, role=role, prefecture=prefecture, organisation=unit)
            user.set_unusable_password()
            user.save()
            self.users[username] = user
        self.states = list(STATE_WEIGHTS)
        self.weights = list(STATE_WEIGHTS.values())
        self.numbers: dict[tuple[str, int], int] = {}
        self.determinations = self._determinations()
        self.previous_hash = "0" * 64
        self.sequence = 0
        self.spent: dict[str, float] = {}  # seconds of bulk insert per table

    def _determinations(self) -> dict[str, str]:
        """A real determination (without its explanation tree), as JSON text, per act."""
        from sejour_traite import law

        facts = law.validate(
            {
                **NEUTRAL,
                "nationality": "NG",
                "date_of_birth": "1995-04-12",
                "police_hearing_date": "2025-01-06",
                "information_given_date": "2025-01-06",
                "police_referral_to_prefecture": True,
                "reflection_requested": True,
                "photo_provided": True,
                "complaint": {
                    "kind": "penal",
                    "filed_date": "2025-01-10",
                    "against_x": False,
                    "offences": ["225-4-1"],
                },
                "criminal_procedure_status": "investigation",
                "application": {
                    "kind": "first_cst",
                    "filing_date": "2025-01-12",
                    "online_anef": True,
                },
            }
        )
        data = law.evaluate(facts, date(2025, 2, 1)).to_json(explain=False)
        # As EncryptedJSONField writes it (then encrypted, per chunk: see _chunk).
        text = json.dumps(data, ensure_ascii=False, default=str, sort_keys=True)
        return dict.fromkeys(TO_STATE, text)

    def number(self, code: str, year: int) -> str:
        key = (code, year)
        self.numbers[key] = self.numbers.get(key, 0) + 1
        return f"{code}-{year}-{self.numbers[key]:06d}"

    def load(self) -> None:
        from django.db import transaction

        started = time.perf_counter()
        for indexes in chunks(self.total, CHUNK):
            with transaction.atomic():
                self._chunk(indexes)
            print(
                f"bench_dossiers: {indexes.stop:,} dossiers loaded "
                f"({time.perf_counter() - started:.0f} s)",
                file=sys.stderr,
            )
        from sejour_traite.dossiers.models import AuditHead

        AuditHead.objects.update_or_create(
            pk=1, defaults={"sequence": self.sequence, "hash": self.previous_hash}
        )

    def _timed(self, name: str, insert: Callable[[], Any]) -> None:
        started = time.perf_counter()
        insert()
        self.spent[name] = self.spent.get(name, 0.0) + time.perf_counter() - started

    def _chunk(self, indexes: range) -> None:
        from django.conf import settings
        from django.utils import timezone

        from sejour_traite.dossiers import audit
        from sejour_traite.dossiers.encryption import blind_index, encrypt
        from sejour_traite.dossiers.models import (
            Application,
            AuditEvent,
            Deadline,
            Decision,
            Document,
            Dossier,
            FactRecord,
            Person,
            ProcedureStage,
        )

        rng, today, now = self.rng, self.today, timezone.now()
        audit_key = settings.AUDIT_KEY
        index = blind_index  # the current key of SEJOUR_TRAITE_BLIND_INDEX_KEY(S)

        # Decision.determination is stored encrypted (EncryptedJSONField): one token per act
        # and chunk (the same size as one per decision, a fraction of the encryption time).
        determinations = {act: encrypt(text) for act, text in self.determinations.items()}
        plans, persons = [], []
        for i in indexes:
            state = (
                "application_filed"
                if i < self.reserved
                else rng.choices(self.states, self.weights)[0]
            )
            first = rng.choice(FIRST_NAMES)
            last = f"{rng.choice(LAST_NAMES)}-{i}"
            number = f"99{i:08d}"
            age = rng.randrange(16 * 365, 17 * 365) if state == "minor_awaiting_majority" else (
                rng.randrange(19 * 365, 50 * 365)
            )  # fmt: skip
            persons.append(
                Person(
                    first_names=first,
                    last_name=last,
                    date_of_birth=(today - timedelta(days=age)).isoformat(),
                    nationality=rng.choice(NATIONALITIES),
                    foreigner_number=number,
                    last_name_index=index(last),
                    full_name_index=index(f"{first} {last}"),
                    foreigner_number_index=index(number),
                )
            )
            plans.append(self._plan(state))
        # EncryptedTextField encrypts each identity field on the way in (Fernet, per value).
        self._timed("Person", lambda: Person.objects.bulk_create(persons, batch_size=2000))

        dossiers = []
        for person, plan in zip(persons, plans, strict=True):
            prefecture = self.paris if rng.random() < 0.6 else self.lyon
            dossiers.append(
                Dossier(
                    number=self.number(prefecture.code, plan["referred"].year),
                    prefecture=prefecture,
                    person=person,
                    state=plan["state"],
                    version=1 + len(plan["acts"]) + len(NEUTRAL),
                    referred_by=self.users["police"],
                    police_unit="OCRTEH (bench)",
                    closed_on=plan["acts"][-1][1] if plan["state"] == "closed" else None,
                )
            )
        self._timed("Dossier", lambda: Dossier.objects.bulk_create(dossiers, batch_size=2000))

        facts: list[tuple[Any, ...]] = []  # COPY rows (see copy_rows)
        decisions: list[tuple[Any, ...]] = []
        stages, documents, applications, deadlines, events = [], [], [], [], []
        police = self.users["police"]
        for dossier, plan in zip(dossiers, plans, strict=True):
            agent = self.users[f"agent{dossier.prefecture.code}"]
            referred = plan["referred"]
            reference = f"PV BENCH {dossier.number}"
            initial = {
                "police_hearing_date": referred.isoformat(),
                "information_given_date": referred.isoformat(),
                "police_referral_to_prefecture": True,
                "police_reasonable_grounds": True,
                "reflection_requested": True,
                "photo_provided": True,
            }
            snapshot = initial | NEUTRAL
            for name, value in initial.items():
                facts.append(
                    (dossier.pk, name, json.dumps(value), "police", referred, reference,
                     police.pk, now)
                )  # fmt: skip
            for name, value in NEUTRAL.items():
                facts.append(
                    (dossier.pk, name, json.dumps(value), "prefecture", referred, "",
                     agent.pk, now)
                )  # fmt: skip
            if plan["cooperates"]:
                filed = referred + timedelta(days=3)
                complaint = {
                    "kind": "penal",
                    "filed_date": filed.isoformat(),
                    "against_x": False,
                    "offences": ["225-4-1"],
                }
                snapshot["complaint"] = complaint
                facts.append(
                    (dossier.pk, "complaint", json.dumps(complaint), "victim", filed, reference,
                     agent.pk, now)
                )  # fmt: skip
            stages.append(
                ProcedureStage(
                    dossier=dossier,
                    stage="investigation",
                    procedure_reference=reference,
                    reported_on=referred,
                    reported_by=police,
                )
            )
            if plan["stage"]:
                stages.append(
                    ProcedureStage(
                        dossier=dossier,
                        stage=plan["stage"],
                        procedure_reference=reference,
                        reported_on=plan["acts"][-1][1] - timedelta(days=20),
                        reported_by=police,
                    )
                )
            # One encrypted snapshot per dossier (Fernet), shared by its decisions.
            encrypted = encrypt(json.dumps(snapshot, sort_keys=True))
            state = "referral_received"
            for act, on in plan["acts"]:
                decisions.append(
                    (dossier.pk, act, state, TO_STATE[act], on, "V2024b",
                     "DE_PLEIN_DROIT" if act.startswith("grant") else "",
                     determinations[act], encrypted,
                     "Motivation (bench)." if act in MOTIVATED else "", agent.pk, now)
                )  # fmt: skip
                state = TO_STATE[act]
            for n, (kind, start, until, withdrawn) in enumerate(plan["documents"], 1):
                documents.append(
                    Document(
                        dossier=dossier,
                        kind=kind,
                        number=f"{dossier.number}-{n:02d}",
                        valid_from=start,
                        valid_until=until,
                        withdrawn_on=withdrawn,
                    )
                )
            if plan["application"]:
                applications.append(
                    Application(
                        dossier=dossier,
                        kind="first_cst",
                        filing_date=plan["application"],
                        online_anef=True,
                    )
                )
            for kind, due in plan["deadlines"].items():
                deadlines.append(
                    Deadline(dossier=dossier, prefecture=dossier.prefecture, kind=kind, due_on=due)
                )
            self.sequence += 1
            event = AuditEvent(
                sequence=self.sequence,
                # In UTC, as it reads back from the database: the link hashes its isoformat
                # (a local offset here made every loaded link fail verify_audit).
                at=datetime.combine(referred, datetime.min.time(), tzinfo=UTC),
                user_id=police.pk,
                role="police",
                prefecture_code=dossier.prefecture.code,
                dossier_number=dossier.number,
                action="refer",
                interface="bench",
                details={"police_unit": "OCRTEH (bench)"},
                previous_hash=self.previous_hash,
            )
            event.hash = audit.compute_hash(self.previous_hash, event, audit_key)
            self.previous_hash = event.hash
            events.append(event)
        self._timed("FactRecord", lambda: copy_rows(FactRecord, FACT_COLUMNS, facts))
        self._timed("Decision", lambda: copy_rows(Decision, DECISION_COLUMNS, decisions))
        for model, rows in [
            (ProcedureStage, stages),
            (Document, documents),
            (Application, applications),
            (Deadline, deadlines),
            (AuditEvent, events),
        ]:
            self._timed(model.__name__, lambda m=model, r=rows: m.objects.bulk_create(r, 2000))

    def _plan(self, state: str) -> dict[str, Any]:  # noqa: C901 (one branch per state)
        """Dates, decisions, documents and deadlines of a dossier in ``state``."""
        rng, today = self.rng, self.today

        def soon(low: int, high: int) -> date:
            return today + timedelta(days=rng.randrange(low, high))

        acts = PATHS[state]
        documents: list[tuple[str, date, date, date | None]] = []
        deadlines: dict[str, date] = {}
        application = None
        stage = None
        if state in ("reflection",):
            delivered = soon(-29, 1)
            referred = delivered
            end = delivered + timedelta(days=30)
            documents.append(("reflection_recepisse", delivered, end, None))
            deadlines = {"reflection_end": end, "document_expiry": end}
            dates = [delivered]
        elif state in ("application_filed", "under_instruction"):
            filed = soon(-115, 0)
            referred = filed - timedelta(days=rng.randrange(5, 40))
            expiry = filed + timedelta(days=121)
            documents.append(("instruction_recepisse", filed, expiry, None))
            application = filed
            deadlines = {
                "document_expiry": expiry,
                "implicit_rejection": filed + timedelta(days=122),
            }
            dates = [referred, filed] if state == "application_filed" else [filed, filed]
            if state == "under_instruction":
                dates = [filed, filed + timedelta(days=rng.randrange(0, 10))]
        elif state in ("cst_granted", "withdrawn", "carte_resident"):
            expiry = soon(0, 365)
            granted = expiry - timedelta(days=364)
            referred = granted - timedelta(days=rng.randrange(30, 90))
            documents.append(("cst", granted, expiry, None))
            if state == "cst_granted":
                deadlines = {
                    "document_expiry": expiry,
                    "renewal_window_opens": expiry - timedelta(days=120),
                    "renewal_window_closes": expiry - timedelta(days=60),
                }
                dates = [referred, referred + timedelta(days=5), referred + timedelta(days=10),
                         granted]  # fmt: skip
            elif state == "withdrawn":
                withdrawn = min(today, granted + timedelta(days=rng.randrange(30, 300)))
                documents[-1] = ("cst", granted, expiry, withdrawn)
                dates = [referred, referred + timedelta(days=10), granted, withdrawn]
            else:
                stage = "definitive_conviction"
                carte = granted + timedelta(days=rng.randrange(200, 330))
                documents.append(("carte_resident", carte, carte + timedelta(days=3652), None))
                deadlines = {"document_expiry": carte + timedelta(days=3652)}
                first = granted - timedelta(days=365)
                dates = [first - timedelta(days=20), first - timedelta(days=10), first,
                         granted - timedelta(days=60), granted, carte]  # fmt: skip
        elif state == "aps_granted":
            granted = soon(-170, 0)
            referred = granted - timedelta(days=rng.randrange(20, 60))
            expiry = granted + timedelta(days=182)
            documents.append(("aps", granted, expiry, None))
            deadlines = {"document_expiry": expiry}
            dates = [granted]
        elif state == "minor_awaiting_majority":
            referred = soon(-200, 0)
            deadlines = {"majority_filing": soon(30, 365)}
            dates = [referred + timedelta(days=5)]
        else:  # referral_received, reflection_interrupted, cst_refused, other_basis, closed
            referred = soon(-1400, 0)
            step = max(1, (today - referred).days // (len(acts) + 1))
            dates = [referred + timedelta(days=step * (n + 1)) for n in range(len(acts))]
            if state == "other_basis":
                stage = "classement_sans_suite"
            if state == "cst_refused":
                documents.append(
                    ("instruction_recepisse", dates[0], dates[0] + timedelta(days=121), None)
                )
                if dates[0] + timedelta(days=121) >= today:
                    deadlines = {"document_expiry": dates[0] + timedelta(days=121)}
        return {
            "state": state,
            "referred": referred,
            "acts": list(zip(acts, dates, strict=True)),
            "documents": documents,
            "deadlines": deadlines,
            "application": application,
            "stage": stage,
            "cooperates": state not in ("aps_granted", "closed", "referral_received"),
        }


FACT_COLUMNS = (
    "dossier", "name", "value", "established_by", "established_on", "proof_reference",
    "recorded_by", "recorded_at",
)  # fmt: skip
DECISION_COLUMNS = (
    "dossier", "act", "from_state", "to_state", "eval_date", "legal_version", "outcome",
    "determination", "facts_snapshot", "motivation", "decided_by", "decided_at",
)  # fmt: skip


def copy_rows(model: Any, fields: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """COPY rows into a model's table (values already as stored: JSON text, ciphertext).

    Used for the two big JSON tables: Django 5.2 bulk-inserts through UNNEST arrays, and
    psycopg escapes every JSON text of such an array in Python (most of the loading time).
    """
    from django.db import connection

    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    statement = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


# ---------------------------------------------------------------- measuring


def summary(samples: list[tuple[float, float]], **extra: Any) -> dict[str, Any]:
    """Median, p95 and max of the wall times (ms), and the median CPU time of this process.

    ``client_cpu_median_ms`` tells, on a busy machine, how much of a wall time is Python
    (ORM, law engine, encryption) rather than waiting for PostgreSQL or for a core.
    """
    ms = sorted(wall * 1000 for wall, _ in samples)
    p95 = statistics.quantiles(ms, n=100, method="inclusive")[94] if len(ms) > 1 else ms[0]
    return {
        "runs": len(ms),
        "median_ms": round(statistics.median(ms), 2),
        "p95_ms": round(p95, 2),
        "max_ms": round(ms[-1], 2),
        "client_cpu_median_ms": round(statistics.median(cpu * 1000 for _, cpu in samples), 2),
        **extra,
    }


#: SQL statements of one (untimed) run of each measure, by measure.
QUERIES: dict[str, int] = {}


def timed(
    function: Callable[[int], Any], runs: int, name: str = ""
) -> tuple[list[tuple[float, float]], list[Any]]:
    """``runs`` timed calls ``function(0..runs-1)`` after ``WARMUP`` calls with negatives
    (the last one counting its SQL statements, under ``name``): (wall, CPU) seconds of each
    call, and what each returned."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for i in range(WARMUP - 1):
        function(-1 - i)
    with CaptureQueriesContext(connection) as captured:
        function(-WARMUP)
    if name:
        QUERIES[name] = len(captured.captured_queries)
    samples, results = [], []
    for i in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        results.append(function(i))
        samples.append((time.perf_counter() - wall, time.process_time() - cpu))
    return samples, results


def measure(runs: int, rng: random.Random, reserved: int) -> dict[str, Any]:
    from django.utils import timezone

    from sejour_traite.accounts.models import Prefecture, User
    from sejour_traite.dossiers import deadlines, queries, services
    from sejour_traite.dossiers.models import Dossier

    today = timezone.localdate()
    prefectures = list(Prefecture.objects.order_by("code"))
    agents = {u.prefecture_id: u for u in User.objects.filter(role="agent")}
    results: dict[str, Any] = {}

    def deadlines_30_days(i: int) -> int:
        prefecture = prefectures[i % len(prefectures)]
        rows = list(deadlines.due_between(prefecture.pk, today, today + timedelta(days=30)))
        for row in rows:
            _ = row.dossier.number
        return len(rows)

    def deadlines_first_page(i: int) -> int:
        prefecture = prefectures[i % len(prefectures)]
        page = deadlines.due_page(prefecture.pk, today, today + timedelta(days=30))
        for row in page.rows:
            _ = row.dossier.number
        return len(page.rows)

    samples, counts = timed(deadlines_first_page, runs, "deadlines_first_page")
    results["deadlines_first_page"] = summary(samples, rows_median=statistics.median(counts))

    # The cursors of every page of the period, per prefecture: run i fetches one of them.
    cursors = []
    for prefecture in prefectures:
        page = deadlines.due_page(prefecture.pk, today, today + timedelta(days=30))
        while page.next_after is not None:
            cursors.append((prefecture.pk, page.next_after))
            page = deadlines.due_page(
                prefecture.pk, today, today + timedelta(days=30), after=page.next_after
            )

    def deadlines_next_page(i: int) -> int:
        prefecture_id, after = cursors[i % len(cursors)]
        page = deadlines.due_page(prefecture_id, today, today + timedelta(days=30), after=after)
        for row in page.rows:
            _ = row.dossier.number
        return len(page.rows)

    if cursors:
        samples, counts = timed(deadlines_next_page, runs, "deadlines_next_pages")
        results["deadlines_next_pages"] = summary(
            samples, rows_median=statistics.median(counts), pages=len(cursors) + len(prefectures)
        )

    samples, counts = timed(deadlines_30_days, runs, "deadlines_30_days")
    results["deadlines_30_days"] = summary(samples, rows_median=statistics.median(counts))

    prefecture_of = dict(Dossier.objects.values_list("id", "prefecture_id"))

    def load_dossier(pk: int) -> int:
        """One dossier as its page loads it (rows read)."""
        dossier = services.view(
            pk, by=agents[prefecture_of[pk]], interface="bench", load_related=True
        )
        person = dossier.person
        _ = (person.first_names, person.last_name, person.birth_date, person.nationality)
        history = [
            queries.history(dossier),
            list(dossier.applications.all()),
            list(dossier.deadlines.all()),
        ]
        return sum(len(part) for part in history)

    ids = list(prefecture_of)
    samples, sizes = timed(lambda i: load_dossier(rng.choice(ids)), runs, "dossier_with_history")
    results["dossier_with_history"] = summary(samples, rows_median=statistics.median(sizes))

    prepared = list(
        Dossier.objects.filter(state="application_filed")
        .order_by("id")
        .values_list("id", "version", "prefecture_id")[: runs + WARMUP]
    )
    if len(prepared) < runs + WARMUP:  # --reuse after earlier runs used them up
        results["transition_start_instruction"] = {"skipped": "not enough application_filed"}
    else:

        def start_instruction(i: int) -> str:
            pk, version, prefecture_id = prepared[i + WARMUP if i >= 0 else -1 - i]
            decision = services.perform(
                pk,
                "start_instruction",
                by=agents[prefecture_id],
                on=today,
                version=version,
                interface="bench",
            )
            return decision.to_state

        samples, _ = timed(start_instruction, runs, "transition_start_instruction")
        results["transition_start_instruction"] = summary(samples)
        # The same page on these dossiers: their last decision was written by the services,
        # with the explanation tree (~45 KB of JSON, encrypted), like every live decision.
        samples, sizes = timed(lambda i: load_dossier(prepared[i % len(prepared)][0]), runs)
        results["dossier_with_history_live_decision"] = summary(
            samples, rows_median=statistics.median(sizes)
        )

    # A different dossier each run (a dossier that took every run's fact would grow, run
    # after --reuse run, far beyond any real one).
    targets = list(
        Dossier.objects.filter(state="cst_granted")
        .order_by("id")
        .values_list("id", "version", "prefecture_id")[: runs + WARMUP]
    )

    def record_fact(i: int) -> int:
        pk, version, prefecture_id = targets[(i + WARMUP if i >= 0 else -1 - i) % len(targets)]
        dossier = services.record_fact(
            pk,
            by=agents[prefecture_id],
            name="public_order_threat",
            value="none",
            established_by="prefecture",
            established_on=today,
            version=version,
            interface="bench",
        )
        return dossier.version

    samples, versions = timed(record_fact, runs, "transition_record_fact")
    assert len(versions) == runs
    results["transition_record_fact"] = summary(samples)
    return results


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dossiers", type=int, default=100_000, help="dossiers to load")
    parser.add_argument("--runs", type=int, default=300, help="timed runs per measure")
    parser.add_argument("--seed", type=int, default=20240717, help="random seed")
    parser.add_argument(
        "--reuse", action="store_true", help="measure again on an earlier run's caseload"
    )
    parser.add_argument(
        "--force", action="store_true", help="drop and load even if its name lacks 'bench'"
    )
    args = parser.parse_args(argv)
    url = os.environ.get("DATABASE_URL") or DEFAULT_URL
    if "bench" not in url.rsplit("/", 1)[-1] and not args.force:
        sys.exit(f"bench_dossiers: {url} is not a benchmark database (name without 'bench')")
    prepare_database(url, fresh=not args.reuse)
    setup_django(url)

    from django.db import connection
    from django.utils import timezone

    from sejour_traite.dossiers.models import Dossier

    rng = random.Random(args.seed)
    reserved = args.runs + WARMUP  # application_filed dossiers for the transition runs
    load: dict[str, Any] = {"reused": True}
    if not (args.reuse and Dossier.objects.count() == args.dossiers):
        if args.reuse:
            sys.exit("bench_dossiers: --reuse, but the database holds another caseload")
        started = time.perf_counter()
        loader = Loader(args.dossiers, rng, reserved, timezone.localdate())
        loader.load()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        load = {
            "seconds": round(time.perf_counter() - started, 1),
            "bulk_insert_seconds": {name: round(t, 1) for name, t in loader.spent.items()},
        }

    from sejour_traite.dossiers import audit, models

    chain = audit.verify()  # the loaded chain must hold under the audit key
    if not chain.intact:
        sys.exit(f"bench_dossiers: audit chain broken at #{chain.broken_at}: {chain.reason}")
    counts = {
        name: getattr(models, name).objects.count()
        for name in ("Dossier", "FactRecord", "Decision", "Document", "Deadline", "AuditEvent")
    }
    results = measure(args.runs, rng, reserved)
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    report = {
        "database": f"PostgreSQL {version}",
        "rows": counts,
        "audit_chain": f"intact ({chain.checked} events, HMAC-SHA256 under the audit key)",
        "load": load,
        "target_p95_ms": TARGET_P95_MS,
        "results": results,
        "queries": QUERIES,
        "within_target": {
            name: result["p95_ms"] <= TARGET_P95_MS
            for name, result in results.items()
            if "p95_ms" in result
        },
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
