"""Open questions of legal-spec §7 and the readings the engine takes.

Each open question has an adopted reading (the default) and, where §7 names one, an
alternative that a configuration value selects (``{"OQ-09": "cap_applies"}``): a change of
reading is a data change, never a code change. Results resting on a reading carry its flag.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from sejour_traite.law import data_files
from sejour_traite.law.errors import ReadingError


@dataclass(frozen=True, slots=True)
class OpenQuestion:
    """An open question: its adopted reading and the alternatives it may switch to."""

    id: str
    question: dict[str, str]
    adopted: dict[str, str]
    confidence: str
    flag: str
    rules: tuple[str, ...]
    default: str | None
    alternatives: Mapping[str, dict[str, str]]
    raw: Mapping[str, Any]


@cache
def open_questions() -> dict[str, OpenQuestion]:
    """Every open question of ``data/open_questions.yaml``, by id (``OQ-09``)."""
    raw = data_files.load("open_questions.yaml") or {}
    result: dict[str, OpenQuestion] = {}
    for oq_id, entry in raw.items():
        switch = entry.get("switch") or {}
        result[str(oq_id)] = OpenQuestion(
            id=str(oq_id),
            question=dict(entry.get("question") or {}),
            adopted=dict(entry.get("adopted") or {}),
            confidence=str(entry.get("confidence", "L")),
            flag=str(entry.get("flag") or str(oq_id).replace("-", "_")),
            rules=tuple(entry.get("rules") or ()),
            default=switch.get("default"),
            alternatives=dict(switch.get("alternatives") or {}),
            raw=entry,
        )
    return result


def defaults() -> dict[str, str]:
    """The adopted reading of every switchable open question."""
    return {oq.id: oq.default for oq in open_questions().values() if oq.default is not None}


def resolve(overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    """Readings in force: the defaults, with ``overrides`` checked against the alternatives.

    Raises:
        ReadingError: an unknown open question or an alternative it does not have.
    """
    readings = defaults()
    for oq_id, choice in (overrides or {}).items():
        question = open_questions().get(oq_id)
        if question is None or not question.alternatives:
            switchable = ", ".join(sorted(readings))
            msg = f"{oq_id} has no alternative reading (switchable: {switchable})"
            raise ReadingError(msg)
        if choice not in question.alternatives:
            expected = ", ".join(question.alternatives)
            msg = f"{oq_id}: unknown reading {choice!r}; expected one of {expected}"
            raise ReadingError(msg)
        readings[oq_id] = choice
    return readings


def parse_assignments(items: list[str] | tuple[str, ...]) -> dict[str, str]:
    """``["OQ-09=cap_applies"]`` -> ``{"OQ-09": "cap_applies"}`` (checked by ``resolve``)."""
    result: dict[str, str] = {}
    for item in items:
        if "=" not in item:
            msg = f"reading {item!r}: expected OQ-NN=choice"
            raise ReadingError(msg)
        key, value = item.split("=", 1)
        result[key.strip()] = value.strip()
    resolve(result)
    return result
