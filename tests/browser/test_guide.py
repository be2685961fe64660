"""The public guide in a real browser: the self-check journey in French and in Arabic,
« Je ne sais pas », the quick exit, no cookie, no third-party request, accessibility in every
language, the weight of the first page and a 320 px wide screen.

The journeys follow the engine's questions as they come (their order is the engine's), answer
those of ``VICTIM`` and « Je ne sais pas » to the others."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from sejour_traite.guide import content, i18n
from tests.browser.conftest import assert_accessible
from tests.guide.conftest import install_guide
from tests.guide.helpers import VICTIM, days_ago

LANGUAGES = [lang.code for lang in i18n.languages()]
PAGES = {
    "home": "",
    "procedure": "demarche/",
    "glossary": "lexique/",
    "algorithm": "algorithme/",
    "selfcheck": "suis-je-concernee/",
    # a question with radios, a date and details (the country list has its own test below)
    "question": "suis-je-concernee/questions/?nationality=NG&is_eu_family_member_in_france=non",
    "result": (
        "suis-je-concernee/resultat/?nationality=NG&is_eu_family_member_in_france=non"
        f"&complaint=penal&complaint__date={days_ago(60)}&complaint__faits=traite"
        f"&complaint__contre_x=non&police_hearing_date=oui&police_hearing_date__date={days_ago(70)}"
        "&ties_with_perpetrators_broken=oui&current_document=none"
        "&criminal_procedure_status=investigation&monthly_resources_eur=nsp"
    ),
}
NEUTRAL_PAGE = "<!doctype html><html lang='fr'><title>Météo</title><p>Météo</p></html>"


@pytest.fixture(autouse=True)
def guide_installed(settings) -> None:
    install_guide(settings)


def guide(lang: str, name: str) -> str:
    return f"/guide/{lang}/{PAGES[name]}"


def answer(page: Page, answers: Mapping[str, str]) -> None:
    """Fill one question page: radios are checked, selects chosen, the rest filled."""
    for name, value in answers.items():
        field = page.locator(f"[name='{name}']").first
        tag = field.evaluate("node => node.tagName + ':' + (node.type || '')")
        if tag == "INPUT:radio":
            page.check(f"input[name='{name}'][value='{value}']")
        elif tag.startswith("SELECT"):
            page.select_option(f"select[name='{name}']", value)
        else:
            page.fill(f"[name='{name}']", value)
    with page.expect_navigation():
        page.click("[data-testid=next]")


def journey(page: Page, answers: Mapping[str, Mapping[str, str]], lang: str) -> list[str]:
    """Walk the self-check from its start page; « Je ne sais pas » when no answer is given."""
    page.goto(guide(lang, "selfcheck"))
    page.click("[data-testid=start]")
    asked: list[str] = []
    while page.locator("[data-testid=question-form]").count():
        fact = page.get_attribute("[data-testid=question-form]", "data-fact")
        assert fact and fact not in asked
        asked.append(fact)
        answer(page, answers.get(fact, {fact: "nsp"}))
    assert "/resultat/" in page.url
    return asked


def test_the_self_check_journey_in_french(page: Page):
    asked = journey(page, VICTIM, "fr")

    assert asked[0] == "nationality"
    assert len(asked) <= content.MAX_QUESTIONS
    cst = page.locator("[data-testid=card-cst]")
    assert cst.get_attribute("data-status") == "DE_PLEIN_DROIT"
    assert "Si les vérifications confirment que" in cst.inner_text()
    assert page.locator("[data-testid=checklist] li").count() >= 4
    assert "Ac-Sé" in page.locator("[data-testid=helpers]").inner_text()
    # the questions not in VICTIM were answered « Je ne sais pas »: they stay to be clarified
    unknown = [fact for fact in asked if fact not in VICTIM]
    assert unknown
    assert f"Réponses « Je ne sais pas » : {len(unknown)}." in page.inner_text("main")
    assert page.locator(".g-badge--unknown").count() >= 1
    assert page.context.cookies() == []
    assert page.third_party_requests == []  # type: ignore[attr-defined]


def test_the_self_check_journey_in_arabic_reads_right_to_left(page: Page):
    page.goto(guide("ar", "question"))

    assert page.evaluate("document.documentElement.lang") == "ar"
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    option = page.locator(".g-radio").first
    radio = option.locator("input").bounding_box()
    label = option.locator("label").bounding_box()
    assert radio and label and radio["x"] > label["x"], "the radio is not on the right"

    asked = journey(page, VICTIM, "ar")

    assert asked[:2] == ["nationality", "is_eu_family_member_in_france"]
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.locator("[data-testid=card-cst]").get_attribute("data-status") == "DE_PLEIN_DROIT"
    assert "نتيجتك" in page.locator("h1").inner_text()
    assert page.context.cookies() == []
    assert page.third_party_requests == []  # type: ignore[attr-defined]


def test_continuing_without_an_answer_shows_an_accessible_error(page: Page):
    page.goto(guide("fr", "question"))

    page.click("[data-testid=next]")

    assert page.locator("[data-testid=errors]").is_visible()
    assert page.title().startswith("Erreur")
    assert_accessible(page)


@pytest.fixture
def neutral_site(page: Page) -> Page:
    page.context.route(
        f"{content.QUICK_EXIT_URL}**",
        lambda route: route.fulfill(status=200, content_type="text/html", body=NEUTRAL_PAGE),
    )
    return page


def test_the_quick_exit_leaves_and_back_does_not_return_to_the_guide(neutral_site: Page):
    page = neutral_site
    page.goto("about:blank")
    page.goto(guide("fr", "home"))
    page.click("a[href$='/demarche/']")
    page.wait_for_url("**/demarche/")
    page.click("[data-testid=home-link]")
    page.wait_for_url("**/guide/fr/")

    page.click("[data-testid=quick-exit]")
    page.wait_for_url(f"{content.QUICK_EXIT_URL}**")
    page.go_back()

    assert "/guide/" not in page.url
    assert page.third_party_requests == [content.QUICK_EXIT_URL]  # type: ignore[attr-defined]


def test_the_quick_exit_works_without_javascript(browser: Browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    context.route(
        f"{content.QUICK_EXIT_URL}**",
        lambda route: route.fulfill(status=200, content_type="text/html", body=NEUTRAL_PAGE),
    )
    page = context.new_page()
    page.goto(guide("ar", "procedure"))

    page.click("[data-testid=quick-exit]")

    page.wait_for_url(f"{content.QUICK_EXIT_URL}**")
    assert context.cookies() == []
    context.close()


@pytest.fixture
def fresh_context(browser: Browser, live_server) -> Iterator[BrowserContext]:
    context = browser.new_context(base_url=live_server.url)
    yield context
    context.close()


def test_every_page_in_every_language_is_accessible_and_readable_at_320_px(page: Page):
    # One pass over the 28 pages: axe-core, then the width on a 320 px wide screen.
    page.set_viewport_size({"width": 320, "height": 640})
    for lang in LANGUAGES:
        for name in PAGES:
            page.goto(guide(lang, name))

            assert_accessible(page)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 320, f"{name} in {lang}: {width} px wide at 320 px"

    assert page.context.cookies() == []
    assert page.third_party_requests == []  # type: ignore[attr-defined]


def test_the_first_page_weighs_less_than_300_kb(fresh_context: BrowserContext):
    page = fresh_context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))

    page.goto(guide("fr", "home"), wait_until="networkidle")

    sizes = {r.url: r.request.sizes()["responseBodySize"] for r in responses}
    total = sum(sizes.values())
    assert total <= 300 * 1024, f"{total} bytes: {sizes}"
