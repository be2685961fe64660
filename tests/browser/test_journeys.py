"""The journeys of issue 4 in Chromium, through the pages only (links, forms, buttons).

* a police referral up to the carte de résident, with the récépissé downloaded and read;
* a refusal whose prefilled motivation the agent edits, its PDF downloaded and read;
* an agent of another prefecture refused the dossier (the 403 page);
* two agents saving the same dossier: the second one gets the conflict message;
* two bugs these journeys found (the police-reported stage, the French sign-in label),
  kept as tests once fixed.

Fixtures create the accounts, their TOTP devices and, to keep the tests short, the
"neutral" facts of a dossier (through the services, as tests/dossiers/test_journey.py
does); every act the issue lists is done through the pages. Each page reached is checked
with axe-core (``pages.Session``) and no request may leave the test server.

Dates: the journey is dated in 2024-2025 (the acts' forms take the date of the decision,
never a future one), so its documents and PDFs are checked against fixed dates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, timedelta

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from sejour_traite.accounts.models import Role
from sejour_traite.dossiers import services
from sejour_traite.dossiers.models import Decision, Document, Dossier, State
from sejour_traite.web.forms_police import stage_choices
from tests.browser.pages import (
    DossierPage,
    Referral,
    Session,
    open_page,
    pdf_text,
    refer,
    report_stage,
    search_and_open,
    sign_in,
)
from tests.dossiers.conftest import REFERRAL_DAY, make_user
from tests.dossiers.conftest import refer as refer_through_services
from tests.dossiers.test_journey import act, fact, neutral_facts

pytestmark = pytest.mark.django_db(transaction=True)

REFERRAL = Referral(
    first_names="Amina",
    last_name="Okafor",
    date_of_birth=date(1996, 5, 14),
    nationality="NG",
    foreigner_number="7501234567",
    procedure_reference="PV 2024/118",
    police_hearing_date=REFERRAL_DAY,
    information_given_date=REFERRAL_DAY,
    prefecture="Préfecture de police (75)",
)
PROCEDURE = REFERRAL.procedure_reference


@pytest.fixture
def staff(users):
    """The accounts, a second agent of Paris, and a confirmed TOTP device for the staff."""
    accounts = {**users, "agent_bis": make_user("agent75b", Role.AGENT, users["agent"].prefecture)}
    for account in accounts.values():
        if account.role in (Role.AGENT, Role.SUPERVISOR):
            TOTPDevice.objects.create(user=account, name="application", confirmed=True)
    return accounts


@pytest.fixture
def new_session(browser, live_server) -> Iterator[Callable[[], Session]]:
    """Open a browser context per person (own cookies); all closed at the end."""
    sessions: list[Session] = []

    def new() -> Session:
        session = Session(open_page(browser, live_server.url))
        sessions.append(session)
        return session

    yield new
    for session in sessions:
        assert session.third_party_requests == [], session.third_party_requests
        session.page.context.close()


def _dossier(number: str) -> Dossier:
    return Dossier.objects.get(number=number)


# ---------------------------------------------------------------- the whole journey


def test_from_police_referral_to_carte_de_resident(staff, paris, new_session):
    police, agent = new_session(), new_session()

    # The police officer refers the person to the Paris prefecture, then reports that the
    # prosecution started on 25/03/2024 (a stage is needed at the decisions' dates, which
    # come before the referral's own « investigation » stage, dated today).
    sign_in(police, staff["police"])
    number = refer(police, REFERRAL)
    dossier = _dossier(number)
    assert (dossier.prefecture, dossier.state) == (paris, State.REFERRAL_RECEIVED)
    report_stage(police, number, "prosecution", PROCEDURE, date(2024, 3, 25))
    neutral_facts(dossier, staff["agent"])  # shortcut: facts that open or close nothing

    # An agent of that prefecture signs in (TOTP) and finds the dossier by name.
    sign_in(agent, staff["agent"])
    page = search_and_open(agent, "okafor", number)
    assert page.state == State.REFERRAL_RECEIVED
    assert "deliver_reflection_recepisse" in page.acts()

    # The reflection récépissé, delivered the day of the hearing, then printed.
    page.perform("deliver_reflection_recepisse", REFERRAL_DAY)
    assert page.state == State.REFLECTION
    assert "Récépissé de délai de réflexion délivré" in page.messages()
    recepisse = page.documents()[0]
    assert (recepisse.kind, recepisse.number) == ("reflection_recepisse", f"{number}-01")
    assert (recepisse.valid_from, recepisse.valid_until) == ("01/03/2024", "31/03/2024")
    text = pdf_text(page.download("[data-testid=pdf-recepisse]"))
    assert "Récépissé de délai de réflexion" in text
    assert "OKAFOR" in text and "Amina" in text and "14/05/1996" in text
    assert "Valable du 01/03/2024 au 31/03/2024" in text
    assert "autorise son titulaire à travailler" in text
    assert "aucune décision d'éloignement" in text and "R. 425-2" in text
    assert "Préfecture de police" in text

    # The complaint, with its own form.
    page = (
        page.open_fact("complaint")
        .choose("part_kind", "penal")
        .fill("part_filed_date", date(2024, 3, 11))
        .choose("part_against_x", "false")
        .fill("part_offences", "225-4-1")
        .save(by="victim", on=date(2024, 3, 11), proof="Plainte 2024/0311")
    )
    assert "Fait enregistré : " in page.messages()
    assert "225-4-1" in page.fact_value("complaint")

    # The application, its instruction and the CST granted.
    page.perform("file_application", date(2024, 3, 12))
    assert page.state == State.APPLICATION_FILED
    assert page.documents()[-1].kind == "instruction_recepisse"
    page.perform("start_instruction", date(2024, 3, 12))
    assert page.state == State.UNDER_INSTRUCTION
    page.perform("grant_cst", date(2024, 4, 2))
    assert page.state == State.CST_GRANTED
    card = page.documents()[-1]
    assert (card.kind, card.valid_from, card.valid_until) == ("cst", "02/04/2024", "01/04/2025")
    text = pdf_text(page.download("[data-testid=pdf-decision][data-act=grant_cst]"))
    assert "Décision de délivrance d'une carte de séjour temporaire" in text
    assert "valable du 02/04/2024 au 01/04/2025" in text

    # The renewal: the contract signed (the JSON form of the page), filed online, renewed.
    page.record_fact_json("contrat_republique_signed", "true", by="prefecture", on=date(2025, 2, 1))
    assert page.fact_value("contrat_republique_signed") == "Oui"
    page.perform("file_renewal_application", date(2025, 2, 1), online_anef=True)
    assert page.state == State.CST_GRANTED
    page.perform("renew_cst", date(2025, 3, 1))
    card = page.documents()[-1]
    assert (card.kind, card.valid_from, card.valid_until) == ("cst", "01/03/2025", "28/02/2026")

    # The police report the definitive conviction; the agent records the offences convicted
    # and grants the carte de résident at the date the law is read. (The police list keeps
    # showing the referral's stage: see the test at the end.)
    report_stage(police, number, "definitive_conviction", PROCEDURE, date(2025, 9, 1))
    page.evaluate_at(date(2025, 9, 15))  # a new load of the page: the version is fresh
    page = (
        page.open_fact("convicted_offences_of_accused")
        .fill("value", "225-4-1")
        .save(by="justice", on=date(2025, 9, 1), proof="Arrêt CA Paris 2025/77")
    )
    page.evaluate_at(date(2025, 9, 15))
    page.perform("grant_carte_resident")  # dated as prefilled: the date the law is read
    assert page.state == State.CARTE_RESIDENT
    assert "Carte de résident délivrée" in page.messages()
    resident = page.documents()[-1]
    assert (resident.kind, resident.valid_from, resident.valid_until) == (
        "carte_resident",
        "15/09/2025",
        "14/09/2035",
    )
    assert resident.validity == "En cours de validité"
    assert [d.kind for d in page.documents()] == [
        "reflection_recepisse",
        "instruction_recepisse",
        "cst",
        "instruction_recepisse",
        "cst",
        "carte_resident",
    ]
    timeline = page.timeline()
    assert timeline.count("decision") == 7
    assert "procedure_stage" in timeline

    assert list(Decision.objects.filter(dossier=dossier).values_list("act", flat=True)) == [
        "deliver_reflection_recepisse",
        "file_application",
        "start_instruction",
        "grant_cst",
        "file_renewal_application",
        "renew_cst",
        "grant_carte_resident",
    ]
    assert len(agent.checked) >= 20 and len(police.checked) >= 8


# ---------------------------------------------------------------- a refusal, motivated


@pytest.fixture
def instructed(staff, paris):
    """A dossier under instruction, without complaint nor testimony (through the services)."""
    dossier = refer_through_services(staff, paris)
    agent = staff["agent"]
    neutral_facts(dossier, agent)
    fact(dossier, agent, "complaint", {"kind": "none"})
    act(dossier, agent, "file_application", REFERRAL_DAY)
    act(dossier, agent, "start_instruction", REFERRAL_DAY)
    dossier.refresh_from_db()
    return dossier


def test_a_refusal_with_the_prefilled_motivation_edited(staff, instructed, new_session):
    agent = new_session()
    sign_in(agent, staff["agent"])
    page = search_and_open(agent, instructed.number, instructed.number)
    page.evaluate_at(REFERRAL_DAY)
    prefilled = page.motivation("refuse_cst")
    assert "L425-1" in prefilled and "Considérant que" in prefilled

    # Without a motivation the refusal is not saved: the alert, and the error on the field.
    page.perform("refuse_cst", motivation="", status=409)
    assert agent.page.get_by_test_id("alert-motivation").is_visible()
    assert "Rédigez la motivation" in agent.text("act-refuse_cst")
    assert page.state == State.UNDER_INSTRUCTION

    # The agent starts again from the prefilled draft and adds the facts of the case.
    page.evaluate_at(REFERRAL_DAY)
    assert page.motivation("refuse_cst") == prefilled
    own_words = (
        "Considérant, en fait, que l'intéressée n'a ni porté plainte ni témoigné "
        "dans une procédure pénale ;"
    )
    page.perform("refuse_cst", motivation=f"{prefilled}\n{own_words}")
    assert page.state == State.CST_REFUSED
    assert "Carte de séjour temporaire refusée" in page.messages()
    assert own_words in agent.text("timeline")

    text = pdf_text(page.download("[data-testid=pdf-decision][data-act=refuse_cst]"))
    assert "Décision de refus de carte de séjour temporaire" in text
    assert own_words in text and "L425-1" in text
    assert "deux mois" in text and "tribunal administratif" in text
    decision = Decision.objects.get(dossier=instructed, act="refuse_cst")
    assert decision.motivation.replace("\r\n", "\n") == f"{prefilled}\n{own_words}"


# ---------------------------------------------------------------- access and conflicts


def test_an_agent_of_another_prefecture_is_denied_the_dossier(staff, dossier, new_session):
    agent = new_session()
    sign_in(agent, staff["other_agent"])

    agent.goto("/")
    agent.page.fill("[data-testid=search-form] [data-testid=search-q]", "Okafor")
    agent.submit("[data-testid=search-form] [data-testid=search-submit]")
    assert agent.text("search-count").startswith("0 dossier")

    for path in (f"/dossiers/{dossier.pk}/", f"/dossiers/{dossier.pk}/pdf/recepisse/"):
        agent.goto(path, status=403)
        assert agent.page.get_by_test_id("forbidden").is_visible()
        assert "Okafor" not in agent.page.content() and "OKAFOR" not in agent.page.content()


def test_two_agents_saving_the_same_dossier_get_the_conflict_message(staff, dossier, new_session):
    neutral_facts(dossier, staff["agent"])
    first, second = new_session(), new_session()
    sign_in(first, staff["agent"])
    sign_in(second, staff["agent_bis"])
    pages = [DossierPage.open(session, dossier.pk) for session in (first, second)]
    assert pages[0].version == pages[1].version

    pages[0].perform("deliver_reflection_recepisse", REFERRAL_DAY)
    assert pages[0].state == State.REFLECTION

    # The same form, sent with the version the second agent read.
    pages[1].perform("deliver_reflection_recepisse", REFERRAL_DAY, status=409)
    alert = second.page.get_by_test_id("alert-conflict")
    assert alert.is_visible()
    assert "modifié par une autre personne" in alert.inner_text()
    assert "rien n'a été perdu" in alert.inner_text()
    assert Document.objects.filter(dossier=dossier, kind="reflection_recepisse").count() == 1

    second.submit("[data-testid=alert-reload]")
    assert pages[1].state == State.REFLECTION
    assert "deliver_reflection_recepisse" not in pages[1].acts()


# ---------------------------------------------------------------- bugs found, then fixed


def test_a_stage_reported_by_the_police_becomes_the_current_stage(staff, new_session):
    police = new_session()
    sign_in(police, staff["police"])
    today = timezone.localdate()
    heard = today - timedelta(days=40)
    number = refer(
        police, replace(REFERRAL, police_hearing_date=heard, information_given_date=heard)
    )

    report_stage(police, number, "prosecution", PROCEDURE, today - timedelta(days=10))

    stage = police.page.locator(f"[data-testid='police-dossier-{number}'] [data-testid=stage]")
    assert stage.inner_text() == dict(stage_choices())["prosecution"]
    facts = services.raw_facts(_dossier(number), today)
    assert facts["criminal_procedure_status"] == "prosecution"


def test_the_sign_in_form_is_in_french(new_session):
    session = new_session()
    session.goto("/connexion/")
    field = session.page.locator("input[name=username]")
    label = session.page.locator(f"label[for='{field.get_attribute('id')}']").inner_text()
    assert "Username" not in label
