"""Views of the back office: thin — parse the input, call the services, show the result."""

from __future__ import annotations

import base64
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.contrib.auth import logout
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from sejour_traite.accounts.models import Role
from sejour_traite.dossiers import queries
from sejour_traite.dossiers.models import State
from sejour_traite.web import i18n, labels, views_dossiers
from sejour_traite.web.access import SECOND_FACTOR_ROLES, staff_page
from sejour_traite.web.forms import SignInForm, TokenForm
from sejour_traite.web.forms_dossiers import SearchForm


class SignInView(LoginView):
    """Sign-in with a username and a password (then the second factor for prefecture staff)."""

    template_name = "web/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True
    extra_context = {"language_selector": True}  # the page has a CSRF token already

    def get_success_url(self) -> str:
        if getattr(self.request.user, "role", None) in SECOND_FACTOR_ROLES:
            return "/connexion/second-facteur/"
        return super().get_success_url()


def second_factor(request: HttpRequest) -> HttpResponse:
    """Confirm the one-time code of the authenticator application (TOTP)."""
    if not request.user.is_authenticated:
        return redirect("web:login")
    devices = TOTPDevice.objects.filter(user=request.user, confirmed=True)
    if not devices.exists():
        return redirect("web:enrol_second_factor")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for device in devices:
            if device.verify_token(form.cleaned_data["token"]):
                otp_login(request, device)
                return redirect("web:dashboard")
        form.add_error(
            "token", gettext("Code incorrect ou expiré : saisissez le code affiché maintenant.")
        )
    return render(request, "web/second_factor.html", {"form": form})


def enrol_second_factor(request: HttpRequest) -> HttpResponse:
    """First sign-in of prefecture staff: add the account to an authenticator application."""
    if not request.user.is_authenticated:
        return redirect("web:login")
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect("web:second_factor")
    device, _ = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": "application"}
    )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect("web:dashboard")
        form.add_error(
            "token", gettext("Code incorrect : vérifiez l'heure du téléphone et réessayez.")
        )
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = BytesIO()
    image.save(buffer)
    secret = base64.b32encode(device.bin_key).decode("ascii")
    return render(
        request,
        "web/enrol_second_factor.html",
        {"form": form, "qr_svg": buffer.getvalue().decode("utf-8"), "secret": secret},
    )


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    """Sign out (POST only, protected against CSRF)."""
    logout(request)
    return redirect("web:login")


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Keep the language chosen in the header for the session, then go back to the page.

    A plain form (POST, protected against CSRF): no JavaScript needed. French when the
    language asked for does not ship.
    """
    code = request.POST.get("language", "")
    request.session[i18n.SESSION_KEY] = code if code in i18n.codes() else i18n.REFERENCE
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    return redirect(target)


@staff_page()
def dashboard(request: HttpRequest) -> HttpResponse:
    """What falls due, the files by state, and the search."""
    user = request.user
    context: dict[str, object] = {"today": timezone.localdate()}
    if user.role in (Role.AGENT, Role.SUPERVISOR):  # type: ignore[union-attr]
        counts = queries.counts_by_state(user.prefecture_id)  # type: ignore[union-attr]
        context["states"] = [(labels.label(State, state), counts[state]) for state in State]
        context.update(views_dossiers.upcoming_deadlines(user))
        context["deadlines_days"] = views_dossiers.DEADLINES_DAYS
        context["search_form"] = SearchForm()
    return render(request, "web/dashboard.html", context)
