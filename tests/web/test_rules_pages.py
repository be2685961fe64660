"""Rule documentation pages (CRPA L311-3-1): every rule, parameter and decision of the
engine, with its articles and dates, public and without cookies."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.urls import reverse

from sejour_traite.law import parameters, readings, registry
from sejour_traite.law.rules import all_outcomes
from tests.web.test_police_pages import sign_in

RULE_IDS = list(registry.all_rules())
PARAMETER_NAMES = sorted(parameters.all_parameters())
OUTCOME_KEYS = [outcome.key for outcome in all_outcomes()]


def text_of(response) -> str:
    return unescape(response.content.decode())


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_every_rule_has_a_page_with_its_articles_dates_and_plain_words(client, rule_id):
    rule = registry.get(rule_id)

    response = client.get(reverse("web:rule", args=[rule_id]))

    html = text_of(response)
    assert response.status_code == 200
    assert f"{rule_id} — {rule.title['fr']}" in html
    for citation in rule.citations:
        assert citation.article in html
        assert citation.in_force_from.strftime("%d/%m/%Y") in html
        if citation.url:
            assert f'href="{citation.url}"' in html
    assert rule.met["fr"] in html and rule.not_met["fr"] in html
    for oq_id in rule.open_questions:
        assert f"/regles/questions-ouvertes/#{oq_id.lower()}" in html


def test_a_rule_page_shows_the_conditions_the_engine_evaluates(client):
    html = text_of(client.get("/regles/R-CST-01/"))

    assert "<code>not procedure_over</code>" in html
    assert "criminal_procedure_status in {classement_sans_suite" in html
    assert 'href="/regles/decisions/cst/"' in html
    assert 'href="/regles/parametres/P-TIES-BROKEN-REQUIRED/"' in html


@pytest.mark.parametrize("name", PARAMETER_NAMES)
def test_every_parameter_has_a_page_with_its_dated_values_and_texts(client, name):
    parameter = parameters.get(name)

    response = client.get(reverse("web:parameter", args=[name]))

    html = text_of(response)
    assert response.status_code == 200 and name in html
    for value in parameter.values:
        assert value.start.strftime("%d/%m/%Y") in html
        for citation in value.citations:
            assert citation.article in html


def test_a_parameter_page_names_the_rules_that_use_it(client):
    html = text_of(client.get("/regles/parametres/P-TIES-BROKEN-REQUIRED/"))

    assert 'href="/regles/R-CST-01/"' in html


@pytest.mark.parametrize("key", OUTCOME_KEYS)
def test_every_decision_has_a_page_listing_its_steps(client, key):
    outcome = next(o for o in all_outcomes() if o.key == key)

    response = client.get(reverse("web:outcome", args=[key]))

    html = text_of(response)
    assert response.status_code == 200
    for step in outcome.steps:
        assert f'href="/regles/{step.rule}/"' in html


def test_the_index_links_every_rule_parameter_and_decision(client):
    html = text_of(client.get(reverse("web:rules")))

    for rule_id in RULE_IDS:
        assert f'href="/regles/{rule_id}/"' in html
    for name in PARAMETER_NAMES:
        assert f'href="/regles/parametres/{name}/"' in html
    for key in OUTCOME_KEYS:
        assert f'href="/regles/decisions/{key}/"' in html
    assert "L311-3-1" in html


def test_the_open_questions_page_gives_each_reading_taken(client):
    html = text_of(client.get(reverse("web:open_questions")))

    for question in readings.open_questions().values():
        assert f'id="{question.id.lower()}"' in html
        assert (question.adopted.get("fr") or question.adopted["en"]) in html


@pytest.mark.parametrize(
    "url", ["/regles/R-NOPE-99/", "/regles/parametres/P-NOPE/", "/regles/decisions/nope/"]
)
def test_an_unknown_rule_parameter_or_decision_is_not_found(client, url):
    response = client.get(url)

    assert response.status_code == 404
    assert 'data-testid="not-found"' in response.content.decode()


@pytest.mark.parametrize("url", ["/regles/", "/regles/R-CST-01/", "/regles/questions-ouvertes/"])
def test_the_pages_are_public_and_set_no_cookie(client, url):
    response = client.get(url)

    assert response.status_code == 200
    assert not response.cookies
    assert "Set-Cookie" not in response.headers


@pytest.mark.django_db
def test_a_signed_in_user_reads_them_too(users):
    client = sign_in(users["police"])

    response = client.get("/regles/R-REFLEXION-01/")

    assert response.status_code == 200 and 'data-testid="current-user"' in response.content.decode()


def test_no_resource_is_loaded_from_another_site(client):
    for url in ("/regles/", "/regles/R-CST-01/", "/regles/parametres/P-EU-MEMBERS/"):
        html = client.get(url).content.decode()

        assert not re.search(r'<(script|img|iframe|link)[^>]+(src|href)="https?://', html)
