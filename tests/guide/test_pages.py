"""The guide's pages: every language, safe headers, no cookie, the reference version, links."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from sejour_traite.guide import content, i18n
from sejour_traite.law import readings, registry
from tests.guide.helpers import PAGES

LANGUAGES = [lang.code for lang in i18n.languages()]
EXTERNAL_RESOURCE = re.compile(
    r'<(?:script|link|img|iframe|source)\b[^>]*(?:src|href)="(https?:)?//', re.I
)


def page_url(name: str, lang: str) -> str:
    return reverse(f"guide:{name}", kwargs={"lang": lang})


def test_the_guide_ships_french_english_arabic_and_romanian():
    assert LANGUAGES[0] == "fr"
    assert set(LANGUAGES) >= {"fr", "en", "ar", "ro"}
    assert i18n.language("ar").direction == "rtl"
    assert i18n.language("ro").direction == "ltr"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_every_page_in_every_language_is_safe_and_says_which_text_is_the_reference(
    client, name, lang
):
    response = client.get(page_url(name, lang))

    assert response.status_code == 200
    body = response.content.decode()
    direction = "rtl" if lang == "ar" else "ltr"
    assert f'<html lang="{lang}" dir="{direction}"' in body
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "no-referrer"
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["Content-Language"] == lang
    assert not response.cookies
    assert "Set-Cookie" not in response
    assert 'data-testid="reference-version"' in body
    assert f'href="{content.QUICK_EXIT_URL}"' in body and "data-quick-exit" in body
    assert not EXTERNAL_RESOURCE.search(body), "a resource from another host"
    assert "<script>" not in body, "inline script (the CSP forbids it)"
    assert " style=" not in body, "inline style (the CSP forbids it)"


def test_the_client_has_no_cookie_after_the_whole_guide(client):
    for lang in LANGUAGES:
        for name in PAGES:
            client.get(page_url(name, lang))
    client.get("/guide/")

    assert not client.cookies


def test_the_french_page_is_the_reference_and_translations_link_to_it(client):
    french = client.get(page_url("procedure", "fr")).content.decode()
    english = client.get(page_url("procedure", "en")).content.decode()

    assert "le texte français fait foi" in french
    assert f'href="{page_url("procedure", "fr")}" lang="fr" hreflang="fr"' in english


def test_the_language_is_in_the_path_and_a_language_not_shipped_is_not_found(client):
    assert client.get("/guide/xx/").status_code == 404
    assert client.get("/guide/de/demarche/").status_code == 404


@pytest.mark.parametrize(
    ("accept", "lang"), [("ar,en;q=0.8", "ar"), ("de-DE,ro;q=0.5", "ro"), ("", "fr")]
)
def test_the_entry_point_follows_the_browser_language_without_a_cookie(client, accept, lang):
    response = client.get("/guide/", HTTP_ACCEPT_LANGUAGE=accept)

    assert response.status_code == 302
    assert response["Location"] == page_url("home", lang)
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies


def test_the_guide_answers_get_only(client):
    response = client.post(page_url("question", "fr"), {"nationality": "NG"})

    assert response.status_code == 405
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies


def test_the_language_switch_keeps_the_answers(client):
    response = client.get(page_url("question", "fr") + "?nationality=NG")

    body = response.content.decode()
    assert f'href="{page_url("question", "ar")}?nationality=NG" lang="ar"' in body


def test_each_step_gives_its_legal_basis_as_rules_of_the_registry(client):
    body = client.get(page_url("procedure", "fr")).content.decode()

    for step in content.STEPS:
        assert f'id="{step.slug}"' in body
        assert step.basis, step.slug
        for basis in step.basis:
            registry.get(basis.rule)  # raises if the rule does not exist
            assert f'href="/regles/{basis.rule}/"' in body


def test_the_procedure_covers_the_steps_of_the_issue(client):
    slugs = [step.slug for step in content.STEPS]

    assert slugs == [
        "police",
        "reflexion",
        "plainte",
        "carte",
        "renouvellement",
        "carte-de-resident",
        "sans-condamnation",
        "mineurs",
        "union-europeenne",
        "sans-plainte",
    ]
    given = {key for step in content.STEPS for key, _note in step.gives}
    assert given == {"work", "removal", "allowance", "health", "housing", "legal_aid"}


def test_rule_links_lead_to_the_rule_documentation(client):
    for rule_id in {basis.rule for step in content.STEPS for basis in step.basis}:
        assert client.get(content.rule_url(rule_id)).status_code == 200, rule_id


def test_the_glossary_explains_the_words_of_the_procedure(client):
    body = client.get(page_url("glossary", "fr")).content.decode()

    for word in (
        "Récépissé",
        "Délai de réflexion",
        "Carte de séjour temporaire",
        "Carte de résident",
        "Plainte",
        "Témoignage",
        "OQTF",
        "APS",
        "Préfecture",
    ):
        assert f"<dt>{word}" in body, word


def test_the_glossary_shows_the_french_word_in_other_languages(client):
    body = client.get(page_url("glossary", "ar")).content.decode()

    assert '<span class="g-french" lang="fr">(récépissé)</span>' in body


def test_the_algorithm_page_lists_rules_discretion_parameters_and_readings(client):
    body = client.get(page_url("algorithm", "fr")).content.decode()

    for rule in registry.all_rules().values():
        assert f'href="/regles/{rule.id}/"' in body
    for question in readings.open_questions().values():
        assert f'id="{question.id}"' in body
        assert i18n.law_text(question.adopted, "fr").replace("'", "&#x27;")[:40] in body
    for name in i18n.SHOWN_PARAMETERS:
        assert f'href="/regles/parametres/{name}/"' in body
    discretionary = body.split('data-testid="discretionary"')[1].split("</ul>")[0]
    assert "/regles/R-CST-09/" in discretionary
    assert "/regles/R-CST-01/" not in discretionary
    assert "L311-3-1" in body


def test_the_home_page_offers_the_self_check_and_who_can_help(client):
    body = client.get(page_url("home", "fr")).content.decode()

    assert page_url("selfcheck", "fr") in body
    assert "Ac-Sé" in body
    assert "navigation privée" in body
