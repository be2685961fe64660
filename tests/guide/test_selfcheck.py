"""« Suis-je concernée ? »: one question per page, « Je ne sais pas » keeps a fact unknown,
the answers travel in the query string, and the result speaks in plain words."""

from __future__ import annotations

from datetime import timedelta

from django.http import QueryDict
from django.utils import timezone

from sejour_traite import law
from sejour_traite.guide import content, selfcheck
from tests.guide.helpers import VICTIM, current_fact, hidden_fields, walk

QUESTIONS = "/guide/fr/suis-je-concernee/questions/"


def card(body: str, key: str) -> str:
    """The HTML of one card of the result."""
    return body.split(f'data-testid="card-{key}"')[1].split("</article>")[0]


def test_the_first_question_is_who_the_rules_are_for(client):
    body = client.get(QUESTIONS).content.decode()

    assert current_fact(body) == "nationality"
    assert body.count("<h1") == 1
    assert 'value="nsp"' in body  # « Je ne sais pas »


def test_every_question_offers_i_do_not_know(client):
    for fact in content.SELF_CHECK_FACTS:
        body = client.get(f"{QUESTIONS}?q={fact}").content.decode()

        assert current_fact(body) == fact
        assert f'name="{fact}" value="nsp"' in body or '<option value="nsp">' in body, fact


def test_i_do_not_know_leaves_the_fact_unknown_never_false():
    journey = selfcheck.parse(
        QueryDict(
            "nationality=NG&is_eu_family_member_in_france=nsp&ties_with_perpetrators_broken=nsp"
            "&complaint=nsp&police_hearing_date=nsp"
        )
    )

    facts = journey.raw_facts()
    assert facts == {"nationality": "NG"}
    determination = law.evaluate(law.validate(facts), timezone.localdate())
    assert determination.status("scope") == "INDETERMINE"
    assert "is_eu_family_member_in_france" in determination.objects["scope"].missing_facts
    assert journey.asked >= {"complaint", "ties_with_perpetrators_broken"}


def test_a_question_already_answered_i_do_not_know_is_not_asked_again(client):
    body = client.get(f"{QUESTIONS}?nationality=nsp").content.decode()

    assert current_fact(body) != "nationality"


def test_the_answers_travel_in_the_query_string_not_in_a_session(client):
    response = client.get(f"{QUESTIONS}?nationality=NG")

    assert ("nationality", "NG") in hidden_fields(response.content.decode())
    assert not response.cookies


def test_continuing_without_a_choice_shows_the_same_question_with_an_error(client):
    body = client.get(
        f"{QUESTIONS}?nationality=NG&q=is_eu_family_member_in_france"
    ).content.decode()

    assert current_fact(body) == "is_eu_family_member_in_france"
    assert 'data-testid="errors"' in body
    assert "Choisissez une réponse" in body
    assert "<title>Erreur :" in body


def test_a_date_in_the_future_is_refused(client):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    url = f"{QUESTIONS}?nationality=NG&police_hearing_date=oui&police_hearing_date__date={tomorrow}"

    body = client.get(url).content.decode()

    assert current_fact(body) == "police_hearing_date"
    assert "Cette date est dans le futur" in body


def test_yes_with_a_date_missing_asks_for_the_date(client):
    body = client.get(f"{QUESTIONS}?nationality=NG&complaint=penal").content.decode()

    assert current_fact(body) == "complaint"
    assert "Indiquez la date" in body


def test_a_tampered_answer_is_asked_again(client):
    body = client.get(f"{QUESTIONS}?nationality=ZZ").content.decode()

    assert current_fact(body) == "nationality"
    assert 'data-testid="errors"' in body


def test_the_previous_question_link_drops_the_last_answer(client):
    body = client.get(
        f"{QUESTIONS}?nationality=NG&is_eu_family_member_in_france=non"
    ).content.decode()

    assert 'href="?nationality=NG"' in body


def test_the_self_check_stops_after_twelve_questions(client):
    result, asked = walk(client, {})

    assert len(asked) == content.MAX_QUESTIONS
    assert result.status_code == 200
    assert result.resolver_match.url_name == "result"
    assert result["Cache-Control"] == "no-store"
    assert result["X-Robots-Tag"] == "noindex, nofollow"
    assert not result.cookies


def test_asking_first_who_the_rules_are_for_then_cooperation_and_age(client):
    _result, asked = walk(client, VICTIM)

    assert asked[:2] == ["nationality", "is_eu_family_member_in_france"]
    assert {"complaint", "date_of_birth", "police_hearing_date"} <= set(asked[:6])
    assert len(asked) == len(set(asked))


def test_a_victim_who_filed_a_complaint_is_told_the_card_is_due_if_the_checks_confirm(client):
    result, _asked = walk(client, VICTIM)

    body = result.content.decode()
    cst = card(body, "cst")
    assert 'data-status="DE_PLEIN_DROIT"' in body.split('data-testid="card-cst"')[1][:60]
    assert "Oui, vous y avez droit." in cst
    assert "Si les vérifications confirment que" in cst
    assert "menace pour l&#x27;ordre public" in cst
    assert "règle R-CST-01, en français" in cst
    assert 'href="/regles/R-CST-01/"' in cst
    checklist = body.split('data-testid="checklist"')[1]
    assert "Récépissé de dépôt de plainte" in checklist
    assert "Acte de naissance intégral" in checklist
    assert "Demandez la carte de séjour temporaire à la préfecture" in body
    assert 'data-testid="helpers"' in body and "Ac-Sé" in body


def test_an_eu_citizen_is_told_these_rules_do_not_apply(client):
    result, _asked = walk(client, {"nationality": {"nationality": "RO"}})

    body = result.content.decode()
    assert 'data-testid="card-scope" data-status="NON_APPLICABLE"' in body
    assert 'data-testid="card-cst"' not in body
    assert 'data-testid="checklist"' not in body
    assert "libre circulation" in body


def test_a_minor_is_protected_from_removal_and_told_the_deadline_at_eighteen(client):
    born = timezone.localdate().replace(year=timezone.localdate().year - 16, month=1, day=1)
    answers = {
        "nationality": {"nationality": "AL"},
        "is_eu_family_member_in_france": {"is_eu_family_member_in_france": "non"},
        "date_of_birth": {"date_of_birth": "date", "date_of_birth__date": born.isoformat()},
    }

    result, _asked = walk(client, answers)

    body = result.content.decode()
    assert 'data-testid="card-removal_protection" data-status="PROTECTED"' in body
    assert "deux mois après vos 18 ans" in body


def test_a_person_who_neither_complained_nor_testified_is_pointed_to_other_grounds(client):
    answers = {
        "nationality": {"nationality": "CN"},
        "is_eu_family_member_in_france": {"is_eu_family_member_in_france": "non"},
        "complaint": {"complaint": "none"},
        "testimony": {"testimony": "non"},
    }

    result, _asked = walk(client, answers)

    body = result.content.decode()
    assert 'data-testid="card-cst" data-status="NON_REMPLI"' in body
    assert "admission exceptionnelle au séjour (article L435-1)" in body


def test_the_result_lists_the_answers_with_a_link_to_change_each(client):
    result, asked = walk(client, {"nationality": {"nationality": "NG"}})

    body = result.content.decode()
    answers = body.split('data-testid="answers"')[1]
    assert answers.count("Modifier") == len(asked)
    assert f'href="{QUESTIONS}?"' in answers  # changing the first answer starts again


def test_the_result_of_a_partly_invalid_query_goes_back_to_the_question(client):
    response = client.get("/guide/fr/suis-je-concernee/resultat/?nationality=ZZ")

    assert response.status_code == 302
    assert response["Location"].startswith(QUESTIONS)


def test_the_result_never_invents_a_fact_the_person_did_not_give():
    today = timezone.localdate()
    journey = selfcheck.parse(QueryDict("nationality=NG&complaint=nsp"))

    result = selfcheck.build_result(journey, today)

    cst = next(c for c in result.cards if c.key == "cst")
    assert cst.status == "INDETERMINE"
    assert "Plainte" in cst.missing
