"""URLs: the interfaces (back office, public guide, API) come with their issues."""

from django.http import HttpRequest, JsonResponse
from django.urls import path


def health(request: HttpRequest) -> JsonResponse:
    """Liveness probe: the process answers (no database access)."""
    return JsonResponse({"status": "ok"})


urlpatterns = [path("health", health, name="health")]
