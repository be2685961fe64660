"""The acts of the lifecycle in the authenticated API: GET …/acts gives the law's verdict
per act, POST …/acts/{act} performs it through services.perform; every outcome of the
service is a problem document naming what is wrong."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from sejour_traite.accounts import tokens
from sejour_traite.dossiers import services
from sejour_traite.dossiers.models import AuditEvent, Decision, Dossier, State
from tests.dossiers.conftest import REFERRAL_DAY
from tests.dossiers.journeys import in_reflection
from tests.dossiers.test_journey import act, fact, neutral_facts

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"
MOTIVATION = "Liens renoués avec les auteurs le 10/03/2024 (CESEDA R425-2 al. 2)."


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {tokens.create(user, 'test')[1]}"}


def version(dossier) -> int:
    return Dossier.objects.get(pk=dossier.pk).version


def post(user, dossier, name, **body):
    if "version" not in body:
        body["version"] = version(dossier)
    body.setdefault("on", REFERRAL_DAY.isoformat())
    return Client().post(
        f"/api/v1/dossiers/{dossier.pk}/acts/{name}",
        json.dumps(body),
        content_type="application/json",
        **bearer(user),
    )


def verdicts(user, dossier, on=REFERRAL_DAY):
    response = Client().get(
        f"/api/v1/dossiers/{dossier.pk}/acts", {"on": on.isoformat()}, **bearer(user)
    )
    assert response.status_code == 200, response.content
    return {item["act"]: item for item in response.json()["acts"]}


@pytest.fixture
def ties_renewed(users, paris):
    """In reflection; the ties with the perpetrators renewed on 2024-03-10: interrupting the
    period is left to the prefect's appraisal (R-REFLEXION-05, DISCRETIONNAIRE)."""
    agent = users["agent"]
    dossier = in_reflection(users, paris, agent)
    on = date(2024, 3, 10)
    fact(dossier, agent, "ties_renewed_on_own_initiative_date", on.isoformat(), on=on)
    for name, value in (("complaint", {"kind": "none"}), ("testimony", "none")):
        fact(dossier, agent, name, value)
    fact(dossier, agent, "public_order_threat", "none")
    return dossier


@pytest.fixture
def without_complaint(dossier, users):
    """Under instruction, with neither complaint nor testimony: no CST (L425-1)."""
    agent = users["agent"]
    neutral_facts(dossier, agent)
    fact(dossier, agent, "complaint", {"kind": "none"})
    act(dossier, agent, "file_application", REFERRAL_DAY)
    act(dossier, agent, "start_instruction", REFERRAL_DAY)
    return dossier


# ---------------------------------------------------------------- GET …/acts


def test_the_acts_of_a_new_referral_and_their_verdicts(dossier, users):
    found = verdicts(users["agent"], dossier)

    assert set(found) == {
        "deliver_reflection_recepisse",
        "file_application",
        "examine_other_basis",
        "grant_aps",
        "defer_to_majority",
        "close",
    }
    recepisse = found["deliver_reflection_recepisse"]
    assert recepisse["verdict"] == "indeterminate"
    assert recepisse["to_state"] == "reflection"
    assert recepisse["missing_facts"] == [
        "is_eu_family_member_in_france",
        "previous_reflection_period_for_same_facts",
    ]
    assert found["close"]["verdict"] == "allowed" and found["close"]["motivation_required"]
    assert found["file_application"]["verdict"] == "allowed"
    assert AuditEvent.objects.filter(
        dossier_number=dossier.number, action="read", interface="api"
    ).exists()


def test_a_discretionary_act_comes_with_a_motivation_draft(ties_renewed, users):
    interrupt = verdicts(users["agent"], ties_renewed, date(2024, 3, 11))["interrupt_reflection"]

    assert interrupt["verdict"] == "discretionary"
    assert interrupt["status"] == "DISCRETIONNAIRE"
    assert interrupt["motivation_required"] is True
    assert "R425-2 al. 2" in interrupt["motivation"]
    assert interrupt["motivation"].startswith("Vu le code de l'entrée et du séjour")
    assert [r["rule"] for r in interrupt["rules_against"]] == ["R-REFLEXION-05"]


def test_an_excluded_act_comes_with_the_reason_and_the_articles(without_complaint, users):
    found = verdicts(users["agent"], without_complaint)

    grant = found["grant_cst"]
    assert grant["verdict"] == "excluded"
    assert grant["reason"] == "le droit n'est pas ouvert (NON_REMPLI)"
    assert "L425-1" in grant["grounds"]
    assert grant["rules_against"]
    refuse = found["refuse_cst"]
    assert refuse["verdict"] == "allowed" and refuse["motivation_required"]
    assert "L425-1" in refuse["motivation"]


def test_the_acts_are_for_those_who_decide(dossier, users):
    client = Client()
    url = f"/api/v1/dossiers/{dossier.pk}/acts"
    services.share_with_association(
        dossier.pk, by=users["agent"], association=users["association"], on=REFERRAL_DAY
    )

    assert client.get(url, **bearer(users["other_agent"])).status_code == 403
    assert client.get(url, **bearer(users["police"])).status_code == 403
    assert client.get(url, **bearer(users["association"])).status_code == 403
    assert client.get(url, **bearer(users["supervisor"])).status_code == 200
    assert client.get(url).status_code == 401
    assert client.get("/api/v1/dossiers/999999/acts", **bearer(users["agent"])).status_code == 404
    future = (timezone.localdate() + timedelta(days=1)).isoformat()
    late = client.get(url, {"on": future}, **bearer(users["agent"]))
    assert late.status_code == 422 and late.json()["errors"][0]["field"] == "on"


# ---------------------------------------------------------------- POST …/acts/{act}


def test_an_allowed_act_is_performed_and_audited(dossier, users):
    agent = users["agent"]
    fact(dossier, agent, "is_eu_family_member_in_france", False)
    fact(dossier, agent, "previous_reflection_period_for_same_facts", False)
    before = version(dossier)

    response = post(agent, dossier, "deliver_reflection_recepisse")

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["decision"]["act"] == "deliver_reflection_recepisse"
    assert body["decision"]["outcome"] == "DE_PLEIN_DROIT"
    assert body["decision"]["to_state"] == body["dossier"]["state"] == "reflection"
    assert body["dossier"]["version"] == before + 1
    assert body["documents"][0]["kind"] == "reflection_recepisse"
    assert body["documents"][0]["valid_until"] == "2024-03-31"
    assert AuditEvent.objects.filter(
        dossier_number=dossier.number, action="deliver_reflection_recepisse", interface="api"
    ).exists()


def test_a_discretionary_act_without_motivation_names_the_motivation_field(ties_renewed, users):
    agent = users["agent"]

    missing = post(agent, ties_renewed, "interrupt_reflection", on="2024-03-11")
    blank = post(agent, ties_renewed, "interrupt_reflection", on="2024-03-11", motivation="  ")
    done = post(agent, ties_renewed, "interrupt_reflection", on="2024-03-11", motivation=MOTIVATION)

    for refused in (missing, blank):
        assert refused.status_code == 422
        assert refused["Content-Type"] == PROBLEM
        assert refused.json()["code"] == "motivation_required"
        assert refused.json()["errors"][0]["field"] == "motivation"
    assert done.status_code == 201, done.content
    assert done.json()["decision"]["outcome"] == "DISCRETIONNAIRE"
    assert done.json()["decision"]["motivation"] == MOTIVATION
    assert done.json()["dossier"]["state"] == "reflection_interrupted"


def test_an_act_the_law_excludes_is_a_conflict_carrying_the_explanation(without_complaint, users):
    response = post(users["agent"], without_complaint, "grant_cst")

    assert response.status_code == 409
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["code"] == "refused"
    assert "le droit n'est pas ouvert" in body["detail"]
    assert "L425-1" in body["grounds"]
    assert body["rules"] and all({"rule", "text", "citations"} <= set(r) for r in body["rules"])
    assert Dossier.objects.get(pk=without_complaint.pk).state == State.UNDER_INSTRUCTION
    assert not Decision.objects.filter(dossier=without_complaint, act="grant_cst").exists()


def test_an_undetermined_act_lists_the_facts_to_establish(dossier, users):
    response = post(users["agent"], dossier, "deliver_reflection_recepisse")

    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "missing_facts"
    assert body["missing_facts"] == [
        "is_eu_family_member_in_france",
        "previous_reflection_period_for_same_facts",
    ]
    assert [e["field"] for e in body["errors"]] == [
        "facts.is_eu_family_member_in_france",
        "facts.previous_reflection_period_for_same_facts",
    ]


def test_an_act_the_state_does_not_allow_says_which_are(dossier, users):
    response = post(users["agent"], dossier, "grant_cst")

    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "not_possible_in_state"
    assert body["state"] == "referral_received"
    assert "deliver_reflection_recepisse" in body["allowed_acts"]


def test_a_stale_version_is_a_conflict_and_nothing_is_written(dossier, users):
    agent = users["agent"]
    stale = version(dossier)
    fact(dossier, agent, "is_eu_family_member_in_france", False)

    response = post(agent, dossier, "close", version=stale, motivation="Départ de France.")

    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "version_conflict"
    assert body["expected_version"] == stale and body["current_version"] == stale + 1
    assert "a été modifié" in body["detail"]
    assert Dossier.objects.get(pk=dossier.pk).state == State.REFERRAL_RECEIVED


def test_other_prefecture_police_and_association_may_not_act(dossier, users):
    services.share_with_association(
        dossier.pk, by=users["agent"], association=users["association"], on=REFERRAL_DAY
    )

    for who in ("other_agent", "other_supervisor", "police", "association", "auditor", "admin"):
        response = post(users[who], dossier, "close", motivation="Motivation.")
        assert response.status_code == 403, who
        assert response["Content-Type"] == PROBLEM
    assert Dossier.objects.get(pk=dossier.pk).state == State.REFERRAL_RECEIVED
    assert post(users["agent"], Dossier(pk=999999), "close", version=1).status_code == 404


def test_the_body_is_checked_field_by_field(dossier, users):
    agent = users["agent"]
    future = (timezone.localdate() + timedelta(days=1)).isoformat()

    late = post(agent, dossier, "close", on=future, motivation="M.")
    number = post(agent, dossier, "close", on=20240301, motivation="M.")
    no_version = Client().post(
        f"/api/v1/dossiers/{dossier.pk}/acts/close",
        json.dumps({"on": "2024-03-01"}),
        content_type="application/json",
        **bearer(agent),
    )
    unknown = post(agent, dossier, "promote")

    assert late.status_code == 422 and late.json()["errors"][0]["field"] == "on"
    assert number.status_code == 422 and number.json()["errors"][0]["field"] == "on"
    assert no_version.status_code == 422
    assert no_version.json()["errors"][0]["field"] == "version"
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "act"


def test_a_duration_outside_the_bounds_names_the_field(users, paris):
    """Before 2021-05-01 the agent chooses the CST's duration within the bounds (R-CST-03);
    the service's InvalidInput comes back naming duration_months."""
    agent = users["agent"]
    dossier = services.open_referral(
        by=users["police"],
        prefecture=paris,
        person=services.PersonInput("Joy", "Exemple", date(1990, 1, 1), "NG"),
        police_unit="",
        procedure_reference="PV 2019/1",
        on=date(2019, 6, 3),
        police_hearing_date=date(2019, 6, 3),
        information_given_date=date(2019, 6, 3),
        reflection_requested=True,
        photo_provided=True,
    )
    day = date(2019, 6, 4)
    neutral_facts(dossier, agent)
    complaint = {"kind": "penal", "filed_date": "2019-06-03", "against_x": False}
    fact(dossier, agent, "complaint", {**complaint, "offences": ["225-4-1"]}, on=day)
    act(dossier, agent, "file_application", day)
    act(dossier, agent, "start_instruction", day)
    grant = verdicts(agent, dossier, day)["grant_cst"]
    if grant["duration_months"] is None:
        pytest.skip(f"no duration to choose on {day} ({grant['verdict']})")
    high = grant["duration_months"]["max"]

    response = post(agent, dossier, "grant_cst", on=day.isoformat(), duration_months=high + 1)

    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"
    assert response.json()["errors"][0]["field"] == "duration_months"
