"""Legal parameters (legal-spec §4): dated values, each with its citations.

The values live in ``data/parameters/*.yaml``. Loading a value without a complete citation
is an error (``CitationMissing``) naming the file, the parameter and the date.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

from sejour_traite.law import data_files
from sejour_traite.law.citations import Citation, parse_citations
from sejour_traite.law.errors import CitationMissing, DataError


@dataclass(frozen=True, slots=True)
class ParameterValue:
    """One value of a parameter and the period it holds."""

    start: date
    end: date | None
    value: Any
    confidence: str
    citations: tuple[Citation, ...]

    def holds_on(self, day: date) -> bool:
        """Whether this value is the one in force on ``day``."""
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Parameter:
    """A named legal parameter (``P-REFLECTION-DAYS``) and its dated values."""

    name: str
    description: dict[str, str]
    unit: str
    values: tuple[ParameterValue, ...]
    source_file: str

    def entry_at(self, day: date) -> ParameterValue | None:
        """The value in force on ``day``, or ``None`` when the parameter does not exist then."""
        starts = [value.start for value in self.values]
        index = bisect.bisect_right(starts, day) - 1
        if index >= 0 and self.values[index].holds_on(day):
            return self.values[index]
        return None


def _parse_value(raw: Any, where: str) -> ParameterValue:
    if not isinstance(raw, dict) or "from" not in raw or "value" not in raw:
        msg = f"{where}: each value needs 'from', 'to' and 'value'"
        raise DataError(msg)
    start, end = raw["from"], raw.get("to")
    if not isinstance(start, date) or (end is not None and not isinstance(end, date)):
        msg = f"{where}: 'from' and 'to' must be ISO dates (to: null when open)"
        raise DataError(msg)
    confidence = str(raw.get("confidence", "H"))
    return ParameterValue(
        start=start,
        end=end,
        value=raw["value"],
        confidence=confidence,
        citations=parse_citations(raw.get("citations"), where, confidence),
    )


def parse_parameter(name: str, raw: Any, source_file: str) -> Parameter:
    """Build a parameter from its data-file entry, checking every value's citations."""
    if not isinstance(raw, dict) or not raw.get("values"):
        msg = f"{source_file}, {name}: no values"
        raise CitationMissing(msg)
    values = tuple(
        sorted(
            (
                _parse_value(item, f"{source_file}, {name}, value from {item.get('from')}")
                for item in raw["values"]
            ),
            key=lambda value: value.start,
        )
    )
    for before, after in zip(values, values[1:], strict=False):
        if before.end is None or before.end >= after.start:
            msg = f"{source_file}, {name}: values overlap at {after.start}"
            raise DataError(msg)
    description = raw.get("description") or {}
    return Parameter(
        name=name,
        description={str(k): str(v) for k, v in description.items()},
        unit=str(raw.get("unit", "")),
        values=values,
        source_file=source_file,
    )


@cache
def all_parameters() -> dict[str, Parameter]:
    """Every parameter of ``data/parameters/``, by name."""
    result: dict[str, Parameter] = {}
    for file_name in data_files.list_dir("parameters"):
        content = data_files.load(f"parameters/{file_name}") or {}
        if not isinstance(content, dict):
            msg = f"parameters/{file_name}: expected a mapping of parameter names"
            raise DataError(msg)
        for name, raw in content.items():
            if name in result:
                msg = (
                    f"parameters/{file_name}: {name} is also defined in {result[name].source_file}"
                )
                raise DataError(msg)
            result[name] = parse_parameter(name, raw, f"parameters/{file_name}")
    return result


_SNAPSHOTS: dict[date, dict[str, Any]] = {}
_BY_PERIOD: dict[int, dict[str, Any]] = {}


@cache
def _breakpoints() -> tuple[date, ...]:
    """Every day on which some parameter takes a value or stops having one."""
    days: set[date] = set()
    for parameter in all_parameters().values():
        for value in parameter.values:
            days.add(value.start)
            if value.end is not None:
                days.add(value.end + timedelta(days=1))
    return tuple(sorted(days))


def snapshot(day: date) -> dict[str, Any]:
    """Every parameter's value on ``day`` (parameters not in force then are absent).

    Cached by date (bounded), and computed once per period between two breakpoints of the
    parameters: every day of a period has the same values.
    """
    found = _SNAPSHOTS.get(day)
    if found is None:
        period = bisect.bisect_right(_breakpoints(), day)
        found = _BY_PERIOD.get(period)
        if found is None:
            found = _BY_PERIOD[period] = {}
            for name, parameter in all_parameters().items():
                entry = parameter.entry_at(day)
                if entry is not None:
                    found[name] = entry.value
        if len(_SNAPSHOTS) >= 20_000:
            _SNAPSHOTS.clear()
        _SNAPSHOTS[day] = found
    return found


def get(name: str) -> Parameter:
    """The parameter ``name``; ``DataError`` if no data file defines it."""
    try:
        return all_parameters()[name]
    except KeyError:
        msg = f"parameter {name} is not defined in data/parameters/"
        raise DataError(msg) from None
