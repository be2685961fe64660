"""The public part of the API: the law for programs (no sign-in, rate-limited).

POST /evaluate, POST /questions, GET /rules, GET /rules/{id}, GET /parameters. The
determination is the JSON of scenario-format.md, exactly as the CLI prints it.
"""

from __future__ import annotations

from typing import Any

import orjson
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Router
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.renderers import BaseRenderer
from ninja.responses import NinjaJSONEncoder
from ninja.throttling import AnonRateThrottle

from sejour_traite.api.problems import PROBLEM, TITLES, ApiProblem, problem
from sejour_traite.api.schemas import (
    EvaluateIn,
    ParameterOut,
    Problem,
    QuestionOut,
    RuleOut,
    RuleSummary,
    SituationIn,
)
from sejour_traite.law import parameters, registry
from sejour_traite.law.errors import FactsError, ReadingError
from sejour_traite.law.evaluation import evaluate
from sejour_traite.law.facts import validate
from sejour_traite.law.questions import next_questions

router = Router(tags=["law"])
ERRORS = {400: Problem, 422: Problem, 429: Problem}


class InputProblem(Exception):
    """Invalid input, reported field by field."""

    def __init__(self, errors: list[dict[str, str]]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{e['field']}: {e['message']}" for e in errors))


def _situation(payload: SituationIn) -> tuple[dict[str, Any], dict[str, str] | None]:
    try:
        facts = validate(payload.facts)
    except FactsError as error:
        raise InputProblem(
            [{"field": f"facts.{loc}", "message": msg} for loc, msg in error.problems]
        ) from None
    return facts, payload.readings


def _evaluate(payload: SituationIn) -> Any:
    facts, readings = _situation(payload)
    try:
        return evaluate(facts, payload.eval_date, readings)
    except ReadingError as error:
        raise InputProblem([{"field": "readings", "message": str(error)}]) from None


@router.post("/evaluate", response={200: dict[str, Any], **ERRORS}, summary="Evaluate a situation")
def evaluate_situation(request: HttpRequest, payload: EvaluateIn) -> Any:
    """The determination of the situation (scenario-format.md), explained in ``lang``."""
    data = _evaluate(payload).to_json(lang=payload.lang, explain=payload.explain)
    # Written straight away: the document is JSON already (dates as ISO strings), and a
    # generic dict[str, Any] pass over its explanation tree would cost a quarter of the call.
    return HttpResponse(orjson.dumps(data), content_type="application/json")


@router.post("/questions", response={200: list[QuestionOut], **ERRORS}, summary="Next questions")
def questions(request: HttpRequest, payload: SituationIn) -> Any:
    """The missing facts to ask about, the most useful first."""
    determination = _evaluate(payload)
    facts, readings = _situation(payload)
    found = next_questions(facts, payload.eval_date, payload.lang, readings, determination)
    return [question.to_json() for question in found]


def _citations(items: Any) -> list[dict[str, Any]]:
    return [citation.to_json() for citation in items]


def _rule_summary(rule: registry.Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "title": rule.title["fr"],
        "group": rule.group,
        "confidence": rule.confidence,
        "citations": _citations(rule.citations),
    }


@router.get("/rules", response={200: list[RuleSummary], 429: Problem}, summary="List the rules")
def rules(request: HttpRequest) -> Any:
    """Every rule of legal-spec §3 with its citations."""
    return [_rule_summary(rule) for rule in registry.all_rules().values()]


@router.get(
    "/rules/{rule_id}", response={200: RuleOut, 404: Problem, 429: Problem}, summary="One rule"
)
def rule(request: HttpRequest, rule_id: str, lang: str = "fr") -> Any:
    """One rule: citations, sentences (``lang`` fr or en), open questions."""
    found = registry.all_rules().get(rule_id)
    if found is None:
        raise HttpError(404, f"unknown rule {rule_id!r}; see GET /rules")
    language = lang if lang in ("fr", "en") else "fr"
    return {
        **_rule_summary(found),
        "title": found.title.get(language, found.title["fr"]),
        "met": found.text(True, language),
        "not_met": found.text(False, language),
        "open_questions": list(found.open_questions),
        "discretion": found.discretion,
    }


@router.get(
    "/parameters", response={200: list[ParameterOut], 429: Problem}, summary="List the parameters"
)
def parameter_list(request: HttpRequest) -> Any:
    """Every legal parameter of legal-spec §4 with its dated values and citations."""
    return [
        {
            "name": p.name,
            "description": p.description.get("fr", ""),
            "unit": p.unit,
            "values": [
                {
                    "valid_from": v.start,
                    "valid_to": v.end,
                    "value": v.value,
                    "confidence": v.confidence,
                    "citations": _citations(v.citations),
                }
                for v in p.values
            ],
        }
        for p in parameters.all_parameters().values()
    ]


def _field(location: Any) -> str:
    parts = [str(part) for part in location]
    while parts and parts[0] in ("body", "payload", "query", "path"):
        parts.pop(0)
    return ".".join(parts) or "body"


class ORJSONRenderer(BaseRenderer):
    """JSON responses written by orjson: a determination with its explanation tree is some
    50 KB of JSON, which the standard library's encoder takes a third of a request to write.
    Types orjson does not know go through django-ninja's own encoder."""

    media_type = "application/json"

    def render(self, request: HttpRequest, data: Any, *, response_status: int) -> bytes:
        return orjson.dumps(data, default=_FALLBACK.default)


_FALLBACK = NinjaJSONEncoder()


class ProblemAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI document declares errors as ``application/problem+json``."""

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content")
                    if str(status) >= "400" and content and "application/json" in content:
                        content[PROBLEM] = content.pop("application/json")
        return schema


def build_api() -> NinjaAPI:
    """The /api/v1/ application with its problem+json error handlers."""
    throttle = AnonRateThrottle(settings.API_RATE)
    api = ProblemAPI(
        title="sejour-traite API",
        version="1",
        description="The law of residence for victims of trafficking or pimping who cooperate "
        "with the authorities (CESEDA L425-1 ff.), as a service: determinations explained and "
        "cited, next questions, rules and parameters.",
        urls_namespace="api",
        throttle=[throttle],
        renderer=ORJSONRenderer(),
    )
    api.public_throttle = throttle  # type: ignore[attr-defined]  # the tests tune it
    api.add_router("/", router)
    from sejour_traite.api.acts import router as acts_router
    from sejour_traite.api.dossiers import router as dossiers_router

    api.add_router("/", dossiers_router)
    api.add_router("/", acts_router)

    @api.exception_handler(InputProblem)
    def input_problem(request: HttpRequest, exc: InputProblem) -> Any:
        return problem(422, "Invalid input", str(exc), exc.errors)

    @api.exception_handler(NinjaValidationError)
    def validation_problem(request: HttpRequest, exc: NinjaValidationError) -> Any:
        errors = [
            {"field": _field(error.get("loc", ())), "message": str(error.get("msg", "invalid"))}
            for error in exc.errors
        ]
        return problem(422, "Invalid input", "the request does not match the schema", errors)

    @api.exception_handler(HttpError)
    def http_problem(request: HttpRequest, exc: HttpError) -> Any:
        return problem(exc.status_code, TITLES.get(exc.status_code, "Error"), str(exc))

    @api.exception_handler(ApiProblem)
    def api_problem(request: HttpRequest, exc: ApiProblem) -> Any:
        return exc.response()

    return api
