"""Generated situations for the engine's tests (bench/generate.py, a fixed seed)."""

from __future__ import annotations

import importlib.util
import random
from datetime import date
from pathlib import Path
from typing import Any

from sejour_traite.law import validate

GENERATE = Path(__file__).resolve().parents[2] / "bench" / "generate.py"


def situations(count: int, seed: int) -> list[tuple[dict[str, Any], date]]:
    """``count`` random situations (typed facts, evaluation date) drawn with ``seed``."""
    spec = importlib.util.spec_from_file_location("bench_generate", GENERATE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rng = random.Random(seed)
    return [(validate(facts), day) for facts, day in (module.situation(rng) for _ in range(count))]
