"""Access to the back office: signed in, second factor for prefecture staff, role checks."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from sejour_traite.accounts.models import Role

#: Roles that must confirm a second factor (TOTP) before reaching any page.
SECOND_FACTOR_ROLES = frozenset({Role.AGENT, Role.SUPERVISOR})


def needs_second_factor(request: HttpRequest) -> bool:
    """Whether the signed-in user still has to confirm the second factor."""
    user = request.user
    return getattr(user, "role", None) in SECOND_FACTOR_ROLES and not user.is_verified()  # type: ignore[union-attr]


def staff_page(*roles: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """A page for signed-in users of ``roles`` (all roles when none is given)."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if needs_second_factor(request):
                return redirect("web:second_factor")
            if roles and request.user.role not in roles:  # type: ignore[union-attr]
                return forbidden(request)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def forbidden(request: HttpRequest, message: str = "") -> HttpResponse:
    """The 403 page (no detail on what exists)."""
    return render(request, "web/403.html", {"message": message}, status=403)
