"""Sign-in journey in the browser, accessibility checked on each page (axe-core)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import assert_accessible, otp_code, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_agent_signs_in_with_a_second_factor(page, users):
    page.goto("/connexion/")
    assert_accessible(page)

    sign_in(page, "agent75")
    page.wait_for_url("**/connexion/second-facteur/activer/")
    assert_accessible(page)
    page.fill("input[name=token]", otp_code(users["agent"]))
    page.click("[data-testid=otp-submit]")
    page.wait_for_url("**/")

    assert page.get_by_test_id("states").is_visible()
    assert_accessible(page)
    assert page.third_party_requests == []
