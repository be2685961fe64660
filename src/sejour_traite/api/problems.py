"""Errors as ``application/problem+json`` (RFC 9457), each naming the faulty field."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse

PROBLEM = "application/problem+json"


def problem(
    status: int,
    title: str,
    detail: str = "",
    errors: list[dict[str, str]] | None = None,
    kind: str = "about:blank",
) -> HttpResponse:
    """A problem document: ``type``, ``title``, ``status``, ``detail`` and field ``errors``."""
    body: dict[str, Any] = {"type": kind, "title": title, "status": status}
    if detail:
        body["detail"] = detail
    if errors is not None:
        body["errors"] = errors
    return JsonResponse(
        body, status=status, content_type=PROBLEM, json_dumps_params={"ensure_ascii": False}
    )


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404 as a problem document."""
    return problem(404, "Not Found", str(exception) if exception else "")
