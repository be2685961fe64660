"""The guide installed and mounted for its tests, whatever the project settings say yet."""

from __future__ import annotations

import pytest

GUIDE_APP = "sejour_traite.guide"
GUIDE_URLS = "tests.guide.urls"


def install_guide(settings) -> None:
    """Put the guide in INSTALLED_APPS (templates, static files, translations) and mount it."""
    if GUIDE_APP not in settings.INSTALLED_APPS:
        settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, GUIDE_APP]
    settings.ROOT_URLCONF = GUIDE_URLS


@pytest.fixture(autouse=True)
def guide_installed(settings) -> None:
    install_guide(settings)
