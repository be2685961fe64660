"""URLs of the back office (French paths: they are shown to the agents)."""

from django.urls import include, path

from sejour_traite.web import views

app_name = "web"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("connexion/", views.SignInView.as_view(), name="login"),
    path("connexion/second-facteur/", views.second_factor, name="second_factor"),
    path(
        "connexion/second-facteur/activer/", views.enrol_second_factor, name="enrol_second_factor"
    ),
    path("deconnexion/", views.sign_out, name="logout"),
    path("langue/", views.set_language, name="set_language"),
    path("", include("sejour_traite.web.urls_dossiers")),
    path("", include("sejour_traite.web.urls_police")),
    path("", include("sejour_traite.web.urls_rules")),
    path("", include("sejour_traite.web.urls_stats")),
]
