"""Screenshots of the main pages (1280×900) from the demo data, for the README.

Not part of the test command (seeding the demo takes 10-20 s and the images are
documentation): refresh the committed ones under docs/screenshots/ with

    UPDATE_SCREENSHOTS=1 .venv/bin/pytest tests/browser/test_screenshots.py

Every page shown also passes axe-core and makes no third-party request, and each image is
checked to be 1280×900 and small (a 256-colour palette).

The demo data (``dossiers.demo.seed``) is dated back from today, so the dates shown change
from one refresh to the next; everything else is fixed.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image

from sejour_traite.accounts.models import User
from sejour_traite.dossiers import demo
from sejour_traite.dossiers.models import Dossier, State
from tests.browser.pages import Session, open_page, sign_in

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        os.environ.get("UPDATE_SCREENSHOTS") != "1",
        reason="documentation: UPDATE_SCREENSHOTS=1 refreshes docs/screenshots/",
    ),
]

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
MAX_BYTES = 250_000
#: file name -> what it shows (the README's captions).
SHOTS = {
    "01-connexion.png": "Connexion",
    "02-tableau-de-bord.png": "Tableau de bord d'un agent de préfecture",
    "03-dossier.png": "Page d'un dossier : état, sommaire, identité",
    "04-dossier-droit.png": "Page d'un dossier : ce que dit la loi, expliqué et cité",
    "05-dossier-actes.png": "Page d'un dossier : les actes possibles, motivation préremplie",
    "06-signalement.png": "Signalement par la police",
    "07-regle.png": "Documentation d'une règle",
    "08-statistiques.png": "Statistiques (responsable)",
    "09-dossier-en.png": "Page d'un dossier en anglais (langue choisie dans l'en-tête)",
}


@pytest.fixture
def demo_users(db):
    demo.seed()
    users = {u.username: u for u in User.objects.all()}
    for username in ("agent75", "chef75"):
        TOTPDevice.objects.create(user=users[username], name="application", confirmed=True)
    return users


def _save(session: Session, folder: Path, name: str) -> None:
    page = session.page
    page.evaluate("document.fonts.ready")
    image = Image.open(io.BytesIO(page.screenshot(animations="disabled", caret="hide")))
    assert image.size == (1280, 900)
    # A palette of 256 colours: the DSFR's flat colours survive, the file is 3-4 times smaller.
    image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(
        folder / name, optimize=True
    )


def _scroll_to(session: Session, selector: str) -> None:
    session.page.locator(selector).first.evaluate("element => element.scrollIntoView()")


def test_screenshots_of_the_main_pages(browser, live_server, demo_users):
    folder = DOCS
    folder.mkdir(parents=True, exist_ok=True)

    agent = Session(open_page(browser, live_server.url))
    agent.goto("/connexion/")
    _save(agent, folder, "01-connexion.png")
    sign_in(agent, demo_users["agent75"], password="demo-agent75")
    _save(agent, folder, "02-tableau-de-bord.png")

    dossier = Dossier.objects.get(prefecture__code="75", state=State.UNDER_INSTRUCTION)
    agent.goto(f"/dossiers/{dossier.pk}/")
    _scroll_to(agent, ".fr-breadcrumb")
    _save(agent, folder, "03-dossier.png")
    agent.page.locator("#droit details").first.evaluate("details => details.open = true")
    _scroll_to(agent, "#droit")
    _save(agent, folder, "04-dossier-droit.png")
    _scroll_to(agent, "form[data-testid=act-refuse_cst]")
    _save(agent, folder, "05-dossier-actes.png")

    police = Session(open_page(browser, live_server.url))
    sign_in(police, demo_users["police"], password="demo-police")
    police.goto("/signalement/")
    _save(police, folder, "06-signalement.png")

    agent.goto("/regles/R-CST-01/")
    _save(agent, folder, "07-regle.png")

    agent.goto(f"/dossiers/{dossier.pk}/")
    agent.page.click("[data-testid=language-en]")
    agent.goto(f"/dossiers/{dossier.pk}/")
    agent.page.locator("#droit details").first.evaluate("details => details.open = true")
    _scroll_to(agent, "#droit")
    _save(agent, folder, "09-dossier-en.png")

    supervisor = Session(open_page(browser, live_server.url))
    sign_in(supervisor, demo_users["chef75"], password="demo-chef75")
    supervisor.goto("/statistiques/")
    _save(supervisor, folder, "08-statistiques.png")

    for session in (agent, police, supervisor):
        assert session.third_party_requests == []
        session.page.context.close()
    sizes = {name: (folder / name).stat().st_size for name in SHOTS}
    assert all(size <= MAX_BYTES for size in sizes.values()), sizes
