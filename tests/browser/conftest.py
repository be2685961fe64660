"""Browser tests: Playwright drives Debian's Chromium (/usr/bin/chromium) against the live
test server; axe-core (node_modules, installed by `make install`) is injected in every page.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, Page, sync_playwright

from tests.dossiers.conftest import dossier, lyon, paris, users  # noqa: F401  (fixtures)

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# Playwright's sync API runs an event loop in the test thread; the test server and the
# fixtures still use Django's ORM synchronously from it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `apt-get install chromium` (.ci/run does it)")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Browser, live_server) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    third_party: list[str] = []
    context.on(
        "request",
        lambda request: (
            third_party.append(request.url)
            if not request.url.startswith((live_server.url, "data:", "blob:"))
            else None
        ),
    )
    page = context.new_page()
    page.third_party_requests = third_party  # type: ignore[attr-defined]
    # Anything the Content-Security-Policy refused would be a broken page for users.
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    context.close()
    assert not refused, f"refused by the Content-Security-Policy: {refused}"


def axe_violations(page: Page) -> list[dict]:
    """Serious and critical accessibility violations of the current page (axe-core)."""
    # Evaluated through the DevTools protocol, not as an inline <script>: the pages'
    # Content-Security-Policy refuses inline scripts, and must stay on during the check.
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def assert_accessible(page: Page) -> None:
    violations = axe_violations(page)
    details = [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)" for v in violations]
    assert not violations, f"{page.url}: " + "; ".join(details)


def sign_in(page: Page, username: str, password: str = "x") -> None:
    page.goto("/connexion/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("[data-testid=login-submit]")


def otp_code(user) -> str:
    device = TOTPDevice.objects.filter(user=user).order_by("-id").first()
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
