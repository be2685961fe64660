"""The public API: the law for programs, errors as problem+json naming the field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.test import Client

from sejour_traite.api.urls import api

OPENAPI = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"
SC14 = {
    "eval_date": "2022-03-31",
    "facts": {
        "nationality": "NG",
        "is_eu_family_member_in_france": False,
        "police_referral_to_prefecture": True,
        "reflection_recepisse_delivery_date": "2022-03-01",
        "complaint": {"kind": "none"},
        "testimony": "none",
        "reflection_interruption_decision_date": "none",
    },
}


@pytest.fixture
def client():
    return Client()


def post(client, path, body):
    return client.post(f"/api/v1{path}", json.dumps(body), content_type="application/json")


def test_evaluate_returns_the_determination_of_scenario_format(client):
    response = post(client, "/evaluate", SC14)

    data = response.json()
    assert response.status_code == 200
    assert data["legal_version"] == "V2021"
    assert data["reflection"]["status"] == "ACTIVE"
    assert data["reflection"]["end"] == "2022-03-31"
    assert data["cst"]["status"] == "NON_REMPLI"
    assert "R-REFLEXION-02" in data["rules_applied"]
    assert data["explanation"]["objects"]


def test_evaluate_in_english_without_explanation(client):
    response = post(client, "/evaluate", {**SC14, "lang": "en", "explain": False})

    assert response.status_code == 200
    assert "explanation" not in response.json()


def test_an_alternative_reading_changes_the_result(client):
    response = post(client, "/evaluate", {**SC14, "readings": {"OQ-01": "delivery_plus_29"}})

    assert response.json()["reflection"]["status"] == "EXPIRED"


def test_bad_facts_get_a_problem_naming_each_field(client):
    body = {
        "eval_date": "2022-03-31",
        "facts": {
            "nationality": "XX",
            "complaint": {"filed_date": "2022-02-30"},
            "nationalty": "NG",
        },
    }

    response = post(client, "/evaluate", body)

    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    fields = {error["field"] for error in response.json()["errors"]}
    assert fields == {"facts.nationality", "facts.complaint.filed_date", "facts.nationalty"}


def test_a_body_that_does_not_match_the_schema_gets_a_problem(client):
    response = post(client, "/evaluate", {"eval_date": "31/03/2022"})

    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == "eval_date"


def test_an_unknown_reading_is_a_problem_on_readings(client):
    response = post(client, "/evaluate", {**SC14, "readings": {"OQ-09": "whatever"}})

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "readings"


def test_questions_rank_the_missing_facts(client):
    response = post(
        client, "/questions", {"eval_date": "2024-10-01", "facts": {"nationality": "NG"}}
    )

    questions = response.json()
    assert response.status_code == 200
    assert questions[0]["fact"] == "is_eu_family_member_in_france"
    assert all(q["question"] for q in questions)


def test_rules_and_one_rule(client):
    listing = client.get("/api/v1/rules").json()
    one = client.get("/api/v1/rules/R-CST-01?lang=en").json()
    missing = client.get("/api/v1/rules/R-NOPE-99")

    assert {rule["id"] for rule in listing} >= {"R-CST-01", "R-REFLEXION-02", "R-ADMIN-04"}
    assert one["met"].startswith("You meet the conditions")
    assert any(c["article"] == "L425-1" for c in one["citations"])
    assert missing.status_code == 404 and missing["Content-Type"] == "application/problem+json"


def test_parameters_are_dated_and_cited(client):
    listing = {p["name"]: p for p in client.get("/api/v1/parameters").json()}

    days = listing["P-REFLECTION-DAYS"]["values"][0]
    assert days["value"] == 30 and days["citations"]


def test_the_public_api_is_rate_limited(client, monkeypatch):
    from django.core.cache import cache

    cache.clear()
    monkeypatch.setattr(api.public_throttle, "num_requests", 3)

    statuses = [
        client.get("/api/v1/rules", REMOTE_ADDR="203.0.113.9").status_code for _ in range(5)
    ]
    throttled = client.get("/api/v1/rules", REMOTE_ADDR="203.0.113.9")

    assert statuses[:3] == [200, 200, 200] and statuses[3:] == [429, 429]
    assert throttled["Content-Type"] == "application/problem+json"
    assert int(throttled["Retry-After"]) > 0
    cache.clear()


def test_the_committed_openapi_document_is_current():
    current = api.get_openapi_schema()

    assert OPENAPI.is_file(), "write it with: make openapi"
    assert json.loads(OPENAPI.read_text(encoding="utf-8")) == json.loads(json.dumps(current))
