"""Re-assessment of many situations: which outcomes change with a date or a reading.

Each situation is evaluated twice — as it stands (its own date, the adopted readings) and
under the change (another evaluation date, other readings) — and the objects whose status
(or guidance) differ are reported. The loop is plain ``evaluate`` (its objects only:
``evaluation.evaluate_objects``): one definition of the rules serves single evaluations and
bulk re-assessment alike.

An evaluation is a function of the facts, the date and the readings it consults. When the
change keeps the date and switches readings that the first evaluation never consulted
(OQ-09 matters only to renewals from 2024, say), the second evaluation would give the same
determination: it is not run.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sejour_traite.law import readings as readings_module
from sejour_traite.law.evaluation import evaluate_objects
from sejour_traite.law.outcomes import ObjectResult


@dataclass(frozen=True)
class Situation:
    """A situation to re-assess: an identifier, typed facts and its own evaluation date."""

    id: str
    facts: Mapping[str, Any]
    eval_date: date


@dataclass(frozen=True)
class Change:
    """One object whose outcome differs between the two evaluations."""

    situation: str
    object: str
    before: str | None
    after: str | None

    def to_json(self) -> dict[str, Any]:
        """JSON-ready mapping."""
        return {
            "situation": self.situation,
            "object": self.object,
            "before": self.before,
            "after": self.after,
        }


def _signature(objects: dict[str, ObjectResult]) -> dict[str, str]:
    result = {}
    for key, obj in objects.items():
        guidance = f"/{obj.guidance}" if obj.guidance and obj.status == "DISCRETIONNAIRE" else ""
        result[key] = f"{obj.status}{guidance}"
    return result


def reassess(
    situations: Iterable[Situation],
    *,
    on: date | None = None,
    readings: Mapping[str, str] | None = None,
    baseline_readings: Mapping[str, str] | None = None,
) -> tuple[int, list[Change]]:
    """Evaluate each situation before and after the change; return (count, changes).

    Args:
        situations: the situations, each with its own evaluation date.
        on: evaluate the changed version at this date instead of the situation's own.
        readings: readings of the changed version (open questions switched).
        baseline_readings: readings of the baseline (defaults: the adopted readings).
    """
    baseline = readings_module.resolve(baseline_readings)
    changed = readings_module.resolve(readings)
    switched = {key for key in {*baseline, *changed} if baseline.get(key) != changed.get(key)}
    count = 0
    changes: list[Change] = []
    for situation in situations:
        count += 1
        recorded = _Consulted(baseline)
        before = _signature(evaluate_objects(situation.facts, situation.eval_date, recorded))
        if (on is None or on == situation.eval_date) and switched.isdisjoint(recorded.consulted):
            continue  # same facts, same date, same readings consulted: same determination
        after = _signature(evaluate_objects(situation.facts, on or situation.eval_date, changed))
        for key in dict.fromkeys([*before, *after]):
            if before.get(key) != after.get(key):
                changes.append(Change(situation.id, key, before.get(key), after.get(key)))
    return count, changes


class _Consulted(Mapping[str, str]):
    """Readings that note which open questions an evaluation consults (any access counts)."""

    __slots__ = ("_readings", "consulted")

    def __init__(self, readings: Mapping[str, str]) -> None:
        self._readings = readings
        self.consulted: set[str] = set()

    def get(self, key: str, default: Any = None) -> Any:
        self.consulted.add(key)
        return self._readings.get(key, default)

    def __getitem__(self, key: str) -> str:
        self.consulted.add(key)
        return self._readings[key]

    def __iter__(self) -> Iterator[str]:
        self.consulted.update(self._readings)
        return iter(self._readings)

    def __len__(self) -> int:
        return len(self._readings)
