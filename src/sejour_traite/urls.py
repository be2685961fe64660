"""URLs: the back office at /, the public API at /api/v1/."""

from django.http import HttpRequest, JsonResponse
from django.urls import include, path


def health(request: HttpRequest) -> JsonResponse:
    """Liveness probe: the process answers (no database access)."""
    return JsonResponse({"status": "ok"})


urlpatterns = [
    path("health", health, name="health"),
    path("api/v1/", include("sejour_traite.api.urls")),
    path("guide/", include("sejour_traite.guide.urls")),
    path("", include("sejour_traite.web.urls")),
]
