"""Police and gendarmerie referrers: the referral form, the list of their unit's dossiers and
the report of the criminal procedure's stage."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from sejour_traite.accounts.models import Role
from sejour_traite.dossiers import services
from sejour_traite.dossiers.errors import InvalidInput
from sejour_traite.dossiers.models import AuditEvent, Dossier, FactRecord, ProcedureStage
from tests.dossiers.conftest import refer
from tests.web.test_auth import code

pytestmark = pytest.mark.django_db

REFERRAL = "/signalement/"
LIST = "/police/dossiers/"


def sign_in(user) -> Client:
    client = Client()
    client.post("/connexion/", {"username": user.username, "password": "x"})
    if user.role in (Role.AGENT, Role.SUPERVISOR):
        device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
        client.post("/connexion/second-facteur/", {"token": code(device)})
    return client


def referral_data(chosen, **overrides) -> dict[str, str]:
    today = timezone.localdate()
    data = {
        "first_names": "Amina",
        "last_name": "Okafor",
        "date_of_birth": "1996-05-14",
        "nationality": "NG",
        "foreigner_number": "7501234567",
        "police_unit": "BRP Paris",
        "procedure_reference": "PV 2024/118",
        "police_hearing_date": today.isoformat(),
        "information_given_date": today.isoformat(),
        "reflection_requested": "yes",
        "photo_provided": "yes",
        "prefecture": str(chosen.pk),
    }
    data.update(overrides)
    return data


def stage_data(dossier, **overrides) -> dict[str, str]:
    values = {
        "stage": "prosecution",
        "procedure_reference": "PV 2024/118",
        "reported_on": timezone.localdate().isoformat(),
    }
    values.update(overrides)
    return {f"d{dossier.pk}-{name}": value for name, value in values.items()}


# ---------------------------------------------------------------- who may


def test_the_referral_form_is_for_police_only_with_the_unit_prefilled(users):
    page = sign_in(users["police"]).get(REFERRAL)

    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="referral-form"' in html
    assert 'value="BRP Paris"' in html
    assert "Préfecture du Rhône (69)" in html and "Préfecture de police (75)" in html


@pytest.mark.parametrize("role", ["agent", "supervisor", "association", "auditor", "admin"])
def test_other_roles_are_refused_the_police_pages(users, role):
    client = sign_in(users[role])

    assert client.get(REFERRAL).status_code == 403
    assert client.get(LIST).status_code == 403


def test_an_anonymous_visitor_is_sent_to_sign_in():
    response = Client().get(REFERRAL)

    assert response.status_code == 302 and response["Location"].startswith("/connexion/")


# ---------------------------------------------------------------- the referral


def test_a_referral_creates_the_dossier_in_the_chosen_prefecture_and_mails_its_agents(
    users, lyon, mailoutbox, django_capture_on_commit_callbacks
):
    client = sign_in(users["police"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REFERRAL, referral_data(lyon))

    dossier = Dossier.objects.get()
    assert response.status_code == 302 and response["Location"] == "/signalement/envoye/"
    assert dossier.prefecture == lyon and dossier.number.startswith("69-")
    assert dossier.police_unit == "BRP Paris" and dossier.referred_by == users["police"]
    assert dossier.person.last_name == "Okafor" and dossier.person.nationality == "NG"
    assert len(mailoutbox) == 1
    assert sorted(mailoutbox[0].to) == ["agent69@example.org", "chef69@example.org"]
    assert dossier.number in mailoutbox[0].subject
    assert AuditEvent.objects.filter(
        action="refer", dossier_number=dossier.number, interface="web"
    ).exists()


def test_the_confirmation_shows_the_number_only_and_only_once(users, lyon):
    client = sign_in(users["police"])
    client.post(REFERRAL, referral_data(lyon))

    done = client.get("/signalement/envoye/")
    again = client.get("/signalement/envoye/")

    number = Dossier.objects.get().number
    html = done.content.decode()
    assert done.status_code == 200
    assert f'data-testid="referral-number">{number}<' in html
    assert "Amina" not in html and "Okafor" not in html and "7501234567" not in html
    assert again.status_code == 302 and again["Location"] == REFERRAL


def test_i_do_not_know_is_recorded_as_unknown_not_as_no(users, paris):
    client = sign_in(users["police"])

    client.post(REFERRAL, referral_data(paris, reflection_requested="unknown", photo_provided="no"))

    facts = dict(FactRecord.objects.values_list("name", "value"))
    assert "reflection_requested" not in facts  # unknown: no fact recorded
    assert facts["photo_provided"] is False


def test_an_empty_information_date_records_that_it_has_not_been_given(users, paris):
    client = sign_in(users["police"])

    client.post(REFERRAL, referral_data(paris, information_given_date=""))

    assert FactRecord.objects.get(name="information_given_date").value == "none"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("last_name", "", "Ce champ est obligatoire."),
        ("prefecture", "", "Ce champ est obligatoire."),
        ("reflection_requested", "", "Ce champ est obligatoire."),
        ("police_hearing_date", "31/02/2024", "Saisissez une date valide."),
        ("foreigner_number", "12AB", "Saisissez les dix chiffres du numéro étranger."),
        ("nationality", "ZZ", "Sélectionnez un choix valide."),
    ],
)
def test_invalid_input_is_shown_next_to_its_field_and_creates_nothing(
    users, paris, field, value, message
):
    client = sign_in(users["police"])

    page = client.post(REFERRAL, referral_data(paris, **{field: value}))

    html = page.content.decode()
    assert page.status_code == 200 and 'data-testid="form-errors"' in html
    error_block = html.split(f'id="id_{field}-desc-error"', 1)[1].split("</div>", 1)[0]
    assert message in error_block
    assert not Dossier.objects.exists()


def test_a_hearing_in_the_future_is_refused(users, paris):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()

    page = sign_in(users["police"]).post(
        REFERRAL, referral_data(paris, police_hearing_date=tomorrow)
    )

    assert "La date ne peut pas être dans le futur." in page.content.decode()
    assert not Dossier.objects.exists()


def test_an_error_of_the_service_is_shown_next_to_the_field_it_names(users, paris, monkeypatch):
    def refuse(**kwargs):
        raise InvalidInput("police_hearing_date", "la date d'audition ne peut pas être future")

    monkeypatch.setattr(services, "open_referral", refuse)

    page = sign_in(users["police"]).post(REFERRAL, referral_data(paris))

    html = page.content.decode()
    block = html.split('id="id_police_hearing_date-desc-error"', 1)[1].split("</div>", 1)[0]
    assert "la date d&#x27;audition ne peut pas être future" in block


# ---------------------------------------------------------------- the unit's dossiers


def test_the_list_shows_the_unit_s_dossiers_number_and_stage_only(users, paris, lyon):
    own = refer(users, paris)
    other_unit = refer(
        users, lyon, by=users["other_police"], police_unit="SR Lyon", procedure_reference="X"
    )

    page = sign_in(users["police"]).get(LIST)

    html = page.content.decode()
    assert page.status_code == 200
    assert f'data-testid="police-dossier-{own.number}"' in html
    assert "Enquête en cours" in html  # the stage of a new referral
    assert other_unit.number not in html
    assert "Amina" not in html and "Okafor" not in html and "7501234567" not in html


def test_a_unit_without_dossiers_sees_an_empty_list(users):
    page = sign_in(users["other_police"]).get(LIST)

    assert 'data-testid="no-dossiers"' in page.content.decode()


def test_a_stage_report_records_the_stage_and_reevaluates_the_dossier(users, paris):
    dossier = refer(users, paris)
    version = dossier.version
    client = sign_in(users["police"])

    response = client.post(f"{LIST}{dossier.pk}/stade/", stage_data(dossier))
    listing = client.get(LIST)

    dossier.refresh_from_db()
    latest = ProcedureStage.objects.filter(dossier=dossier).latest("id")
    assert response.status_code == 302
    assert response["Location"] == f"{LIST}#dossier-{dossier.number}"
    assert (latest.stage, latest.procedure_reference) == ("prosecution", "PV 2024/118")
    assert latest.reported_by == users["police"] and dossier.version == version + 1
    assert AuditEvent.objects.filter(
        action="report_stage", dossier_number=dossier.number, interface="web"
    ).exists()
    html = listing.content.decode()
    assert 'data-testid="stage-recorded"' in html and "Poursuites engagées" in html


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("stage", "complaint_lost", "Sélectionnez un choix valide."),
        ("procedure_reference", "", "Ce champ est obligatoire."),
        ("reported_on", "", "Ce champ est obligatoire."),
    ],
)
def test_an_invalid_stage_report_shows_the_error_and_records_nothing(
    users, paris, field, value, message
):
    dossier = refer(users, paris)
    before = ProcedureStage.objects.count()

    page = sign_in(users["police"]).post(
        f"{LIST}{dossier.pk}/stade/", stage_data(dossier, **{field: value})
    )

    html = page.content.decode()
    assert page.status_code == 200 and 'data-testid="form-errors"' in html
    block = html.split(f'id="id_d{dossier.pk}-{field}-desc-error"', 1)[1].split("</div>", 1)[0]
    assert message in block
    assert ProcedureStage.objects.count() == before


def test_a_stage_in_the_future_is_refused(users, paris):
    dossier = refer(users, paris)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()

    page = sign_in(users["police"]).post(
        f"{LIST}{dossier.pk}/stade/", stage_data(dossier, reported_on=tomorrow)
    )

    assert "La date ne peut pas être dans le futur." in page.content.decode()
    assert ProcedureStage.objects.filter(dossier=dossier).count() == 1


def test_another_unit_cannot_report_a_stage_and_nothing_is_recorded(users, paris):
    dossier = refer(users, paris)

    response = sign_in(users["other_police"]).post(
        f"{LIST}{dossier.pk}/stade/", stage_data(dossier)
    )

    assert response.status_code == 403
    assert ProcedureStage.objects.filter(dossier=dossier).count() == 1


def test_an_unknown_dossier_is_not_found_and_a_get_is_not_allowed(users, paris):
    dossier = refer(users, paris)
    client = sign_in(users["police"])

    assert client.post(f"{LIST}999999/stade/", stage_data(dossier)).status_code == 404
    assert client.get(f"{LIST}{dossier.pk}/stade/").status_code == 405


def test_police_cannot_open_the_dossier_page(users, paris):
    dossier = refer(users, paris)
    try:
        url = reverse("web:dossier", args=[dossier.pk])
    except NoReverseMatch:
        pytest.skip("the dossier pages (web:dossier) do not exist yet")

    response = sign_in(users["police"]).get(url)

    assert response.status_code in (403, 404)
