from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Users, their roles and their prefecture."""

    name = "sejour_traite.accounts"
    label = "accounts"
    verbose_name = "Comptes"
