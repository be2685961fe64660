"""The back office in English, in Chromium: the header's selector (a plain form) switches
the pages to English for the session; the English dossier page has no serious or critical
accessibility violation (axe-core runs on every page a ``Session`` reaches)."""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.browser.pages import DossierPage, Session, open_page, sign_in
from tests.dossiers.test_journey import neutral_facts

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_dossier_page_in_english_is_accessible(browser, live_server, users, dossier):
    agent = users["agent"]
    TOTPDevice.objects.create(user=agent, name="application", confirmed=True)
    neutral_facts(dossier, agent)
    session = Session(open_page(browser, live_server.url))
    try:
        sign_in(session, agent)
        DossierPage.open(session, dossier.pk)

        session.submit("[data-testid=language-en]")  # axe-core checks the page reached

        assert session.page.url.endswith(f"/dossiers/{dossier.pk}/")
        assert session.page.locator("html").get_attribute("lang") == "en"
        assert "What the law says on" in session.page.inner_text("#droit-titre")
        assert "Possible acts" in session.page.inner_text("#actes-titre")

        session.submit("[data-testid=language-fr]")
        assert session.page.locator("html").get_attribute("lang") == "fr"
        assert "Ce que dit la loi au" in session.page.inner_text("#droit-titre")
        assert session.third_party_requests == []
    finally:
        session.page.context.close()
