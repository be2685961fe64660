"""Request and response schemas of the public API (pydantic, via django-ninja)."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from ninja import Schema
from pydantic import Field, StrictBool, field_validator

from sejour_traite.law.dates import check_supported, parse_iso


class SituationIn(Schema):
    """A situation: the facts of legal-spec §5 at an evaluation date."""

    eval_date: date = Field(description="Date at which the law in force applies (YYYY-MM-DD).")
    facts: dict[str, Any] = Field(
        default_factory=dict,
        description="Facts named as in legal-spec §5; absent or null = unknown; 'none' = the "
        "event did not happen.",
    )
    readings: dict[str, str] | None = Field(
        default=None,
        description="Alternative readings of open questions, e.g. {'OQ-09': 'cap_applies'}.",
    )
    lang: Literal["fr", "en"] = Field(default="fr", description="Language of the texts.")

    @field_validator("eval_date", mode="before")
    @classmethod
    def _iso_date_only(cls, value: Any) -> Any:
        # Pydantic would read a number as a Unix timestamp: only YYYY-MM-DD is a date here.
        if not isinstance(value, str | date):
            msg = "expected a date YYYY-MM-DD"
            raise ValueError(msg)
        return parse_iso(value) if isinstance(value, str) else check_supported(value)


class EvaluateIn(SituationIn):
    """A situation to evaluate, with or without the explanation tree."""

    explain: StrictBool = Field(default=True, description="Include the explanation tree.")


class QuestionOut(Schema):
    """A fact to ask about next."""

    fact: str
    question: str
    help: str
    who: list[str]
    settles: list[str]
    may_settle: list[str]
    concerns: list[str]


class CitationOut(Schema):
    """A text of law and its dates in force."""

    code: str
    article: str
    in_force_from: date
    in_force_to: date | None
    confidence: str
    verified_on: date
    url: str | None = None


class RuleSummary(Schema):
    """A rule of legal-spec §3."""

    id: str
    title: str
    group: str
    confidence: str
    citations: list[CitationOut]


class RuleOut(RuleSummary):
    """A rule with its plain-language sentences and its open questions."""

    met: str
    not_met: str
    open_questions: list[str]
    discretion: str


class ParameterValueOut(Schema):
    """A dated value of a parameter."""

    valid_from: date
    valid_to: date | None
    value: Any
    confidence: str
    citations: list[CitationOut]


class ParameterOut(Schema):
    """A legal parameter of legal-spec §4."""

    name: str
    description: str
    unit: str
    values: list[ParameterValueOut]


class FieldError(Schema):
    """One invalid field: where and what is expected."""

    field: str
    message: str


class Problem(Schema):
    """An error (RFC 9457 problem document)."""

    type: str
    title: str
    status: int
    detail: str | None = None
    errors: list[FieldError] | None = None
