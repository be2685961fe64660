"""Each PDF document is generated, read back (text extracted) and its key mentions and
dates checked."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from sejour_traite.documents import pdf
from sejour_traite.dossiers import services
from tests.dossiers.conftest import REFERRAL_DAY
from tests.dossiers.test_journey import act, fact, neutral_facts

pytestmark = pytest.mark.django_db


def text_of(document: bytes) -> str:
    assert document.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(document))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


@pytest.fixture
def granted(dossier, users):
    agent = users["agent"]
    neutral_facts(dossier, agent)
    act(dossier, agent, "deliver_reflection_recepisse", REFERRAL_DAY)
    fact(
        dossier,
        agent,
        "complaint",
        {"kind": "penal", "filed_date": "2024-03-11", "against_x": False, "offences": ["225-4-1"]},
        on=date(2024, 3, 11),
        by="victim",
    )
    act(dossier, agent, "file_application", date(2024, 3, 12))
    act(dossier, agent, "start_instruction", date(2024, 3, 12))
    act(dossier, agent, "grant_cst", date(2024, 4, 2))
    dossier.refresh_from_db()
    return dossier


def test_the_reflection_recepisse_shows_holder_dates_work_and_protection(dossier, users):
    neutral_facts(dossier, users["agent"])
    act(dossier, users["agent"], "deliver_reflection_recepisse", REFERRAL_DAY)
    dossier.refresh_from_db()

    text = text_of(pdf.reflection_recepisse(dossier))

    assert "Récépissé de délai de réflexion" in text
    assert "OKAFOR" in text and "Amina" in text and "14/05/1996" in text
    assert "Valable du 01/03/2024 au 31/03/2024" in text
    assert "autorise son titulaire à travailler" in text
    assert "aucune décision d'éloignement" in text and "L. 611-1" in text and "R. 425-2" in text
    assert "Préfecture de police" in text and "Photographie" in text


def test_the_attestation_names_article_l425_1_and_the_card(granted):
    text = text_of(pdf.attestation_l425_1(granted, on=date(2024, 4, 2)))

    assert "article L. 425-1" in text
    assert "valable du 02/04/2024 au 01/04/2025" in text
    assert "OKAFOR" in text


def test_a_grant_decision_cites_the_articles_and_the_card(granted):
    decision = granted.decisions.get(act="grant_cst")

    text = text_of(pdf.decision_pdf(decision))

    assert "Décision de délivrance d'une carte de séjour temporaire" in text
    assert "L425-1" in text
    assert "valable du 02/04/2024 au 01/04/2025" in text
    assert "DE_PLEIN_DROIT" in text


def test_a_refusal_is_motivated_in_law_and_in_fact_with_the_appeals(dossier, users):
    agent = users["agent"]
    neutral_facts(dossier, agent)
    fact(dossier, agent, "complaint", {"kind": "none"})
    act(dossier, agent, "file_application", REFERRAL_DAY)
    act(dossier, agent, "start_instruction", REFERRAL_DAY)
    decision = act(
        dossier,
        agent,
        "refuse_cst",
        REFERRAL_DAY,
        motivation="l'intéressée n'a ni porté plainte ni témoigné à la date de la décision.",
    )

    text = text_of(pdf.decision_pdf(decision))

    assert "Décision de refus de carte de séjour temporaire" in text
    assert "L425-1" in text
    assert "Considérant, en fait, que l'intéressée n'a ni porté plainte" in text
    assert "deux mois" in text and "tribunal administratif" in text and "R. 421-1" in text


def test_an_interruption_decision_names_its_ground(dossier, users):
    agent = users["agent"]
    neutral_facts(dossier, agent)
    act(dossier, agent, "deliver_reflection_recepisse", REFERRAL_DAY)
    fact(dossier, agent, "complaint", {"kind": "none"})
    fact(
        dossier,
        agent,
        "ties_renewed_on_own_initiative_date",
        "2024-03-05",
        on=date(2024, 3, 6),
        by="police",
    )
    decision = act(
        dossier,
        agent,
        "interrupt_reflection",
        date(2024, 3, 7),
        motivation="la personne a renoué de sa propre initiative des liens avec les auteurs.",
    )

    text = text_of(pdf.decision_pdf(decision))

    assert "interruption du délai de réflexion" in text
    assert "R425-2 al. 2" in text
    assert (
        services.raw_facts(dossier, date(2024, 3, 8))["reflection_interruption_decision_date"]
        == "2024-03-07"
    )
