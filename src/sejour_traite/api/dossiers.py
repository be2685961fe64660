"""The authenticated part of the API: dossiers, deadlines, police referrals and stages.

Bearer tokens (``manage.py create_api_token``) scoped to a user and prefecture; every call is
checked with the back office's permission functions and audited (interface ``api``). The acts
of the lifecycle (``GET``/``POST /dossiers/{id}/acts…``) are in ``acts.py``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status
from ninja.security import HttpBearer
from pydantic import Field

from sejour_traite.accounts import tokens
from sejour_traite.accounts.models import Prefecture
from sejour_traite.api.schemas import Problem
from sejour_traite.dossiers import audit, queries, services
from sejour_traite.dossiers.errors import ActionNotPermitted, DossierChangedMeanwhile, InvalidInput
from sejour_traite.dossiers.models import Dossier
from sejour_traite.dossiers.permissions import Action, can


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <token>``."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = tokens.authenticate(token)
        if user is not None:
            request.user = user
        return user


router = Router(tags=["dossiers"], auth=TokenAuth())
ERRORS = {401: Problem, 403: Problem, 404: Problem, 422: Problem, 429: Problem}


class DossierSummary(Schema):
    """A dossier as a list shows it (no identity)."""

    id: int
    number: str
    prefecture: str
    state: str
    version: int


class DeadlineOut(Schema):
    """A deadline of a dossier."""

    kind: str
    due_on: date


class DocumentOut(Schema):
    """A document issued."""

    kind: str
    number: str
    valid_from: date
    valid_until: date
    withdrawn_on: date | None


class IdentityOut(Schema):
    """Identity (decrypted), for the roles allowed to see it."""

    first_names: str
    last_name: str
    date_of_birth: date | None
    nationality: str | None


class DossierOut(DossierSummary):
    """A dossier: documents, deadlines and what the law says today (statuses only)."""

    identity: IdentityOut | None
    documents: list[DocumentOut]
    deadlines: list[DeadlineOut]
    statuses: dict[str, str]


class ReferralIn(Schema):
    """A police referral (the person's identity, the procedure's reference only)."""

    prefecture: str = Field(description="Department code of the prefecture, e.g. 75.")
    first_names: str = Field(min_length=1)
    last_name: str = Field(min_length=1)
    date_of_birth: date | None = None
    nationality: str | None = Field(default=None, pattern=r"^([A-Z]{2}|STATELESS)$")
    procedure_reference: str = Field(min_length=1, max_length=80)
    police_hearing_date: date
    information_given_date: date | None = None
    reflection_requested: bool | None = None
    photo_provided: bool | None = None


class ReferralOut(Schema):
    """The dossier the referral opened."""

    id: int
    number: str


class StageIn(Schema):
    """A stage of the criminal procedure (legal-spec §5 criminal_procedure_status)."""

    stage: str
    procedure_reference: str = Field(min_length=1, max_length=80)
    on: date


def _summary(dossier: Dossier) -> dict[str, Any]:
    return {
        "id": dossier.pk,
        "number": dossier.number,
        "prefecture": dossier.prefecture.code,
        "state": dossier.state,
        "version": dossier.version,
    }


def _dossier(request: HttpRequest, dossier_id: int) -> Dossier:
    try:
        return services.view(dossier_id, by=request.user, interface="api")  # type: ignore[arg-type]
    except Dossier.DoesNotExist:
        raise HttpError(404, f"no dossier {dossier_id}") from None
    except ActionNotPermitted as error:
        raise HttpError(403, str(error)) from None


@router.get(
    "/dossiers",
    response={200: list[DossierSummary], **ERRORS},
    summary="Dossiers visible to the token",
)
def list_dossiers(request: HttpRequest, limit: int = 50, offset: int = 0) -> Any:
    """The dossiers the token's user may see (own prefecture, or shared with an association)."""
    limit = max(1, min(limit, 200))
    visible = queries.visible_dossiers(request.user).select_related("prefecture").order_by("number")
    page = list(visible[max(offset, 0) : max(offset, 0) + limit])
    audit.record(request.user, "list", None, "api", {"count": len(page)})
    return [_summary(d) for d in page]


@router.get("/dossiers/{dossier_id}", response={200: DossierOut, **ERRORS}, summary="One dossier")
def get_dossier(request: HttpRequest, dossier_id: int) -> Any:
    """A dossier: state, documents, deadlines, and the statuses the law gives today."""
    dossier = _dossier(request, dossier_id)
    data = services.evaluate(dossier, timezone.localdate()).to_json(explain=False)
    identity = None
    if can(request.user, Action.VIEW_IDENTITY, dossier):  # type: ignore[arg-type]
        person = dossier.person
        identity = {
            "first_names": person.first_names,
            "last_name": person.last_name,
            "date_of_birth": person.birth_date,
            "nationality": person.nationality,
        }
    statuses = {
        key: value["status"]
        for key, value in data.items()
        if isinstance(value, dict) and isinstance(value.get("status"), str)
    }
    return {
        **_summary(dossier),
        "identity": identity,
        "documents": list(dossier.documents.all()),
        "deadlines": list(dossier.deadlines.all()),
        "statuses": statuses,
    }


@router.get(
    "/dossiers/{dossier_id}/deadlines",
    response={200: list[DeadlineOut], **ERRORS},
    summary="Deadlines",
)
def dossier_deadlines(request: HttpRequest, dossier_id: int) -> Any:
    """The deadlines stored for the dossier, soonest first."""
    return list(_dossier(request, dossier_id).deadlines.order_by("due_on"))


@router.post("/referrals", response={201: ReferralOut, **ERRORS}, summary="Police referral")
def create_referral(request: HttpRequest, payload: ReferralIn) -> Any:
    """A police or gendarmerie referral: opens a dossier in the chosen prefecture."""
    prefecture = Prefecture.objects.filter(code=payload.prefecture).first()
    if prefecture is None:
        raise HttpError(422, f"prefecture: unknown department code {payload.prefecture!r}")
    try:
        dossier = services.open_referral(
            by=request.user,  # type: ignore[arg-type]
            prefecture=prefecture,
            person=services.PersonInput(
                payload.first_names, payload.last_name, payload.date_of_birth, payload.nationality
            ),
            police_unit="",
            procedure_reference=payload.procedure_reference,
            on=timezone.localdate(),
            police_hearing_date=payload.police_hearing_date,
            information_given_date=payload.information_given_date,
            reflection_requested=payload.reflection_requested,
            photo_provided=payload.photo_provided,
            interface="api",
        )
    except ActionNotPermitted as error:
        raise HttpError(403, str(error)) from None
    except InvalidInput as error:
        raise HttpError(422, f"{error.field}: {error.message}") from None
    return Status(201, {"id": dossier.pk, "number": dossier.number})


@router.post(
    "/dossiers/{dossier_id}/procedure-stage",
    response={200: DossierSummary, 409: Problem, **ERRORS},
    summary="Report the procedure's stage",
)
def report_stage(request: HttpRequest, dossier_id: int, payload: StageIn) -> Any:
    """Police or justice report where the criminal procedure stands."""
    if not Dossier.objects.filter(pk=dossier_id).exists():
        raise HttpError(404, f"no dossier {dossier_id}")
    try:
        dossier = services.report_procedure_stage(
            dossier_id,
            by=request.user,  # type: ignore[arg-type]
            stage=payload.stage,
            procedure_reference=payload.procedure_reference,
            on=payload.on,
            interface="api",
        )
    except ActionNotPermitted as error:
        raise HttpError(403, str(error)) from None
    except InvalidInput as error:
        raise HttpError(422, f"{error.field}: {error.message}") from None
    except DossierChangedMeanwhile as error:
        raise HttpError(409, str(error)) from None
    return _summary(dossier)
