"""Forms of the back office (DSFR)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from dsfr.forms import DsfrBaseForm


class SignInForm(AuthenticationForm, DsfrBaseForm):
    """Username and password."""

    error_messages = {
        "invalid_login": "Identifiant ou mot de passe incorrect.",
        "inactive": "Ce compte est désactivé.",
    }


class TokenForm(DsfrBaseForm):
    """The six-digit code of the authenticator application."""

    token = forms.RegexField(
        label="Code à six chiffres",
        regex=r"^\d{6}$",
        help_text="Le code affiché par votre application d'authentification.",
        error_messages={"invalid": "Saisissez les six chiffres du code."},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
