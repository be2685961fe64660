"""URLs. The back office, public guide and API come with their issues; until then the
home page says what runs and how to use the engine from the command line."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import include, path

HOME = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>sejour-traite</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: sans-serif; max-width: 40rem; margin: 2rem auto; line-height: 1.5">
<h1>sejour-traite</h1>
<p>Le service fonctionne : base de données prête, dossiers fictifs et comptes de
démonstration créés (voir le terminal).</p>
<p>L'espace des agents, le guide public et l'API arrivent avec les prochaines étapes.
En attendant, le moteur du droit s'utilise en ligne de commande :
<code>.venv/bin/sejour-traite evaluate examples/sc14.yaml --format text</code>.</p>
</body></html>"""


def home(request: HttpRequest) -> HttpResponse:
    """What runs today (no personal data, no third-party resource)."""
    response = HttpResponse(HOME)
    response["Cache-Control"] = "no-store"
    return response


def health(request: HttpRequest) -> JsonResponse:
    """Liveness probe: the process answers (no database access)."""
    return JsonResponse({"status": "ok"})


urlpatterns = [
    path("", home, name="home"),
    path("health", health, name="health"),
    path("api/v1/", include("sejour_traite.api.urls")),
]
