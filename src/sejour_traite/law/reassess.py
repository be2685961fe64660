"""Re-assessment of many situations: which outcomes change with a date or a reading.

Each situation is evaluated twice — as it stands (its own date, the adopted readings) and
under the change (another evaluation date, other readings) — and the objects whose status
(or guidance) differ are reported. The loop is plain ``evaluate``: one definition of the
rules serves single evaluations and bulk re-assessment alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sejour_traite.law.evaluation import Determination, evaluate


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


def _signature(determination: Determination) -> dict[str, str]:
    result = {}
    for key, obj in determination.objects.items():
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
    count = 0
    changes: list[Change] = []
    for situation in situations:
        count += 1
        before = _signature(evaluate(situation.facts, situation.eval_date, baseline_readings))
        after = _signature(evaluate(situation.facts, on or situation.eval_date, readings))
        for key in dict.fromkeys([*before, *after]):
            if before.get(key) != after.get(key):
                changes.append(Change(situation.id, key, before.get(key), after.get(key)))
    return count, changes
