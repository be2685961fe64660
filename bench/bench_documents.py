"""Benchmark of the PDF documents (prints JSON): median and p95 time to generate each one.

Builds one dossier through the services on a throwaway SQLite database (or DATABASE_URL),
then renders the reflection récépissé, the L425-1 attestation and the grant and refusal
decisions ``--repeat`` times each. Target: ≤ 300 ms median per document.

Usage: python bench/bench_documents.py [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sejour_traite.settings_test")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/bench-documents.sqlite3")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from tests.dossiers.test_journey import act, fact, neutral_facts

    from sejour_traite.accounts.models import Prefecture, Role, User
    from sejour_traite.documents import pdf
    from sejour_traite.dossiers import services

    paris = Prefecture.objects.create(code="75", name="Préfecture de police")
    police = User.objects.create_user("opj", password="x", role=Role.POLICE, organisation="BRP")
    agent = User.objects.create_user("agent", password="x", role=Role.AGENT, prefecture=paris)
    day = date(2024, 3, 1)
    dossier = services.open_referral(
        by=police,
        prefecture=paris,
        person=services.PersonInput("Amina", "Okafor", date(1996, 5, 14), "NG", "7501234567"),
        police_unit="BRP",
        procedure_reference="PV 1",
        on=day,
        police_hearing_date=day,
        information_given_date=day,
        reflection_requested=True,
        photo_provided=True,
    )
    neutral_facts(dossier, agent)
    act(dossier, agent, "deliver_reflection_recepisse", day)
    fact(
        dossier,
        agent,
        "complaint",
        {"kind": "penal", "filed_date": "2024-03-11", "against_x": False, "offences": ["225-4-1"]},
        on=date(2024, 3, 11),
        by="victim",
    )
    act(dossier, agent, "file_application", date(2024, 3, 12))
    act(dossier, agent, "start_instruction", date(2024, 3, 12))
    grant = act(dossier, agent, "grant_cst", date(2024, 4, 2))
    dossier.refresh_from_db()

    documents = {
        "reflection_recepisse": lambda: pdf.reflection_recepisse(dossier),
        "attestation_l425_1": lambda: pdf.attestation_l425_1(dossier),
        "decision_grant_cst": lambda: pdf.decision_pdf(grant),
    }
    for render in documents.values():
        render()  # warm-up: fonts and templates loaded once per process
    report = {}
    for name, render in documents.items():
        samples = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            render()
            samples.append(time.perf_counter() - start)
        samples.sort()
        report[name] = {
            "median_ms": round(statistics.median(samples) * 1000, 1),
            "p95_ms": round(samples[max(int(len(samples) * 0.95) - 1, 0)] * 1000, 1),
        }
    print(
        json.dumps({"documents": report, "repeat": args.repeat, "target_median_ms": 300}, indent=2)
    )


if __name__ == "__main__":
    main()
