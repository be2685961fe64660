"""URLs of the dossier pages (included by web/urls.py, namespace ``web``)."""

from django.urls import path

from sejour_traite.web import views_dossiers as views

urlpatterns = [
    path("dossiers/recherche/", views.dossier_search, name="dossier_search"),
    path("dossiers/<int:pk>/", views.dossier_page, name="dossier"),
    path("dossiers/<int:pk>/actes/<slug:act>/", views.dossier_act, name="dossier_act"),
    path("dossiers/<int:pk>/faits/", views.dossier_fact_post, name="dossier_fact_post"),
    path("dossiers/<int:pk>/faits/<slug:name>/", views.dossier_fact, name="dossier_fact"),
    path("dossiers/<int:pk>/notes/", views.dossier_annotate, name="dossier_annotate"),
    path(
        "dossiers/<int:pk>/pdf/recepisse/",
        views.dossier_pdf_recepisse,
        name="dossier_pdf_recepisse",
    ),
    path(
        "dossiers/<int:pk>/pdf/attestation/",
        views.dossier_pdf_attestation,
        name="dossier_pdf_attestation",
    ),
    path(
        "dossiers/<int:pk>/pdf/decisions/<int:decision_pk>/",
        views.dossier_pdf_decision,
        name="dossier_pdf_decision",
    ),
]
