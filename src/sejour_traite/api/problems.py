"""Errors as ``application/problem+json`` (RFC 9457), each naming the faulty field."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse

PROBLEM = "application/problem+json"
TITLES = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
    422: "Invalid input",
    429: "Too Many Requests",
}


def problem(
    status: int,
    title: str,
    detail: str = "",
    errors: list[dict[str, str]] | None = None,
    kind: str = "about:blank",
    **extensions: Any,
) -> HttpResponse:
    """A problem document: ``type``, ``title``, ``status``, ``detail``, field ``errors``, and
    extension members (``code``, ``grounds`` …) when given."""
    body: dict[str, Any] = {"type": kind, "title": title, "status": status}
    if detail:
        body["detail"] = detail
    if errors is not None:
        body["errors"] = errors
    body.update(extensions)
    return JsonResponse(
        body, status=status, content_type=PROBLEM, json_dumps_params={"ensure_ascii": False}
    )


class ApiProblem(Exception):
    """Raised by an endpoint to answer with a problem document (``build_api`` renders it)."""

    def __init__(
        self,
        status: int,
        detail: str,
        errors: list[dict[str, str]] | None = None,
        **extensions: Any,
    ) -> None:
        self.status, self.detail, self.errors, self.extensions = status, detail, errors, extensions
        super().__init__(detail)

    def response(self) -> HttpResponse:
        """The problem document."""
        title = TITLES.get(self.status, "Error")
        return problem(self.status, title, self.detail, self.errors, **self.extensions)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404 as a problem document."""
    return problem(404, "Not Found", str(exception) if exception else "")
