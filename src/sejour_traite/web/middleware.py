"""Middleware of the application's pages.

* ``SecurityHeadersMiddleware``: every response of the back office, the rule pages and the
  API gets a Content-Security-Policy that allows nothing but our own origin — no
  third-party script, style, font, image or connection can be loaded, even if a template or
  a library asked for one. Inline scripts are refused; inline ``style`` attributes are
  allowed (a few DSFR components and the TOTP QR code use them). A view that sets its own,
  stricter policy (the public guide) keeps it.
* ``BackOfficeLanguageMiddleware``: the language of back-office pages (``web`` URLs) — the
  user's choice, French by default. The public guide chooses its language from its URL
  (``guide/views.py``) and the API speaks French: this middleware leaves them alone, and
  resets the language after each back-office response so that nothing leaks into the next
  request served by the same thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from sejour_traite.web import i18n

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    )
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


class SecurityHeadersMiddleware:
    """Adds ``HEADERS`` to each response that does not set them itself."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        for name, value in HEADERS.items():
            if name not in response:
                response[name] = value
        return response


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
