"""The rule registry: every R-* rule of legal-spec §3 with its citations and its texts.

Rule metadata lives in ``data/rules.yaml``; the conditions live in the outcome steps of
``rules/``. Loading a rule without a complete citation or without its plain-language
sentences (French and English) is an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from sejour_traite.law import data_files
from sejour_traite.law.citations import Citation, parse_citations
from sejour_traite.law.errors import CitationMissing, DataError

LANGUAGES = ("fr", "en")


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule of legal-spec §3: its ID, title, citations, texts and open questions."""

    id: str
    title: dict[str, str]
    group: str
    confidence: str
    discretion: str
    open_questions: tuple[str, ...]
    citations: tuple[Citation, ...]
    met: dict[str, str]
    not_met: dict[str, str]
    confidence_note: str = ""
    #: Which sentence applies. ``requirement``: "met" while no condition of the rule fails;
    #: ``ground``: "met" when the bar, ground or situation the rule describes is found;
    #: ``status``: "met" when the right the rule grants is open (positive status).
    polarity: str = "requirement"

    def citations_on(self, day: date) -> tuple[Citation, ...]:
        """The citations in force on ``day`` (all of them if none is)."""
        current = tuple(c for c in self.citations if c.in_force_on(day))
        return current or self.citations

    def text(self, met: bool, lang: str = "fr") -> str:
        """The plain-language sentence for a met (or unmet) rule."""
        texts = self.met if met else self.not_met
        return texts.get(lang) or texts["fr"]


def _texts(raw: Any, where: str) -> dict[str, str]:
    if not isinstance(raw, dict) or any(not raw.get(lang) for lang in LANGUAGES):
        msg = f"{where}: needs a French and an English text"
        raise DataError(msg)
    return {str(k): str(v) for k, v in raw.items()}


def _parse(rule_id: str, raw: Any) -> Rule:
    where = f"rules.yaml, {rule_id}"
    if not isinstance(raw, dict):
        msg = f"{where}: expected a mapping"
        raise DataError(msg)
    confidence = str(raw.get("confidence", "H"))[0]
    text = raw.get("text") or {}
    if not raw.get("citations"):
        msg = f"{where}: no citation"
        raise CitationMissing(msg)
    return Rule(
        id=rule_id,
        title=_texts(raw.get("title"), f"{where}, title"),
        group=str(raw.get("group", "")),
        confidence=confidence,
        discretion=str(raw.get("discretion", "none")),
        open_questions=tuple(raw.get("open_questions") or ()),
        citations=parse_citations(raw.get("citations"), where, confidence),
        met=_texts(text.get("met"), f"{where}, text.met"),
        not_met=_texts(text.get("not_met"), f"{where}, text.not_met"),
        confidence_note=str(raw.get("confidence_note") or ""),
        polarity=_polarity(raw.get("polarity", "requirement"), where),
    )


def _polarity(value: Any, where: str) -> str:
    if value not in ("requirement", "ground", "status"):
        msg = f"{where}: polarity must be requirement, ground or status, got {value!r}"
        raise DataError(msg)
    return str(value)


@cache
def all_rules() -> dict[str, Rule]:
    """Every rule, by ID, in the order of legal-spec §3."""
    raw = data_files.load("rules.yaml") or {}
    return {str(rule_id): _parse(str(rule_id), entry) for rule_id, entry in raw.items()}


def get(rule_id: str) -> Rule:
    """The rule ``rule_id``; ``DataError`` if the registry has no such rule."""
    try:
        return all_rules()[rule_id]
    except KeyError:
        msg = f"rule {rule_id} is not in data/rules.yaml"
        raise DataError(msg) from None


@cache
def order() -> dict[str, int]:
    """Position of each rule in the registry (to list rules in the order of the spec)."""
    return {rule_id: index for index, rule_id in enumerate(all_rules())}
