"""Page objects of the back office for the browser tests (Playwright, sync API).

Each object drives one page through what a person uses — links, fields, buttons — and
never posts a request itself. Every page reached through ``Session`` (a navigation, a form
sent) is checked with axe-core (``assert_accessible``) before the test goes on, so a
journey checks the accessibility of every page it goes through, error pages included.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from playwright.sync_api import Browser, Page, Response
from pypdf import PdfReader

from tests.browser.conftest import assert_accessible, otp_code

VIEWPORT = {"width": 1280, "height": 900}


def open_page(browser: Browser, base_url: str) -> Page:
    """A page in a new browser context (its own cookies: one person), which records every
    request made to another origin than the test server in ``page.third_party_requests``."""
    context = browser.new_context(
        base_url=base_url, locale="fr-FR", viewport=VIEWPORT, accept_downloads=True
    )
    third_party: list[str] = []
    context.on(
        "request",
        lambda request: (
            third_party.append(request.url)
            if not request.url.startswith((base_url, "data:", "blob:"))
            else None
        ),
    )
    page = context.new_page()
    page.third_party_requests = third_party  # type: ignore[attr-defined]
    return page


def pdf_text(content: bytes) -> str:
    """The text of a PDF, whitespace collapsed (pypdf)."""
    assert content.startswith(b"%PDF"), content[:40]
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)


@dataclass
class Session:
    """One person's browser tab: navigation and forms, axe-core on every page reached."""

    page: Page
    checked: list[str] = field(default_factory=list)  # the pages checked with axe-core

    def goto(self, path: str, status: int = 200) -> Response:
        response = self.page.goto(path)
        assert response is not None
        return self._arrived(response, status)

    def submit(self, selector: str, status: int = 200) -> Response:
        """Click a button or a link that loads a page (after any redirect): its status."""
        with self.page.expect_navigation() as navigation:
            self.page.click(selector)
        return self._arrived(navigation.value, status)

    def _arrived(self, response: Response, status: int) -> Response:
        self.page.wait_for_load_state("load")
        assert response.status == status, f"{response.url}: HTTP {response.status}"
        assert_accessible(self.page)
        self.checked.append(f"{response.status} {self.page.url}")
        return response

    # ---------------------------------------------------------------- widgets

    def choose(self, name: str, value: str, scope: str = "") -> None:
        """Tick a DSFR radio button or checkbox by clicking its label (the input itself is
        drawn under the label)."""
        box = self.page.locator(f"{scope} input[name='{name}'][value='{value}']".strip())
        self.page.click(f"label[for='{box.get_attribute('id')}']")
        assert box.is_checked()

    def tick(self, selector: str) -> None:
        box = self.page.locator(selector)
        self.page.click(f"label[for='{box.get_attribute('id')}']")
        assert box.is_checked()

    def fill_date(self, selector: str, day: date) -> None:
        self.page.fill(selector, day.isoformat())

    def text(self, testid: str) -> str:
        return " ".join(self.page.get_by_test_id(testid).inner_text().split())

    def download(self, selector: str) -> bytes:
        """Click a download link; the file's bytes."""
        with self.page.expect_download() as info:
            self.page.click(selector)
        download = info.value
        assert download.failure() is None, download.failure()
        path = download.path()
        assert path is not None
        return path.read_bytes()

    @property
    def third_party_requests(self) -> list[str]:
        return self.page.third_party_requests  # type: ignore[attr-defined,no-any-return]


# ---------------------------------------------------------------- signing in


def sign_in(session: Session, user: Any, password: str = "x") -> None:
    """Sign in; prefecture staff confirm the code of their (confirmed) TOTP device."""
    session.goto("/connexion/")
    session.page.fill("input[name=username]", user.username)
    session.page.fill("input[name=password]", password)
    if user.role in ("agent", "supervisor"):
        session.submit("[data-testid=login-submit]")
        assert session.page.url.endswith("/connexion/second-facteur/"), session.page.url
        session.page.fill("input[name=token]", otp_code(user))
        session.submit("[data-testid=otp-submit]")
    else:
        session.submit("[data-testid=login-submit]")
    assert session.text("current-user").startswith(user.username)


def sign_out(session: Session) -> None:
    session.submit("[data-testid=logout]")
    assert session.page.url.endswith("/connexion/")


# ---------------------------------------------------------------- police


@dataclass
class Referral:
    first_names: str
    last_name: str
    date_of_birth: date
    nationality: str
    foreigner_number: str
    procedure_reference: str
    police_hearing_date: date
    information_given_date: date
    prefecture: str  # its name as listed


def refer(session: Session, referral: Referral) -> str:
    """The police referral form (/signalement/), reached from the menu: the dossier number."""
    session.goto("/")
    session.submit("[data-testid=main-nav] >> text=Signaler une victime")
    page = session.page
    page.fill("input[name=first_names]", referral.first_names)
    page.fill("input[name=last_name]", referral.last_name)
    session.fill_date("input[name=date_of_birth]", referral.date_of_birth)
    page.select_option("select[name=nationality]", referral.nationality)
    page.fill("input[name=foreigner_number]", referral.foreigner_number)
    assert page.input_value("input[name=police_unit]")  # prefilled with the user's unit
    page.fill("input[name=procedure_reference]", referral.procedure_reference)
    session.fill_date("input[name=police_hearing_date]", referral.police_hearing_date)
    session.fill_date("input[name=information_given_date]", referral.information_given_date)
    session.choose("reflection_requested", "yes")
    session.choose("photo_provided", "yes")
    page.select_option("select[name=prefecture]", label=referral.prefecture)
    session.submit("[data-testid=referral-submit]")
    assert page.url.endswith("/signalement/envoye/"), page.url
    return session.text("referral-number")


def report_stage(session: Session, number: str, stage: str, reference: str, on: date) -> None:
    """Report the criminal procedure's stage of one of the unit's dossiers."""
    session.goto("/")
    session.submit("[data-testid=main-nav] >> text=Procédures signalées")
    form = f"[data-testid='stage-form-{number}']"
    session.page.select_option(f"{form} select[name$='-stage']", stage)
    session.page.fill(f"{form} input[name$='-procedure_reference']", reference)
    session.fill_date(f"{form} input[name$='-reported_on']", on)
    session.submit(f"[data-testid='stage-submit-{number}']")
    assert session.page.get_by_test_id("stage-recorded").is_visible()


# ---------------------------------------------------------------- prefecture staff


def search_and_open(session: Session, query: str, number: str) -> DossierPage:
    """From the dashboard, search the prefecture's dossiers and open one of the results."""
    session.goto("/")
    session.page.fill("[data-testid=search-form] [data-testid=search-q]", query)
    session.submit("[data-testid=search-form] [data-testid=search-submit]")
    session.submit(f"[data-testid=search-result-link] >> text='{number}'")
    dossier = DossierPage(session)
    assert dossier.number == number
    return dossier


@dataclass
class Document:
    kind: str
    number: str
    valid_from: str
    valid_until: str
    validity: str


class DossierPage:
    """/dossiers/<pk>/: state, documents, the acts as forms, facts, PDFs."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.page = session.page

    @classmethod
    def open(cls, session: Session, pk: int) -> DossierPage:
        """The dossier's address, typed or bookmarked."""
        session.goto(f"/dossiers/{pk}/")
        return cls(session)

    @property
    def number(self) -> str:
        return self.session.text("dossier-title").removeprefix("Dossier ")

    @property
    def url(self) -> str:
        return re.sub(r"[?#].*$", "", self.page.url)

    @property
    def state(self) -> str:
        return self.page.get_by_test_id("dossier-state").get_attribute("data-state") or ""

    @property
    def version(self) -> int:
        return int(self.session.text("dossier-version"))

    def reload(self) -> None:
        self.session.goto(self.url)

    def acts(self) -> list[str]:
        forms = self.page.locator("#actes form[data-testid^='act-']")
        return [
            (forms.nth(i).get_attribute("data-testid") or "").removeprefix("act-")
            for i in range(forms.count())
        ]

    def documents(self) -> list[Document]:
        rows = self.page.locator("[data-testid=document]")
        found = []
        for i in range(rows.count()):
            row = rows.nth(i)
            cells = [" ".join(c.split()) for c in row.locator("td").all_inner_texts()]
            found.append(Document(row.get_attribute("data-kind") or "", *cells[1:5]))
        return found

    def timeline(self) -> list[str]:
        entries = self.page.locator("[data-testid=timeline-entry]")
        return [entries.nth(i).get_attribute("data-kind") or "" for i in range(entries.count())]

    def messages(self) -> str:
        return self.session.text("messages")

    def evaluate_at(self, day: date) -> None:
        """« Apprécier à cette date »: the law at ``day``, the acts' dates prefilled."""
        self.session.fill_date("input[data-testid=eval-date]", day)
        self.session.submit("[data-testid=eval-date-submit]")
        shown = self.page.inner_text("h2 [data-testid=eval-date]")  # the input has it too
        assert shown == f"{day:%d/%m/%Y}", shown

    def perform(
        self,
        act: str,
        on: date | None = None,
        *,
        motivation: str | None = None,
        online_anef: bool = False,
        status: int = 200,
    ) -> None:
        """Send the act's form (dated ``on`` when given, else as prefilled)."""
        form = f"form[data-testid='act-{act}']"
        if on is not None:
            self.session.fill_date(f"{form} [data-testid='act-{act}-on']", on)
        if motivation is not None:
            self.page.fill(f"{form} [data-testid='act-{act}-motivation']", motivation)
        if online_anef:
            self.session.tick(f"{form} [data-testid='act-{act}-online_anef']")
        self.session.submit(f"[data-testid='act-{act}-submit']", status=status)

    def motivation(self, act: str) -> str:
        return self.page.input_value(f"[data-testid='act-{act}-motivation']")

    def open_fact(self, name: str) -> FactPage:
        """The fact's own form, from a link of the page (a common fact, a missing fact or
        the « Modifier » link of an established fact)."""
        links = [
            f"[data-testid='common-fact-{name}']",
            f"[data-testid=missing-fact][data-fact='{name}'] [data-testid=missing-fact-link]",
            f"[data-testid=fact-row][data-fact='{name}'] a",
        ]
        link = next((s for s in links if self.page.locator(s).count()), None)
        assert link is not None, f"no link to the fact {name!r} on {self.page.url}"
        self.session.submit(link)
        return FactPage(self.session, name)

    def record_fact_json(
        self, name: str, value: str, *, by: str, on: date, proof: str = ""
    ) -> None:
        """The small form « Tout autre fait, sa valeur en JSON »."""
        self.page.select_option("[data-testid=fact-name]", name)
        self.page.fill("[data-testid=fact-value]", value)
        self.page.select_option("[data-testid=fact-established_by]", by)
        self.session.fill_date("[data-testid=fact-established_on]", on)
        self.page.fill("[data-testid=fact-proof_reference]", proof)
        self.session.submit("[data-testid=fact-submit]")

    def fact_value(self, name: str) -> str:
        row = self.page.locator(f"[data-testid=fact-row][data-fact='{name}'] td").first
        return " ".join(row.inner_text().split())

    def download(self, selector: str) -> bytes:
        return self.session.download(selector)


class FactPage:
    """/dossiers/<pk>/faits/<name>/: one fact with a widget for its type."""

    def __init__(self, session: Session, name: str) -> None:
        self.session = session
        self.page = session.page
        self.name = name
        assert self.page.get_by_test_id("typed-fact-form").is_visible()

    def choose(self, field_name: str, value: str) -> FactPage:
        self.session.choose(field_name, value, scope="[data-testid=typed-fact-form]")
        return self

    def fill(self, field_name: str, value: str | date) -> FactPage:
        text = value.isoformat() if isinstance(value, date) else value
        self.page.fill(f"[data-testid=typed-fact-form] [name='{field_name}']", text)
        return self

    def save(self, *, by: str, on: date, proof: str = "", status: int = 200) -> DossierPage:
        form = "[data-testid=typed-fact-form]"
        self.page.select_option(f"{form} select[name=established_by]", by)
        self.session.fill_date(f"{form} input[name=established_on]", on)
        self.page.fill(f"{form} input[name=proof_reference]", proof)
        self.session.submit("[data-testid=typed-fact-submit]", status=status)
        return DossierPage(self.session)
