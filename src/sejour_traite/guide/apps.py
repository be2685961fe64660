from django.apps import AppConfig


class GuideConfig(AppConfig):
    """The public guide for victims and the associations beside them (no sign-in)."""

    name = "sejour_traite.guide"
    label = "guide"
    verbose_name = "Guide public"
