"""Citations: every parameter value and every rule names the texts it rests on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sejour_traite.law.errors import CitationMissing

CONFIDENCES = ("H", "M", "L")


@dataclass(frozen=True, slots=True)
class Citation:
    """A text of law (or guidance, or case law) and the dates it is in force.

    ``in_force_to`` is ``None`` while the text is still in force at the latest reading.
    """

    code: str
    article: str
    in_force_from: date
    in_force_to: date | None
    verified_on: date
    confidence: str = "H"
    url: str | None = None

    def in_force_on(self, day: date) -> bool:
        """Whether the cited text is in force on ``day``."""
        return self.in_force_from <= day and (self.in_force_to is None or day <= self.in_force_to)

    @property
    def label(self) -> str:
        """Short human label: ``CESEDA L425-1``."""
        return f"{self.code} {self.article}"

    def to_json(self) -> dict[str, Any]:
        """JSON-ready mapping."""
        data: dict[str, Any] = {
            "code": self.code,
            "article": self.article,
            "in_force_from": self.in_force_from.isoformat(),
            "in_force_to": self.in_force_to.isoformat() if self.in_force_to else None,
            "confidence": self.confidence,
            "verified_on": self.verified_on.isoformat(),
        }
        if self.url:
            data["url"] = self.url
        return data


def _as_date(value: Any, where: str, key: str, *, optional: bool = False) -> date | None:
    if value is None and optional:
        return None
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    msg = f"{where}: citation field {key!r} must be an ISO date, got {value!r}"
    raise CitationMissing(msg)


def parse_citation(raw: Any, where: str, default_confidence: str = "H") -> Citation:
    """Build a citation from its data-file mapping; raise ``CitationMissing`` if incomplete."""
    if not isinstance(raw, dict):
        msg = f"{where}: a citation must be a mapping, got {raw!r}"
        raise CitationMissing(msg)
    for key in ("code", "article", "in_force_from", "verified_on"):
        if raw.get(key) in (None, ""):
            msg = f"{where}: citation without {key!r}"
            raise CitationMissing(msg)
    confidence = str(raw.get("confidence", default_confidence))
    if confidence not in CONFIDENCES:
        msg = f"{where}: confidence must be one of H, M, L, got {confidence!r}"
        raise CitationMissing(msg)
    start = _as_date(raw["in_force_from"], where, "in_force_from")
    verified = _as_date(raw["verified_on"], where, "verified_on")
    assert start is not None and verified is not None
    return Citation(
        code=str(raw["code"]),
        article=str(raw["article"]),
        in_force_from=start,
        in_force_to=_as_date(raw.get("in_force_to"), where, "in_force_to", optional=True),
        verified_on=verified,
        confidence=confidence,
        url=raw.get("url") or None,
    )


def parse_citations(raw: Any, where: str, default_confidence: str = "H") -> tuple[Citation, ...]:
    """At least one complete citation, or ``CitationMissing`` naming ``where``."""
    if not isinstance(raw, list) or not raw:
        msg = f"{where}: no citation"
        raise CitationMissing(msg)
    return tuple(
        parse_citation(item, f"{where}, citation {index + 1}", default_confidence)
        for index, item in enumerate(raw)
    )
