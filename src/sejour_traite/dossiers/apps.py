from django.apps import AppConfig


class DossiersConfig(AppConfig):
    """The case files: the only package that writes case data."""

    name = "sejour_traite.dossiers"
    label = "dossiers"
    verbose_name = "Dossiers"
