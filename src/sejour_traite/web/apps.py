from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    """The agents' back office (DSFR, server-rendered, usable without JavaScript)."""

    name = "sejour_traite.web"
    label = "web"
    verbose_name = _("Espace des agents")
