"""The acts of a dossier's lifecycle in the authenticated API.

* ``GET /dossiers/{id}/acts`` — the acts the dossier's state allows, each with the law's
  verdict on the date (``allowed``, ``discretionary`` with a motivation draft, ``excluded``
  with the reason, the articles and the rules against, ``indeterminate`` with the facts to
  establish). Agents and supervisors of the dossier's prefecture only (``Action.DECIDE``).
* ``POST /dossiers/{id}/acts/{act}`` — performs the act through ``services.perform`` (the
  only writer): permission, optimistic lock on ``version``, the law at the decision date,
  the decision, the documents, the deadlines and the audit event (interface ``api``).

Errors (``application/problem+json``, with a ``code`` member), from the service's:

* unknown dossier → 404; ``ActionNotPermitted`` → 403 (as the other endpoints);
* ``DossierChangedMeanwhile`` → 409 ``version_conflict`` (``expected_version``,
  ``current_version``);
* ``TransitionRefused`` → 409: ``not_possible_in_state`` (``state``, ``allowed_acts``) when
  the state does not allow the act, else ``refused`` (the law or a service check: the
  reason in ``detail``, ``grounds``, and the ``rules`` against);
* ``MissingFacts`` → 422 ``missing_facts`` (``missing_facts``; ``errors`` names each
  ``facts.<name>``);
* ``MotivationRequired`` → 422 ``motivation_required`` (``errors`` names ``motivation``);
* ``InvalidInput`` → 422 ``invalid_input`` (``errors`` names the field); a body that does
  not match the schema → 422 as everywhere in the API.

The verdicts of ``GET …/acts`` read the same tables as the service (``lifecycle.LAW``,
``lifecycle.MOTIVATED``) and the same determination, as the back office's dossier page does:
a ``POST`` answers with the service's own verdict, which is the authority.
"""

from __future__ import annotations

import enum
from datetime import date
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status
from pydantic import Field, StrictBool, field_validator

from sejour_traite import law
from sejour_traite.api.dossiers import DocumentOut, DossierSummary, TokenAuth, _dossier, _summary
from sejour_traite.api.problems import ApiProblem
from sejour_traite.api.schemas import Problem
from sejour_traite.dossiers import acts, lifecycle, services
from sejour_traite.dossiers.errors import (
    ActionNotPermitted,
    DossierChangedMeanwhile,
    InvalidInput,
    MissingFacts,
    MotivationRequired,
    TransitionRefused,
)
from sejour_traite.dossiers.models import Dossier
from sejour_traite.dossiers.permissions import Action, can
from sejour_traite.law.dates import check_supported, parse_iso

router = Router(tags=["acts"], auth=TokenAuth())

#: The acts of the lifecycle (``lifecycle.ACTS``), as the path parameter's choices.
ActName = enum.StrEnum("ActName", {act: act for act in lifecycle.ACTS})  # type: ignore[misc]
Verdict = Literal["allowed", "discretionary", "excluded", "indeterminate"]
MOTIVATION_MISSING = "une motivation en droit et en fait est obligatoire (CRPA L211-2)"


# ---------------------------------------------------------------- schemas


class RuleAgainst(Schema):
    """A rule of the explanation that weighs against the person (condition not met, bar,
    discretionary ground)."""

    rule: str
    title: str
    text: str
    citations: list[str]


class DurationRange(Schema):
    """The card's duration the agent chooses (months, bounds included)."""

    min: int
    max: int


class ActVerdict(Schema):
    """An act the dossier's state allows, and what the law says of it on the date."""

    act: str = Field(description="The act, as in POST /dossiers/{id}/acts/{act}.")
    description: str
    to_state: str = Field(description="The dossier's state once the act is done.")
    verdict: Verdict = Field(
        description="allowed; discretionary (the prefect's appraisal: a motivation is "
        "required); excluded (the law forbids it: see reason, grounds, rules_against); "
        "indeterminate (facts to establish first: missing_facts, or an open question)."
    )
    law_object: str | None = Field(description="The object of the determination that decides.")
    status: str | None = Field(description="Its status (DE_PLEIN_DROIT, DISCRETIONNAIRE …).")
    motivation_required: bool
    motivation: str | None = Field(
        description="A motivation draft (articles, rules against), to complete with the facts."
    )
    reason: str | None = Field(description="Why the act is excluded or cannot be decided.")
    grounds: list[str]
    rules_against: list[RuleAgainst]
    missing_facts: list[str]
    duration_months: DurationRange | None = Field(
        description="When the agent chooses the card's duration (before 2021-05-01)."
    )


class ActsOut(Schema):
    """The acts of a dossier on a date."""

    dossier: DossierSummary
    on: date
    acts: list[ActVerdict]


def _decision_date(value: Any) -> Any:
    # Pydantic would read a number as a Unix timestamp: only YYYY-MM-DD is a date here.
    if not isinstance(value, str | date):
        msg = "expected a date YYYY-MM-DD"
        raise ValueError(msg)
    day = parse_iso(value) if isinstance(value, str) else check_supported(value)
    if day > timezone.localdate():
        msg = "la date de la décision ne peut pas être dans le futur"
        raise ValueError(msg)
    return day


class ActIn(Schema):
    """An act to perform."""

    version: int = Field(
        ge=1,
        le=2**31 - 1,
        description="The dossier's version read (GET /dossiers/{id}): optimistic locking, "
        "409 version_conflict when it changed meanwhile.",
    )
    on: date = Field(
        description="Decision date (YYYY-MM-DD, not in the future): the law "
        "in force on that date applies."
    )
    motivation: str = Field(
        default="",
        max_length=20000,
        description="Motivation in law and in fact: required for refusals, withdrawals, "
        "interruptions, closings and discretionary decisions (CRPA L211-2).",
    )
    online_anef: StrictBool = Field(
        default=False, description="Application filed online (ANEF): file_* acts."
    )
    duration_months: int | None = Field(
        default=None,
        ge=1,
        le=120,
        description="The card's duration, when the agent chooses it (see duration_months "
        "in GET …/acts).",
    )

    @field_validator("on", mode="before")
    @classmethod
    def _on(cls, value: Any) -> Any:
        return _decision_date(value)


class ActDateQuery(Schema):
    """The date of the verdicts."""

    on: date | None = Field(
        default=None,
        description="Date of the verdicts (YYYY-MM-DD, not in the future; today by default).",
    )

    @field_validator("on", mode="before")
    @classmethod
    def _on(cls, value: Any) -> Any:
        return None if value is None else _decision_date(value)


class DecisionOut(Schema):
    """The decision recorded."""

    id: int
    act: str
    from_state: str
    to_state: str
    eval_date: date
    outcome: str = Field(description="The law's status the act rested on ('' if none).")
    legal_version: str
    motivation: str


class ActDone(Schema):
    """The decision, and the dossier after it (its new version)."""

    decision: DecisionOut
    dossier: DossierSummary
    documents: list[DocumentOut]


class ActProblem(Problem):
    """A refused act (RFC 9457 problem document, with extension members)."""

    code: str | None = Field(
        default=None,
        description="version_conflict, not_possible_in_state, refused, missing_facts, "
        "motivation_required or invalid_input.",
    )
    grounds: list[str] | None = None
    rules: list[RuleAgainst] | None = None
    missing_facts: list[str] | None = None
    state: str | None = Field(default=None, description="The dossier's state now.")
    allowed_acts: list[str] | None = None
    current_version: int | None = None
    expected_version: int | None = None


ERRORS = {401: Problem, 403: Problem, 404: Problem, 429: Problem}


# ---------------------------------------------------------------- verdicts


def _duration(data: dict[str, Any], act: str) -> dict[str, int] | None:
    key = {"grant_cst": "cst", "renew_cst": "cst_renewal"}.get(act)
    duration = (data.get(key) or {}).get("duration_months") if key else None
    if isinstance(duration, dict) and {"min", "max"} <= duration.keys():
        return {"min": int(duration["min"]), "max": int(duration["max"])}
    return None


def _verdict(
    dossier: Dossier, act: str, determination: law.Determination, data: dict[str, Any]
) -> dict[str, Any]:
    """What ``services.perform`` would answer for ``act`` (``dossiers.acts.verdict``)."""
    found = acts.verdict(dossier, act, determination)
    explanation = data.get("explanation")
    motivated = found.motivation_required and found.law_object is not None
    return {
        "act": act,
        "description": _description(act),
        "to_state": lifecycle.next_state(dossier.state, act) or dossier.state,
        "verdict": found.verdict,
        "law_object": found.law_object,
        "status": found.status,
        "motivation_required": found.motivation_required,
        "motivation": acts.motivation_draft(explanation, found.law_object or "")
        if motivated
        else None,
        "reason": found.reason,
        "grounds": found.grounds,
        "rules_against": acts.rules_against(explanation, found.law_object),
        "missing_facts": found.missing_facts,
        "duration_months": _duration(data, act),
    }


def _description(act: str) -> str:
    doc = getattr(services, act).__doc__ or act
    return str(doc).split("\n", 1)[0].strip()


# ---------------------------------------------------------------- endpoints


@router.get(
    "/dossiers/{dossier_id}/acts",
    response={200: ActsOut, 422: Problem, **ERRORS},
    summary="The acts allowed now, with the law's verdict",
)
def list_acts(request: HttpRequest, dossier_id: int, query: Query[ActDateQuery]) -> Any:
    """The acts the dossier's state allows and, for each, what the law says on ``on``:
    allowed, discretionary (with a motivation draft), excluded (with the reason, the
    articles and the rules against) or indeterminate (with the facts to establish).

    For the agents and supervisors of the dossier's prefecture (who may decide)."""
    dossier = _dossier(request, dossier_id)
    if not can(request.user, Action.DECIDE, dossier):
        raise HttpError(
            403, f"Action « {Action.DECIDE} » non autorisée sur le dossier {dossier.number}."
        )
    on = query.on or timezone.localdate()
    determination = services.evaluate(dossier, on)
    data = determination.to_json(lang="fr")
    return {
        "dossier": _summary(dossier),
        "on": on,
        "acts": [
            _verdict(dossier, act, determination, data)
            for act in lifecycle.allowed_acts(dossier.state)
        ],
    }


@router.post(
    "/dossiers/{dossier_id}/acts/{act}",
    response={201: ActDone, 400: Problem, 409: ActProblem, 422: ActProblem, **ERRORS},
    summary="Perform an act",
)
def perform_act(request: HttpRequest, dossier_id: int, act: ActName, payload: ActIn) -> Any:
    """Perform an act of the lifecycle (``services.perform``): the law at the decision date
    decides; the decision, the documents issued and the new version are returned."""
    name = str(act)
    try:
        decision = services.perform(
            dossier_id,
            name,
            by=request.user,  # type: ignore[arg-type]
            on=payload.on,
            version=payload.version,
            motivation=payload.motivation,
            online_anef=payload.online_anef,
            duration_months=payload.duration_months,
            interface="api",
        )
    except Dossier.DoesNotExist:
        raise HttpError(404, f"no dossier {dossier_id}") from None
    except ActionNotPermitted as error:
        raise HttpError(403, str(error)) from None
    except DossierChangedMeanwhile as error:
        raise ApiProblem(
            409,
            str(error),
            code="version_conflict",
            expected_version=error.expected,
            current_version=error.found,
        ) from None
    except MotivationRequired as error:
        raise ApiProblem(
            422,
            str(error),
            [{"field": "motivation", "message": MOTIVATION_MISSING}],
            code="motivation_required",
            grounds=error.grounds,
        ) from None
    except MissingFacts as error:
        raise ApiProblem(
            422,
            str(error),
            [
                {"field": f"facts.{fact}", "message": "fait à établir"}
                for fact in error.missing_facts
            ],
            code="missing_facts",
            missing_facts=error.missing_facts,
        ) from None
    except TransitionRefused as error:
        raise _refused(dossier_id, error) from None
    except InvalidInput as error:
        raise ApiProblem(
            422,
            str(error),
            [{"field": error.field, "message": error.message}],
            code="invalid_input",
        ) from None
    dossier = decision.dossier
    return Status(
        201,
        {
            "decision": {
                "id": decision.pk,
                "act": decision.act,
                "from_state": decision.from_state,
                "to_state": decision.to_state,
                "eval_date": decision.eval_date,
                "outcome": decision.outcome,
                "legal_version": decision.legal_version,
                "motivation": decision.motivation,
            },
            "dossier": _summary(dossier),
            "documents": list(dossier.documents.order_by("valid_from", "id")),
        },
    )


def _refused(dossier_id: int, error: TransitionRefused) -> ApiProblem:
    """409: the state does not allow the act, or the law (or a service check) refuses it."""
    state = Dossier.objects.filter(pk=dossier_id).values_list("state", flat=True).first()
    allowed = lifecycle.allowed_acts(state) if state else []
    if error.act not in allowed:
        return ApiProblem(
            409, str(error), code="not_possible_in_state", state=state, allowed_acts=allowed
        )
    check = lifecycle.LAW.get(error.act)
    return ApiProblem(
        409,
        str(error),
        code="refused",
        grounds=error.grounds,
        rules=acts.rules_against(error.explanation, check.object if check else None),
    )
