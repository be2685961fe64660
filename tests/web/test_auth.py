"""Sign-in: password, then a TOTP second factor for prefecture staff; lockout."""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db


def code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_an_agent_enrols_a_second_factor_then_reaches_the_dashboard(users):
    client = Client()

    response = client.post("/connexion/", {"username": "agent75", "password": "x"})
    assert response.status_code == 302 and response["Location"] == "/connexion/second-facteur/"
    assert client.get("/").status_code == 302  # no page before the second factor
    enrol = client.get("/connexion/second-facteur/", follow=True)
    assert b"otp-secret" in enrol.content
    device = TOTPDevice.objects.get(user=users["agent"])
    done = client.post("/connexion/second-facteur/activer/", {"token": code(device)})
    dashboard = client.get("/")

    assert done.status_code == 302
    assert dashboard.status_code == 200 and "Dossiers par état" in dashboard.content.decode()


def test_a_wrong_code_is_refused_with_a_clear_message(users):
    client = Client()
    client.post("/connexion/", {"username": "agent75", "password": "x"})
    client.get("/connexion/second-facteur/activer/")

    wrong = client.post("/connexion/second-facteur/activer/", {"token": "000000"})

    assert wrong.status_code == 200 and "Code incorrect" in wrong.content.decode()
    assert client.get("/").status_code == 302


def test_an_enrolled_agent_confirms_the_code_at_each_sign_in(users):
    device = TOTPDevice.objects.create(user=users["agent"], name="app", confirmed=True)
    client = Client()

    client.post("/connexion/", {"username": "agent75", "password": "x"})
    response = client.post("/connexion/second-facteur/", {"token": code(device)})

    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_a_police_referrer_signs_in_without_second_factor(users):
    client = Client()

    response = client.post("/connexion/", {"username": "opj", "password": "x"}, follow=True)

    assert response.status_code == 200
    assert "n'a pas accès aux dossiers" in response.content.decode()


def test_repeated_failed_sign_ins_are_locked(users, settings):
    client = Client()

    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/connexion/", {"username": "agent75", "password": "wrong"})
    locked = client.post("/connexion/", {"username": "agent75", "password": "x"})

    assert locked.status_code == 429
    assert "temporairement bloquée" in locked.content.decode()


def test_sign_out_needs_a_post(users):
    client = Client()
    client.post("/connexion/", {"username": "opj", "password": "x"})

    assert client.get("/deconnexion/").status_code == 405
    assert client.post("/deconnexion/").status_code == 302
    assert client.get("/").status_code == 302
