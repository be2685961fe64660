"""URLs of the statistics (supervisors; included by web/urls.py)."""

from django.urls import path

from sejour_traite.web import views_stats

urlpatterns = [
    path("statistiques/", views_stats.statistics, name="statistics"),
    path("statistiques/export.csv", views_stats.export_csv, name="stats_export_csv"),
    path("statistiques/export.xlsx", views_stats.export_xlsx, name="stats_export_xlsx"),
]
