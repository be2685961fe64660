"""The authenticated API: bearer tokens scoped to a user and prefecture, the back office's
permission functions, every call audited."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.management import call_command
from django.test import Client

from sejour_traite.accounts import tokens
from sejour_traite.accounts.models import ApiToken
from sejour_traite.dossiers.models import AuditEvent, Dossier

pytestmark = pytest.mark.django_db


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {tokens.create(user, 'test')[1]}"}


def test_calls_without_a_valid_token_are_refused(dossier):
    client = Client()

    missing = client.get("/api/v1/dossiers")
    wrong = client.get("/api/v1/dossiers", HTTP_AUTHORIZATION="Bearer st_nope")

    assert missing.status_code == 401 and wrong.status_code == 401
    assert missing["Content-Type"] == "application/problem+json"


def test_an_agent_lists_and_reads_the_dossiers_of_her_prefecture_only(dossier, users, lyon):
    client = Client()
    own = bearer(users["agent"])
    other = bearer(users["other_agent"])

    listing = client.get("/api/v1/dossiers", **own).json()
    read = client.get(f"/api/v1/dossiers/{dossier.pk}", **own)
    denied = client.get(f"/api/v1/dossiers/{dossier.pk}", **other)

    assert [d["number"] for d in listing] == [dossier.number]
    assert read.status_code == 200
    assert read.json()["identity"]["last_name"] == "Okafor"
    assert (
        read.json()["statuses"]["reflection_recepisse"] == "DE_PLEIN_DROIT"
        or read.json()["statuses"]
    )
    assert denied.status_code == 403
    assert client.get("/api/v1/dossiers", **other).json() == []
    assert AuditEvent.objects.filter(
        dossier_number=dossier.number, action="read", interface="api"
    ).exists()
    assert AuditEvent.objects.filter(dossier_number=dossier.number, action="read_denied").exists()


def test_deadlines_of_a_dossier(dossier, users):
    response = Client().get(f"/api/v1/dossiers/{dossier.pk}/deadlines", **bearer(users["agent"]))

    assert response.status_code == 200
    assert all({"kind", "due_on"} <= set(item) for item in response.json())


def test_the_police_refer_and_report_the_stage_of_their_unit(users, paris):
    client = Client()
    police = bearer(users["police"])
    body = {
        "prefecture": "75",
        "first_names": "Joy",
        "last_name": "Exemple",
        "nationality": "NG",
        "procedure_reference": "PV 2024/200",
        "police_hearing_date": "2024-03-01",
        "information_given_date": "2024-03-01",
        "reflection_requested": True,
        "photo_provided": True,
    }

    created = client.post(
        "/api/v1/referrals", json.dumps(body), content_type="application/json", **police
    )
    dossier_id = created.json()["id"]
    stage = client.post(
        f"/api/v1/dossiers/{dossier_id}/procedure-stage",
        json.dumps(
            {"stage": "prosecution", "procedure_reference": "PV 2024/200", "on": "2024-04-01"}
        ),
        content_type="application/json",
        **police,
    )
    read = client.get(f"/api/v1/dossiers/{dossier_id}", **police)
    other_unit = client.post(
        f"/api/v1/dossiers/{dossier_id}/procedure-stage",
        json.dumps({"stage": "prosecution", "procedure_reference": "X", "on": "2024-04-01"}),
        content_type="application/json",
        **bearer(users["other_police"]),
    )

    assert created.status_code == 201
    assert Dossier.objects.get(pk=dossier_id).prefecture.code == "75"
    assert stage.status_code == 200
    assert read.status_code == 403  # the police see nothing else
    assert other_unit.status_code == 403


def test_an_agent_cannot_refer_and_bad_input_names_the_field(users, paris):
    client = Client()
    body = {
        "prefecture": "75",
        "first_names": "A",
        "last_name": "B",
        "procedure_reference": "P",
        "police_hearing_date": "2024-03-01",
    }

    by_agent = client.post(
        "/api/v1/referrals",
        json.dumps(body),
        content_type="application/json",
        **bearer(users["agent"]),
    )
    unknown = client.post(
        "/api/v1/referrals",
        json.dumps({**body, "prefecture": "999"}),
        content_type="application/json",
        **bearer(users["police"]),
    )

    assert by_agent.status_code == 403
    assert unknown.status_code == 422 and "prefecture" in unknown.json()["detail"]


def test_a_revoked_token_or_a_moved_agent_loses_access(dossier, users, lyon):
    record, token = tokens.create(users["agent"], "test")
    header = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    users["agent"].prefecture = lyon
    users["agent"].save()

    moved = Client().get("/api/v1/dossiers", **header)
    ApiToken.objects.filter(pk=record.pk).update(revoked_at=date(2024, 1, 1))

    assert moved.status_code == 401


def test_the_command_prints_a_token_once_and_stores_its_hash(users, capsys):
    call_command("create_api_token", "agent75", "--name", "logiciel")

    token = capsys.readouterr().out.strip()
    assert token.startswith("st_")
    assert ApiToken.objects.get(user=users["agent"]).key_hash == tokens.digest(token)
    assert not ApiToken.objects.filter(key_hash=token).exists()
