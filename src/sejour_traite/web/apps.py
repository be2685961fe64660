from django.apps import AppConfig


class WebConfig(AppConfig):
    """The agents' back office (DSFR, server-rendered, usable without JavaScript)."""

    name = "sejour_traite.web"
    label = "web"
    verbose_name = "Espace des agents"
