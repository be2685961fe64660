"""/api/v1/: the public API (``public``), the authenticated dossier endpoints (``dossiers``)
and the acts of the lifecycle (``acts``)."""

from django.urls import path

from sejour_traite.api.public import build_api

api = build_api()
urlpatterns = [path("", api.urls)]
