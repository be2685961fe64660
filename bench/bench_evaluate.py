"""Benchmark of the law engine (prints JSON on stdout).

* ``determination_with_explanation``: one full determination — ``evaluate`` plus the JSON
  of scenario-format.md with its explanation tree — over the shared scenarios (each run
  ``REPEAT`` times) and over ``N`` generated situations: median and p95 in µs.
* ``evaluate_only``: the same without building the JSON (the explanation's data, the trace
  of every condition, is still recorded).
* ``bulk_reassessment``: ``law.reassess`` over the generated situations with a changed
  reading (OQ-09) on one core: situations per second. Each situation is evaluated once,
  and a second time only when the first evaluation consulted the switched reading (an
  evaluation that never read OQ-09 cannot change with it; see ``reassess``).
* ``bulk_reassessment_date_change``: the same with a changed evaluation date (2021-05-01,
  the recodification) instead of a reading: every situation is evaluated twice.
* ``peak_memory_mb``: peak resident memory of the process.

Usage: python bench/bench_evaluate.py [--situations N] [--repeat R]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import sys
import time
from datetime import date
from pathlib import Path

from sejour_traite.law import evaluate, validate
from sejour_traite.law.reassess import Situation, reassess
from sejour_traite.law.scenarios import load_yaml

sys.path.insert(0, str(Path(__file__).parent))
from generate import situation  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared" / "scenarios"


def shared_cases() -> list[tuple[dict, date]]:
    cases = []
    for path in sorted(SHARED.glob("*.yaml")):
        content = load_yaml(path)
        for case in content["cases"]:
            facts = validate({**(content.get("defaults") or {}), **(case.get("facts") or {})})
            cases.append((facts, date.fromisoformat(str(case["eval_date"]))))
    return cases


def timings(cases: list[tuple[dict, date]], explain: bool, repeat: int = 1) -> list[float]:
    result = []
    clock = time.perf_counter
    for _ in range(repeat):
        for facts, day in cases:
            start = clock()
            determination = evaluate(facts, day)
            if explain:
                determination.to_json()
            result.append(clock() - start)
    return result


def summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "count": len(ordered),
        "median_us": round(statistics.median(ordered) * 1e6, 1),
        "p95_us": round(ordered[int(len(ordered) * 0.95) - 1] * 1e6, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--situations", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()

    rng = random.Random(20261201)
    generated = [situation(rng) for _ in range(args.situations)]
    typed = [(validate(facts), day) for facts, day in generated]
    shared = shared_cases()

    timings(shared, explain=True)  # warm-up: data files loaded, caches filled
    report: dict[str, object] = {
        "python": sys.version.split()[0],
        "determination_with_explanation": {
            "shared_scenarios": summary(timings(shared, explain=True, repeat=args.repeat)),
            "generated": summary(timings(typed, explain=True)),
        },
        "evaluate_only": {
            "shared_scenarios": summary(timings(shared, explain=False, repeat=args.repeat)),
            "generated": summary(timings(typed, explain=False)),
        },
    }
    situations = [Situation(str(i), facts, day) for i, (facts, day) in enumerate(typed)]
    start = time.perf_counter()
    count, changes = reassess(situations, readings={"OQ-09": "cap_applies"})
    elapsed = time.perf_counter() - start
    report["bulk_reassessment"] = {
        "situations": count,
        "changed_outcomes": len(changes),
        "seconds": round(elapsed, 2),
        "situations_per_second": round(count / elapsed),
    }
    start = time.perf_counter()
    count, changes = reassess(situations, on=date(2021, 5, 1))
    elapsed = time.perf_counter() - start
    report["bulk_reassessment_date_change"] = {
        "situations": count,
        "changed_outcomes": len(changes),
        "seconds": round(elapsed, 2),
        "situations_per_second": round(count / elapsed),
    }
    report["targets"] = {"median_us": 50, "situations_per_second": 20_000}
    report["peak_memory_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
