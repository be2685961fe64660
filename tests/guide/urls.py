"""The project's URLs with the public guide at /guide/ (until the lead mounts it for real)."""

from django.urls import include, path

from sejour_traite import urls as project_urls

_mounted = any(str(p.pattern) == "guide/" for p in project_urls.urlpatterns)
urlpatterns = [
    *([] if _mounted else [path("guide/", include("sejour_traite.guide.urls"))]),
    *project_urls.urlpatterns,
]
