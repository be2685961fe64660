"""The dossier pages: who sees them, the law explained, the acts as forms, errors mapped.

Django test client, on SQLite and PostgreSQL (DATABASE_URL). Agents and supervisors sign in
with a TOTP code, as in test_auth.py.
"""

from __future__ import annotations

import io
import json
import re
from datetime import date, timedelta

import pytest
from django.template import Context, Template
from django.test import Client, SimpleTestCase
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from pypdf import PdfReader

from sejour_traite.accounts.models import Role
from sejour_traite.dossiers import encryption, services
from sejour_traite.dossiers.models import AuditEvent, Decision, Dossier, State
from sejour_traite.dossiers.services import PersonInput
from sejour_traite.web.forms_dossiers import TypedFactForm, editable_facts, motivation_from
from sejour_traite.web.templatetags.sejour import fact_value
from tests.dossiers.conftest import REFERRAL_DAY, refer
from tests.dossiers.test_journey import act, fact, neutral_facts

pytestmark = pytest.mark.django_db

COMPLAINT = {
    "kind": "penal",
    "filed_date": "2024-03-11",
    "against_x": False,
    "offences": ["225-4-1"],
}


def sign_in(user) -> Client:
    client = Client()
    response = client.post("/connexion/", {"username": user.username, "password": "x"})
    assert response.status_code == 302
    if user.role in (Role.AGENT, Role.SUPERVISOR):
        device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
        token = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
        response = client.post("/connexion/second-facteur/", {"token": f"{token:06d}"})
        assert response.status_code == 302
    return client


def page(dossier) -> str:
    return f"/dossiers/{dossier.pk}/"


def version(dossier) -> int:
    return Dossier.objects.get(pk=dossier.pk).version


def text_of(response) -> str:
    return response.content.decode()


def pdf_text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)


def post_fact(client, dossier, name, value, on=REFERRAL_DAY, by="prefecture", proof=""):
    return client.post(
        f"{page(dossier)}faits/",
        {
            "name": name,
            "value": json.dumps(value),
            "established_by": by,
            "established_on": on.isoformat(),
            "proof_reference": proof,
            "version": version(dossier),
        },
    )


def post_act(client, dossier, name, on, **fields):
    data = {"version": version(dossier), "on": on.isoformat(), **fields}
    return client.post(f"{page(dossier)}actes/{name}/", data)


def under_instruction_without_complaint(dossier, agent):
    neutral_facts(dossier, agent)
    fact(dossier, agent, "complaint", {"kind": "none"})
    act(dossier, agent, "file_application", REFERRAL_DAY)
    act(dossier, agent, "start_instruction", REFERRAL_DAY)


# ---------------------------------------------------------------- who sees the page


@pytest.mark.parametrize("role", ["agent", "supervisor"])
def test_staff_of_the_prefecture_see_identity_state_and_the_law_explained(dossier, users, role):
    client = sign_in(users[role])

    response = client.get(page(dossier))

    html = text_of(response)
    assert response.status_code == 200
    assert "Dossier 75-2024-00001" in html
    assert 'data-testid="identity-last-name">OKAFOR<' in html
    assert 'data-state="referral_received"' in html and "Signalement reçu" in html
    for key in ("reflection", "reflection_recepisse", "cst", "carte_resident", "allowance"):
        assert f'data-testid="object-{key}"' in html
    assert 'href="/regles/R-REFLEXION-01/"' in html  # each article links to its rule's page
    assert 'data-testid="missing-fact" data-fact="is_eu_family_member_in_france"' in html
    assert "Faites-vous partie de la famille d&#x27;un citoyen européen" in html  # its question
    assert 'data-testid="act-deliver_reflection_recepisse"' in html
    assert 'name="version" value="1"' in html


def test_the_read_of_the_dossier_page_is_audited(dossier, users):
    client = sign_in(users["agent"])

    client.get(page(dossier))

    event = AuditEvent.objects.filter(dossier_number=dossier.number, action="read").last()
    assert event is not None and event.interface == "web" and event.user_id == users["agent"].pk


@pytest.mark.parametrize("role", ["other_agent", "other_supervisor", "police", "auditor", "admin"])
def test_others_are_refused_and_the_attempt_is_audited(dossier, users, role):
    client = sign_in(users[role])

    response = client.get(page(dossier))

    assert response.status_code == 403
    assert "OKAFOR" not in text_of(response) and 'data-testid="forbidden"' in text_of(response)
    assert AuditEvent.objects.filter(
        dossier_number=dossier.number, action="read_denied", user_id=users[role].pk
    ).exists()


def test_an_anonymous_visitor_is_sent_to_the_sign_in(dossier):
    response = Client().get(page(dossier))

    assert response.status_code == 302 and response["Location"].startswith("/connexion/")


def test_an_agent_must_confirm_the_second_factor_first(dossier, users):
    client = Client()
    client.post("/connexion/", {"username": "agent75", "password": "x"})

    response = client.get(page(dossier))

    assert response.status_code == 302 and "second-facteur" in response["Location"]


def test_an_association_sees_a_shared_dossier_but_no_act_fact_form_or_note(dossier, users):
    services.share_with_association(
        dossier.pk, by=users["agent"], association=users["association"], on=REFERRAL_DAY
    )
    client = sign_in(users["association"])

    response = client.get(page(dossier))

    html = text_of(response)
    assert response.status_code == 200 and "OKAFOR" in html
    assert 'data-testid="act-' not in html
    assert 'data-testid="fact-form"' not in html and 'id="notes"' not in html
    assert (
        post_act(client, dossier, "deliver_reflection_recepisse", REFERRAL_DAY).status_code == 403
    )
    assert client.post(f"{page(dossier)}notes/", {"text": "x"}).status_code == 403


def test_an_association_the_dossier_was_not_shared_with_is_refused(dossier, users):
    assert sign_in(users["association"]).get(page(dossier)).status_code == 403


def test_an_unknown_dossier_is_not_found(users):
    assert sign_in(users["agent"]).get("/dossiers/999999/").status_code == 404


# ---------------------------------------------------------------- the journey through the forms


def test_a_journey_through_the_forms_from_recepisse_to_cst(dossier, users):
    client = sign_in(users["agent"])
    for name, value in {
        "is_eu_family_member_in_france": False,
        "applicant_role": "victim",
        "facts_exclusively_abroad_by_foreigners": False,
        "previous_reflection_period_for_same_facts": False,
        "ties_renewed_on_own_initiative_date": "none",
        "victim_convictions": [],
        "oqtf_previously_not_complied": False,
        "facts_forgery_441": False,
        "facts_l432_1_1_serious_offences": False,
        "facts_violence_against_officials": False,
        "complaint_found_false_or_unfounded": False,
        "cooperation_ceased": False,
        "reality_of_facts_questioned": False,
        "contrat_republique_breach": False,
        "polygamy": False,
        "habitual_residence_in_france": True,
        "testimony": "none",
    }.items():
        assert post_fact(client, dossier, name, value).status_code == 302, name
    typed = {"established_on": "2024-03-01", "proof_reference": ""}
    ties = {"value": "true", "established_by": "prefecture", **typed}
    threat = {"value": "none", "established_by": "prefecture", **typed}
    for name, data in (("ties_with_perpetrators_broken", ties), ("public_order_threat", threat)):
        response = client.post(
            f"{page(dossier)}faits/{name}/", {**data, "version": version(dossier)}
        )
        assert response.status_code == 302, name

    delivered = post_act(client, dossier, "deliver_reflection_recepisse", REFERRAL_DAY)
    shown = client.get(delivered["Location"])
    recepisse = client.get(f"{page(dossier)}pdf/recepisse/")

    assert delivered.status_code == 302
    assert "Récépissé de délai de réflexion délivré." in text_of(shown)
    assert 'data-testid="pdf-recepisse"' in text_of(shown)
    assert recepisse["Content-Disposition"].startswith("attachment;")
    assert recepisse["Cache-Control"] == "no-store"
    text = pdf_text(recepisse)
    assert "Valable du 01/03/2024 au 31/03/2024" in text and "OKAFOR" in text

    complaint_page = client.get(f"{page(dossier)}faits/complaint/")
    complaint = client.post(
        f"{page(dossier)}faits/complaint/",
        {
            "part_kind": "penal",
            "part_filed_date": "2024-03-11",
            "part_against_x": "false",
            "part_offences": "225-4-1",
            "established_by": "victim",
            "established_on": "2024-03-11",
            "proof_reference": "Récépissé de plainte 2024/118",
            "version": version(dossier),
        },
    )
    assert complaint_page.status_code == 200 and "Avez-vous porté plainte" in text_of(
        complaint_page
    )
    assert complaint.status_code == 302
    assert (
        Dossier.objects.get(pk=dossier.pk).facts.filter(name="complaint").last().value == COMPLAINT
    )

    for name, on in (
        ("file_application", date(2024, 3, 12)),
        ("start_instruction", date(2024, 3, 12)),
    ):
        assert post_act(client, dossier, name, on).status_code == 302, name
    granted = post_act(client, dossier, "grant_cst", date(2024, 4, 2))
    final = client.get(granted["Location"])  # the page at the decision's date

    assert granted.status_code == 302 and "?date=2024-04-02" in granted["Location"]
    assert Dossier.objects.get(pk=dossier.pk).state == State.CST_GRANTED
    html = text_of(final)
    assert 'data-testid="pdf-attestation"' in html and 'data-act="grant_cst"' in html
    assert "Récépissé de plainte 2024/118" in html  # the proof, in the facts and the timeline
    assert 'data-kind="decision"' in html and 'data-kind="document"' in html
    decision = Decision.objects.get(dossier=dossier, act="grant_cst")
    decision_pdf = client.get(f"{page(dossier)}pdf/decisions/{decision.pk}/")
    assert "02/04/2024" in pdf_text(decision_pdf)
    attestation = client.get(f"{page(dossier)}pdf/attestation/")
    assert attestation.status_code == 200 and "L. 425-1" in pdf_text(attestation)


def test_the_timeline_shows_who_established_each_fact_and_its_proof(dossier, users):
    client = sign_in(users["agent"])
    post_fact(client, dossier, "public_order_threat", "none", proof="Note SR 12")

    html = text_of(client.get(page(dossier)))

    rows = re.findall(r'<tr data-testid="timeline-entry" data-kind="fact">(.*?)</tr>', html, re.S)
    threat = next(row for row in rows if "Menace pour l&#x27;ordre public" in row)
    assert "Aucune menace" in threat and "Préfecture" in threat
    assert "Note SR 12" in threat and "agent75" in threat
    assert 'data-kind="procedure_stage"' in html and "Enquête en cours" in html


# ---------------------------------------------------------------- motivation, refusals, errors


def test_a_refusal_form_is_prefilled_with_a_motivation_citing_the_articles(dossier, users):
    under_instruction_without_complaint(dossier, users["agent"])
    client = sign_in(users["agent"])

    html = text_of(client.get(page(dossier)))

    textarea = re.search(
        r'<textarea name="motivation"[^>]*id="id_refuse_cst_motivation"[^>]*>(.*?)</textarea>',
        html,
        re.S,
    )
    assert textarea is not None
    motivation = textarea.group(1)
    assert "L425-1" in motivation and "CESEDA L425-1" in motivation
    assert "ni porté plainte" in motivation


def test_a_refusal_needs_a_motivation_and_nothing_is_saved_without_it(dossier, users):
    under_instruction_without_complaint(dossier, users["agent"])
    client = sign_in(users["agent"])
    before = version(dossier)

    refused = post_act(client, dossier, "refuse_cst", REFERRAL_DAY, motivation="  ")

    html = text_of(refused)
    assert refused.status_code == 409
    assert 'data-testid="alert-motivation"' in html and "CRPA L211-2" in html
    assert "Rédigez la motivation en droit et en fait" in html  # next to the field
    assert version(dossier) == before and not Decision.objects.filter(act="refuse_cst").exists()

    done = post_act(
        client, dossier, "refuse_cst", REFERRAL_DAY, motivation="Ni plainte ni témoignage (L425-1)."
    )

    assert done.status_code == 302
    assert Decision.objects.get(act="refuse_cst").motivation == "Ni plainte ni témoignage (L425-1)."
    assert Dossier.objects.get(pk=dossier.pk).state == State.CST_REFUSED


def test_a_grant_the_law_refuses_shows_the_reason_and_the_articles(dossier, users):
    under_instruction_without_complaint(dossier, users["agent"])
    client = sign_in(users["agent"])

    response = post_act(client, dossier, "grant_cst", REFERRAL_DAY)

    html = text_of(response)
    assert response.status_code == 409
    assert 'data-testid="alert-refused"' in html and "le droit n&#x27;est pas ouvert" in html
    assert 'data-testid="alert-ground">L425-1<' in html
    assert 'data-testid="alert-rules"' in html and 'href="/regles/R-SCOPE-05/"' in html
    assert Dossier.objects.get(pk=dossier.pk).state == State.UNDER_INSTRUCTION


def test_an_undetermined_grant_lists_the_facts_to_collect(dossier, users):
    act(dossier, users["agent"], "file_application", REFERRAL_DAY)
    act(dossier, users["agent"], "start_instruction", REFERRAL_DAY)
    client = sign_in(users["agent"])

    response = post_act(client, dossier, "grant_cst", REFERRAL_DAY)

    html = text_of(response)
    assert response.status_code == 409 and 'data-testid="alert-missing-facts"' in html
    assert 'data-testid="alert-fact" data-fact="complaint"' in html
    assert f'href="/dossiers/{dossier.pk}/faits/complaint/"' in html


def test_two_agents_saving_the_same_version_the_second_is_told_to_reload(dossier, users):
    agent, supervisor = sign_in(users["agent"]), sign_in(users["supervisor"])
    read = version(dossier)
    agent.get(page(dossier))
    supervisor.get(page(dossier))

    first = agent.post(
        f"{page(dossier)}faits/",
        {
            "name": "public_order_threat",
            "value": '"none"',
            "established_by": "prefecture",
            "established_on": "2024-03-01",
            "version": read,
        },
    )
    second = supervisor.post(
        f"{page(dossier)}actes/close/",
        {"version": read, "on": "2024-03-02", "motivation": "Départ volontaire."},
    )

    html = text_of(second)
    assert first.status_code == 302
    assert second.status_code == 409 and 'data-testid="alert-conflict"' in html
    assert "a été modifié par une autre personne" in html and "rien n&#x27;a été perdu" in html
    assert "Départ volontaire." in html  # what was typed is still there
    assert Dossier.objects.get(pk=dossier.pk).state == State.REFERRAL_RECEIVED


def test_a_fact_saved_meanwhile_keeps_the_answer_typed_and_asks_to_reload(dossier, users):
    client = sign_in(users["agent"])
    read = version(dossier)
    fact(dossier, users["supervisor"], "polygamy", False)

    response = client.post(
        f"{page(dossier)}faits/ties_with_perpetrators_broken/",
        {
            "value": "true",
            "established_by": "prefecture",
            "established_on": "2024-03-01",
            "proof_reference": "Entretien du 1er mars",
            "version": read,
        },
    )

    html = text_of(response)
    assert response.status_code == 409 and 'data-testid="alert-conflict"' in html
    assert 'value="Entretien du 1er mars"' in html
    assert f'name="version" value="{version(dossier)}"' in html
    assert (
        not Dossier.objects.get(pk=dossier.pk)
        .facts.filter(name="ties_with_perpetrators_broken")
        .exists()
    )


def test_an_invalid_fact_value_is_shown_next_to_the_field(dossier, users):
    client = sign_in(users["agent"])

    not_json = client.post(
        f"{page(dossier)}faits/",
        {
            "name": "polygamy",
            "value": "peut-être",
            "established_by": "prefecture",
            "established_on": "2024-03-01",
            "version": version(dossier),
        },
    )
    wrong_type = post_fact(client, dossier, "polygamy", "maybe")

    assert not_json.status_code == 400 and "JSON invalide" in text_of(not_json)
    html = text_of(wrong_type)
    assert wrong_type.status_code == 400
    assert re.search(r'id="id_fact_value-desc-error".*?Valeur refusée', html, re.S)
    assert 'value="peut-être"' not in html  # the form shown is the last one posted
    assert not Dossier.objects.get(pk=dossier.pk).facts.filter(value="maybe").exists()


def test_an_act_dated_in_the_future_is_refused_next_to_the_date(dossier, users):
    client = sign_in(users["agent"])
    tomorrow = timezone.localdate() + timedelta(days=1)

    response = post_act(client, dossier, "deliver_reflection_recepisse", tomorrow)

    assert response.status_code == 400 and "ne peut pas être dans le futur" in text_of(response)


def test_before_may_2021_the_agent_chooses_the_cst_duration(users, paris):
    day = date(2020, 3, 2)
    dossier = refer(users, paris, on=day, police_hearing_date=day, information_given_date=day)
    agent = users["agent"]
    neutral_facts(dossier, agent)
    complaint = {
        "kind": "penal",
        "filed_date": "2020-03-02",
        "against_x": False,
        "offences": ["225-4-1"],
    }
    fact(dossier, agent, "complaint", complaint, on=day, by="victim")
    act(dossier, agent, "file_application", day)
    act(dossier, agent, "start_instruction", day)
    client = sign_in(agent)

    html = text_of(client.get(f"{page(dossier)}?date=2020-04-01"))
    granted = post_act(client, dossier, "grant_cst", date(2020, 4, 1), duration_months="6")

    assert 'name="duration_months"' in html and '<option value="6">6 mois</option>' in html
    assert granted.status_code == 302 and "date=2020-04-01" in granted["Location"]
    card = Dossier.objects.get(pk=dossier.pk).documents.get(kind="cst")
    assert (card.valid_from, card.valid_until) == (date(2020, 4, 1), date(2020, 9, 30))


# ---------------------------------------------------------------- notes and PDF


def test_agents_write_and_read_private_notes(dossier, users):
    client = sign_in(users["agent"])

    added = client.post(f"{page(dossier)}notes/", {"text": "Rendez-vous avec l'association."})
    empty = client.post(f"{page(dossier)}notes/", {"text": "   "})
    html = text_of(client.get(page(dossier)))

    assert added.status_code == 302 and added["Location"].endswith("#notes")
    assert empty.status_code == 400
    assert 'data-testid="annotation"' in html and "Rendez-vous avec l&#x27;association." in html


def test_pdf_downloads_are_refused_to_others_and_audited_as_reads(dossier, users):
    neutral_facts(dossier, users["agent"])
    act(dossier, users["agent"], "deliver_reflection_recepisse", REFERRAL_DAY)
    url = f"{page(dossier)}pdf/recepisse/"

    refused = sign_in(users["other_agent"]).get(url)
    reads = AuditEvent.objects.filter(dossier_number=dossier.number, action="read").count()
    served = sign_in(users["supervisor"]).get(url)

    assert refused.status_code == 403
    assert served.status_code == 200 and served["Content-Type"] == "application/pdf"
    assert AuditEvent.objects.filter(dossier_number=dossier.number, action="read").count() == (
        reads + 1
    )


def test_pdfs_not_issued_are_not_found(dossier, users):
    client = sign_in(users["agent"])

    assert client.get(f"{page(dossier)}pdf/recepisse/").status_code == 404
    assert client.get(f"{page(dossier)}pdf/attestation/").status_code == 404
    assert client.get(f"{page(dossier)}pdf/decisions/999999/").status_code == 404


# ---------------------------------------------------------------- dashboard: search and deadlines


def test_search_by_last_name_ignores_case_and_accents_and_decrypts_nothing(
    users, paris, lyon, monkeypatch
):
    person = PersonInput("Chidinma", "Ézé-Obi", date(1998, 2, 3), "NG", "7509876543")
    wanted = refer(users, paris, person=person)
    refer(users, paris)  # someone else
    refer(users, lyon, person=person)  # the same name in another prefecture
    client = sign_in(users["agent"])
    decrypted = []
    real = encryption.decrypt
    monkeypatch.setattr(encryption, "decrypt", lambda token: decrypted.append(1) or real(token))

    by_last_name = text_of(client.get("/dossiers/recherche/", {"q": "EZE OBI"}))
    by_full_name = text_of(client.get("/dossiers/recherche/", {"q": "eze-obi chidinma"}))
    by_number = text_of(client.get("/dossiers/recherche/", {"q": wanted.number}))

    for html in (by_last_name, by_full_name, by_number):
        assert re.findall(r'data-testid="search-result-link">([^<]+)<', html) == [wanted.number]
    assert decrypted == []


def test_search_is_for_prefecture_staff_only(users):
    assert sign_in(users["police"]).get("/dossiers/recherche/", {"q": "Okafor"}).status_code == 403


def test_the_dashboard_lists_the_reflection_end_within_30_days(dossier, users):
    today = timezone.localdate()
    neutral_facts(dossier, users["agent"])
    act(dossier, users["agent"], "deliver_reflection_recepisse", today)
    client = sign_in(users["agent"])

    html = text_of(client.get("/"))

    end = today + timedelta(days=30)
    rows = re.findall(
        r'<tr data-testid="deadline" data-kind="reflection_end">(.*?)</tr>', html, re.S
    )
    assert len(rows) == 1
    assert f"{end:%d/%m/%Y}" in rows[0] and "Fin du délai de réflexion" in rows[0]
    assert f'href="/dossiers/{dossier.pk}/"' in rows[0] and dossier.number in rows[0]
    assert 'data-testid="search-form"' in html


def test_the_dashboard_shows_no_deadline_of_another_prefecture(dossier, users):
    neutral_facts(dossier, users["agent"])
    act(dossier, users["agent"], "deliver_reflection_recepisse", timezone.localdate())

    html = text_of(sign_in(users["other_agent"]).get("/"))

    assert 'data-testid="deadline"' not in html and 'data-testid="no-deadlines"' in html


# ---------------------------------------------------------------- pure helpers


def test_the_motivation_draft_lists_the_rules_against_with_their_articles():
    explanation = {
        "objects": [
            {
                "object": "cst",
                "grounds": ["L425-1"],
                "rules": [
                    {
                        "rule": "R-A",
                        "text": "Pour",
                        "citations": ["X"],
                        "met": True,
                        "favourable": True,
                    },
                    {
                        "rule": "R-B",
                        "text": "Contre.",
                        "citations": ["CESEDA L425-1"],
                        "met": False,
                        "favourable": False,
                    },
                    {
                        "rule": "R-C",
                        "text": "Inconnu",
                        "citations": [],
                        "met": None,
                        "favourable": None,
                    },
                ],
            }
        ]
    }

    draft = motivation_from(explanation, "cst")

    assert draft.startswith("Vu le code de l'entrée et du séjour des étrangers")
    assert "son article L425-1 ;" in draft
    assert "– Contre (CESEDA L425-1) ;" in draft
    assert "Pour" not in draft and "Inconnu" not in draft
    assert motivation_from(explanation, "aps") == ""


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("testimony", {"happened": "none"}, "none"),
        ("testimony", {"happened": "unknown"}, None),
        (
            "testimony",
            {"happened": "yes", "part_date": "2024-05-02", "part_accused_prosecuted": "true"},
            {"date": "2024-05-02", "accused_prosecuted": True},
        ),
        ("police_hearing_date", {"happened": "yes", "value": "2024-02-28"}, "2024-02-28"),
        ("police_hearing_date", {"happened": "none"}, "none"),
        ("ties_with_perpetrators_broken", {"value": "false"}, False),
        ("public_order_threat", {"value": "unknown"}, None),
        ("integration_efforts", {"value": ["employment"]}, ["employment"]),
        ("monthly_resources_eur", {"value": "420"}, 420.0),
        ("monthly_resources_eur", {"value": "420", "unknown": "on"}, None),
        ("convicted_offences_of_accused", {"value": "225-4-1, 225-5"}, ["225-4-1", "225-5"]),
        ("victim_convictions", {"value": "[]"}, []),
        ("complaint", {"unknown": "on", "part_kind": "penal"}, None),
    ],
)
def test_each_fact_type_has_a_widget_that_gives_the_value_of_the_law(name, data, expected):
    provenance = {"established_by": "prefecture", "established_on": "2024-03-01", "version": 1}
    form = TypedFactForm(name, {**provenance, **data})

    assert form.is_valid(), form.errors
    assert form.fact_value() == expected


def test_an_event_said_to_have_happened_needs_its_date():
    form = TypedFactForm(
        "police_hearing_date",
        {
            "happened": "yes",
            "established_by": "police",
            "established_on": "2024-03-01",
            "version": 1,
        },
    )

    assert not form.is_valid() and "Indiquez la date" in str(form.errors["value"])


def test_every_fact_an_agent_records_has_its_page_with_its_question(dossier, users):
    client = sign_in(users["agent"])

    for name in editable_facts():
        response = client.get(f"{page(dossier)}faits/{name}/")
        assert response.status_code == 200, name
        assert 'data-testid="typed-fact-form"' in text_of(response), name
    assert client.get(f"{page(dossier)}faits/criminal_procedure_status/").status_code == 404


def test_a_fact_page_shows_the_value_recorded_and_prefills_it(dossier, users):
    client = sign_in(users["agent"])
    fact(dossier, users["agent"], "complaint", COMPLAINT, on=date(2024, 3, 11), by="victim")

    html = text_of(client.get(f"{page(dossier)}faits/complaint/"))

    assert "Plainte pénale" in html and "225-4-1" in html
    assert 'value="2024-03-11"' in html


def test_status_badge_says_the_status_in_words():
    assert_html = SimpleTestCase().assertInHTML

    assert_html(
        '<span class="fr-badge fr-badge--sm fr-badge--error" data-testid="status-badge"'
        ' data-status="NON_REMPLI">Condition non remplie</span>',
        Template("{% load sejour %}{% status_badge 'NON_REMPLI' %}").render(Context()),
    )
    assert_html(
        '<span class="fr-badge fr-badge--sm" data-testid="status-badge"'
        ' data-status="NON_APPLICABLE">Non applicable</span>',
        Template("{% load sejour %}{% status_badge 'NON_APPLICABLE' %}").render(Context()),
    )


def test_citation_link_points_to_the_rule_documentation_page():
    rendered = Template("{% load sejour %}{% citation_link 'R-CST-01' 'CESEDA L425-1' %}").render(
        Context()
    )

    SimpleTestCase().assertInHTML(
        '<a class="fr-link" href="/regles/R-CST-01/" data-testid="citation" data-rule="R-CST-01">'
        'CESEDA L425-1<span class="fr-sr-only"> (règle R-CST-01)</span></a>',
        rendered,
    )


def test_fact_values_are_shown_in_words():
    assert fact_value(None, "polygamy") == "Inconnu"
    assert fact_value("none", "testimony") == "N'a pas eu lieu"
    assert fact_value(True, "polygamy") == "Oui"
    assert fact_value("serious_threat", "public_order_threat") == "Menace grave"
    assert fact_value({"kind": "penal", "filed_date": "2024-03-11"}, "complaint") == (
        "Type de plainte : Plainte pénale ; Date de dépôt de la plainte : 11/03/2024"
    )
