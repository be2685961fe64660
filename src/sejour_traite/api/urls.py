"""/api/v1/: the public API (the authenticated dossier endpoints come with the back office)."""

from django.urls import path

from sejour_traite.api.public import build_api

api = build_api()
urlpatterns = [path("", api.urls)]
