"""Every page carries security headers; static files come from our own origin."""

from __future__ import annotations

import pytest
from django.test import Client

from sejour_traite.web.middleware import CONTENT_SECURITY_POLICY

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/connexion/", "/regles/", "/api/v1/rules"])
def test_pages_allow_nothing_but_our_own_origin(url):
    response = Client().get(url)

    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert policy == CONTENT_SECURITY_POLICY
    directives = dict(part.split(" ", 1) for part in policy.split("; "))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"  # no inline script, no other host
    assert directives["frame-ancestors"] == "'none'"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_public_guide_keeps_its_own_stricter_policy():
    response = Client().get("/guide/fr/")

    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    assert response["Referrer-Policy"] == "no-referrer"


def test_the_session_ends_with_the_browser_and_after_a_working_day(settings):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600
    assert settings.SESSION_COOKIE_HTTPONLY is True


def test_the_dsfr_assets_are_served_by_the_application():
    response = Client().get("/static/dsfr/dist/dsfr/dsfr.min.css")

    assert response.status_code == 200
    assert b"fr-btn" in b"".join(response.streaming_content)


def test_production_settings_pass_the_deployment_checklist(tmp_path):
    """``manage.py check --deploy`` in production: only the two warnings we accept —
    the HTTPS redirect is the reverse proxy's job (W008), HSTS preload is a later choice
    of the operator (W021)."""
    import re
    import subprocess
    import sys
    from pathlib import Path

    from cryptography.fernet import Fernet

    env = {
        "PATH": "/usr/bin:/bin",
        "SEJOUR_TRAITE_ENV": "production",
        "SEJOUR_TRAITE_SECRET_KEY": "x" * 30 + "-production-check-" + "y" * 30,
        "SEJOUR_TRAITE_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "SEJOUR_TRAITE_BLIND_INDEX_KEY": "a-production-blind-index-key",
        "SEJOUR_TRAITE_AUDIT_KEY": "a-production-audit-key",
        "SEJOUR_TRAITE_STATIC_ROOT": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    manage = Path(__file__).resolve().parents[2] / "manage.py"
    run = subprocess.run(
        [sys.executable, str(manage), "check", "--deploy"],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip

    assert run.returncode == 0, run.stderr
    assert set(re.findall(r"\(([a-z_.]+\.[EW]\d+)\)", run.stdout + run.stderr)) <= {
        "security.W008",
        "security.W021",
    }
