"""URLs of the rule documentation (public; included by web/urls.py)."""

from django.urls import path

from sejour_traite.web import views_rules

urlpatterns = [
    path("regles/", views_rules.rules_index, name="rules"),
    path("regles/parametres/<str:name>/", views_rules.parameter, name="parameter"),
    path("regles/decisions/<str:key>/", views_rules.outcome, name="outcome"),
    path("regles/questions-ouvertes/", views_rules.open_questions, name="open_questions"),
    path("regles/<str:rule_id>/", views_rules.rule, name="rule"),
]
