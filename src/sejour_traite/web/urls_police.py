"""URLs of police and gendarmerie referrers (included by web/urls.py)."""

from django.urls import path

from sejour_traite.web import views_police

urlpatterns = [
    path("signalement/", views_police.referral, name="referral"),
    path("signalement/envoye/", views_police.referral_done, name="referral_done"),
    path("police/dossiers/", views_police.police_dossiers, name="police_dossiers"),
    path(
        "police/dossiers/<int:pk>/stade/",
        views_police.report_stage,
        name="police_report_stage",
    ),
]
