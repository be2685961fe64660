"""Errors of the law package.

* LawError                      — base class
  x DataError                   — a data file of the law (parameters, rules, versions) is invalid
    x CitationMissing           — a parameter value or a rule has no complete citation
  x FactsError                  — a situation given to the engine is invalid (bad fact, type, date…)
  x ScenarioFileError           — a scenario file does not follow scenario-format.md
  x ReadingError                — an unknown open question or reading was asked for

Missing facts are not an error: they give an ``INDETERMINE`` outcome.
"""

from __future__ import annotations


class LawError(Exception):
    """Base class of the errors raised by ``sejour_traite.law``."""


class DataError(LawError):
    """A data file of the law is invalid; the message names the file and the entry."""


class CitationMissing(DataError):
    """A parameter value or rule was loaded without a complete citation."""


class FactsError(LawError):
    """Invalid facts. ``problems`` lists (location, message) pairs, all found at once."""

    def __init__(self, problems: list[tuple[str, str]], source: str = "") -> None:
        self.problems = problems
        self.source = source
        where = f"{source}: " if source else ""
        lines = [f"{where}{location}: {message}" for location, message in problems]
        super().__init__("\n".join(lines))


class ScenarioFileError(LawError):
    """A scenario file does not follow the format of scenario-format.md."""


class ReadingError(LawError):
    """An alternative reading was asked for an open question that has no such reading."""
