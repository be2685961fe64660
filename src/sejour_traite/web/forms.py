"""Forms of the back office (DSFR)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm, UsernameField
from dsfr.forms import DsfrBaseForm


class SignInForm(AuthenticationForm, DsfrBaseForm):
    """Username and password."""

    username = UsernameField(label="Identifiant", widget=forms.TextInput(attrs={"autofocus": True}))
    password = forms.CharField(
        label="Mot de passe",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
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
