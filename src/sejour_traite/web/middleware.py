"""The language of back-office pages (``web`` URLs): the user's choice, French by default.

The public guide chooses its language from its URL (``guide/views.py``) and the API speaks
French: this middleware leaves them alone, and resets the language after each back-office
response so that nothing leaks into the next request served by the same thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from sejour_traite.web import i18n

_ACTIVATED = "_back_office_language"


class BackOfficeLanguageMiddleware:
    """Activate the chosen language for views of the ``web`` namespace."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        language = getattr(request, _ACTIVATED, None)
        if language is not None:
            response.headers.setdefault("Content-Language", language)
            patch_vary_headers(response, ("Cookie",))
            translation.deactivate()
        return response

    def process_view(
        self,
        request: HttpRequest,
        view: Callable[..., Any],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> None:
        match = request.resolver_match
        if match is None or "web" not in match.namespaces:
            return
        language = i18n.chosen(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        setattr(request, _ACTIVATED, language)
