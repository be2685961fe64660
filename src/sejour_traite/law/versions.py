"""Legal versions of legal-spec §2.1 and their selection by evaluation date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from sejour_traite.law import data_files
from sejour_traite.law.citations import Citation, parse_citations
from sejour_traite.law.errors import DataError


@dataclass(frozen=True, slots=True)
class LegalVersion:
    """A state of the law (``V2021``: the recodification of 1 May 2021)."""

    id: str
    start: date
    end: date | None
    texts: str
    summary: dict[str, str]
    confidence: str
    citations: tuple[Citation, ...]

    def holds_on(self, day: date) -> bool:
        """Whether this version is in force on ``day``."""
        return self.start <= day and (self.end is None or day <= self.end)


def _parse(raw: Any, index: int) -> LegalVersion:
    where = f"versions.yaml, entry {index + 1}"
    if not isinstance(raw, dict) or not raw.get("id") or not isinstance(raw.get("from"), date):
        msg = f"{where}: needs 'id' and an ISO date 'from'"
        raise DataError(msg)
    end = raw.get("to")
    if end is not None and not isinstance(end, date):
        msg = f"{where}: 'to' must be an ISO date or null"
        raise DataError(msg)
    return LegalVersion(
        id=str(raw["id"]),
        start=raw["from"],
        end=end,
        texts=str(raw.get("texts", "")),
        summary={str(k): str(v) for k, v in (raw.get("summary") or {}).items()},
        confidence=str(raw.get("confidence", "H")),
        citations=parse_citations(raw.get("citations"), f"{where} ({raw['id']})"),
    )


@cache
def all_versions() -> tuple[LegalVersion, ...]:
    """Every legal version, in chronological order, checked to be contiguous."""
    raw = data_files.load("versions.yaml")
    if not isinstance(raw, list) or not raw:
        msg = "versions.yaml: expected a list of versions"
        raise DataError(msg)
    versions = tuple(sorted((_parse(item, i) for i, item in enumerate(raw)), key=lambda v: v.start))
    for before, after in zip(versions, versions[1:], strict=False):
        if before.end is None or (after.start - before.end).days != 1:
            msg = f"versions.yaml: {before.id} and {after.id} are not contiguous"
            raise DataError(msg)
    return versions


def by_id(version_id: str) -> LegalVersion:
    """The version ``version_id``; ``DataError`` if unknown."""
    for version in all_versions():
        if version.id == version_id:
            return version
    msg = f"unknown legal version {version_id!r}"
    raise DataError(msg)


def select(day: date) -> LegalVersion | None:
    """The legal version in force on ``day`` (``None`` before the first one)."""
    for version in reversed(all_versions()):
        if version.start <= day:
            return version if version.holds_on(day) else None
    return None
