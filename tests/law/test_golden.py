"""Regression net of the law engine: its public outputs stay byte-identical.

Every shared scenario and a fixed sample of generated situations (bench/generate.py, fixed
seed) are evaluated; each public output is serialised canonically and hashed:

* ``Determination.to_json`` with the explanation tree (French and English), and without it;
* the same under alternative readings of the open questions (one set per situation, in turn);
* ``render_text`` (the CLI's plain-text explanation);
* ``next_questions`` (for one situation in ``QUESTIONS_EVERY``);
* ``reassess`` of each chunk, with a changed reading and with a changed date.

The digests are compared with ``golden.json``, generated from the engine before its
optimisation: one digest per scenario and one per chunk of generated situations, so that a
failure says where to look. A change of the law that is meant to change outputs regenerates
the file (after checking the difference):

    .venv/bin/python tests/law/test_golden.py --write
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from sejour_traite.law import evaluate, validate
from sejour_traite.law.questions import next_questions
from sejour_traite.law.reassess import Situation, reassess
from sejour_traite.law.render import render_text
from sejour_traite.law.scenarios import iter_files, load_yaml

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "scenarios"
GOLDEN = Path(__file__).with_name("golden.json")
SEED = 20261202
GENERATED = 3_000
CHUNK = 100
QUESTIONS_EVERY = 20
#: Alternative readings, taken in turn (legal-spec §7 switches).
READINGS: tuple[dict[str, str], ...] = (
    {"OQ-01": "delivery_plus_29"},
    {"OQ-02": "decree_grounds_only"},
    {"OQ-04": "de_plein_droit"},
    {"OQ-06": "public_order_only"},
    {"OQ-09": "cap_applies"},
    {
        "OQ-01": "delivery_plus_29",
        "OQ-02": "decree_grounds_only",
        "OQ-04": "de_plein_droit",
        "OQ-06": "public_order_only",
        "OQ-09": "cap_applies",
    },
)


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _canonical(value: Any) -> str:
    # No sort_keys: the order of the keys is part of the output.
    return json.dumps(
        value, ensure_ascii=False, separators=(",", ":"), default=lambda o: f"<{type(o).__name__}>"
    )


def _outputs(
    facts: dict[str, Any], day: date, readings: dict[str, str] | None, index: int
) -> list[str]:
    determination = evaluate(facts, day, readings)
    outputs = [
        _canonical(determination.to_json()),
        _canonical(determination.to_json("en")),
        _canonical(determination.to_json(explain=False)),
        render_text(determination, "fr"),
        _canonical(evaluate(facts, day, READINGS[index % len(READINGS)]).to_json()),
    ]
    if index % QUESTIONS_EVERY == 0:
        questions = next_questions(facts, day, "fr", readings)
        outputs.append(_canonical([q.to_json() for q in questions]))
    return outputs


def _digest(parts: list[str]) -> str:
    sha = hashlib.sha256()
    for part in parts:
        sha.update(part.encode())
        sha.update(b"\x00")
    return sha.hexdigest()


def scenario_cases() -> list[tuple[str, dict[str, Any], date, dict[str, str] | None]]:
    """(name, typed facts, evaluation date, readings) of every shared scenario case."""
    cases = []
    for path in iter_files([SHARED]):
        content = load_yaml(path)
        defaults = content.get("defaults") or {}
        for case in content["cases"]:
            facts = validate({**defaults, **(case.get("facts") or {})})
            day = date.fromisoformat(str(case["eval_date"]))
            cases.append((f"{path.name}::{case['id']}", facts, day, case.get("readings")))
    return cases


def generated_chunks() -> list[list[tuple[dict[str, Any], date]]]:
    """The generated situations (typed facts, date), in chunks of ``CHUNK``."""
    rng = random.Random(SEED)
    situation = _generator().situation
    typed = [(validate(facts), day) for facts, day in (situation(rng) for _ in range(GENERATED))]
    return [typed[start : start + CHUNK] for start in range(0, GENERATED, CHUNK)]


def chunk_digest(chunk: list[tuple[dict[str, Any], date]], first: int) -> str:
    """One digest for a chunk: every output of every situation, then its re-assessments."""
    parts: list[str] = []
    for offset, (facts, day) in enumerate(chunk):
        parts.extend(_outputs(facts, day, None, first + offset))
    situations = [Situation(str(first + i), facts, day) for i, (facts, day) in enumerate(chunk)]
    for kwargs in (
        {"readings": {"OQ-09": "cap_applies"}},
        {"on": date(2021, 5, 1)},
        {"on": chunk[0][1] + timedelta(days=365)},
    ):
        count, changes = reassess(situations, **kwargs)  # type: ignore[arg-type]
        parts.append(_canonical([count, [change.to_json() for change in changes]]))
    return _digest(parts)


def compute() -> dict[str, dict[str, str]]:
    """Every digest, as stored in golden.json."""
    scenarios = {
        name: _digest(_outputs(facts, day, readings, index))
        for index, (name, facts, day, readings) in enumerate(scenario_cases())
    }
    generated = {
        f"{index * CHUNK}-{index * CHUNK + len(chunk) - 1}": chunk_digest(chunk, index * CHUNK)
        for index, chunk in enumerate(generated_chunks())
    }
    return {"scenarios": scenarios, "generated": generated}


@pytest.fixture(scope="module")
def golden() -> dict[str, dict[str, str]]:
    return dict(json.loads(GOLDEN.read_text(encoding="utf-8")))


def test_every_shared_scenario_gives_the_recorded_outputs(golden):
    cases = scenario_cases()

    actual = {
        name: _digest(_outputs(facts, day, readings, index))
        for index, (name, facts, day, readings) in enumerate(cases)
    }

    assert set(actual) == set(golden["scenarios"]), "scenarios added or removed: regenerate"
    changed = [name for name, digest in actual.items() if golden["scenarios"][name] != digest]
    assert not changed, f"outputs changed for {changed}"


def test_generated_situations_give_the_recorded_outputs(golden):
    chunks = generated_chunks()

    changed = []
    for index, chunk in enumerate(chunks):
        key = f"{index * CHUNK}-{index * CHUNK + len(chunk) - 1}"
        if chunk_digest(chunk, index * CHUNK) != golden["generated"][key]:
            changed.append(key)

    assert len(chunks) == len(golden["generated"])
    assert not changed, f"outputs changed for generated situations {changed}"


def test_json_of_a_determination_is_the_same_each_time_and_not_shared_with_another():
    name, facts, day, readings = scenario_cases()[0]
    determination = evaluate(facts, day, readings)
    first = determination.to_json()
    expected = _canonical(first)

    repeated = _canonical(determination.to_json())
    for node in first["explanation"]["objects"]:
        for rule in node["rules"]:
            rule["citations"].append("altered")
            for condition in rule["conditions"]:
                condition["formula"] = "altered"
    first["cst"]["documents"]["required"].append("altered")
    other = _canonical(evaluate(facts, day, readings).to_json())

    assert repeated == expected, name
    assert other == expected, name


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: python tests/law/test_golden.py --write")
    GOLDEN.write_text(json.dumps(compute(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    sys.stdout.write(f"wrote {GOLDEN}\n")
