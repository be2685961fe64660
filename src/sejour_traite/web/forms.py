"""Forms of the back office (DSFR)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm, UsernameField
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm


class SignInForm(AuthenticationForm, DsfrBaseForm):
    """Username and password."""

    username = UsernameField(
        label=_("Identifiant"), widget=forms.TextInput(attrs={"autofocus": True})
    )
    password = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _("Identifiant ou mot de passe incorrect."),
        "inactive": _("Ce compte est désactivé."),
    }


class TokenForm(DsfrBaseForm):
    """The six-digit code of the authenticator application."""

    token = forms.RegexField(
        label=_("Code à six chiffres"),
        regex=r"^\d{6}$",
        help_text=_("Le code affiché par votre application d'authentification."),
        error_messages={"invalid": _("Saisissez les six chiffres du code.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
