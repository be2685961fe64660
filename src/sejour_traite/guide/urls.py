"""URLs of the public guide, mounted at ``/guide/``; the language is always in the path."""

from django.urls import path, register_converter

from sejour_traite.guide import i18n, views


class LanguageConverter:
    """A language the guide ships (``fr``, ``en``, ``ar``, ``ro``…); anything else is a 404."""

    regex = "[a-z]{2,3}(?:-[a-z]{2,4})?"

    def to_python(self, value: str) -> str:
        if value not in i18n.codes():
            raise ValueError(value)
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(LanguageConverter, "guide_lang")

app_name = "guide"
urlpatterns = [
    path("", views.root, name="root"),
    path("<guide_lang:lang>/", views.home, name="home"),
    path("<guide_lang:lang>/demarche/", views.procedure, name="procedure"),
    path("<guide_lang:lang>/suis-je-concernee/", views.selfcheck_start, name="selfcheck"),
    path(
        "<guide_lang:lang>/suis-je-concernee/questions/",
        views.selfcheck_question,
        name="question",
    ),
    path("<guide_lang:lang>/suis-je-concernee/resultat/", views.selfcheck_result, name="result"),
    path("<guide_lang:lang>/lexique/", views.glossary, name="glossary"),
    path("<guide_lang:lang>/algorithme/", views.algorithm, name="algorithm"),
]
