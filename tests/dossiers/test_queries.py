"""The read side: deadlines due per prefecture, a dossier's history, the audit trail."""

from __future__ import annotations

from datetime import date

import pytest

from sejour_traite.accounts.models import Role
from sejour_traite.dossiers import queries, services
from tests.dossiers.conftest import REFERRAL_DAY, make_user, refer
from tests.dossiers.journeys import full_journey, in_reflection, seed_neutral_facts
from tests.dossiers.test_journey import act

pytestmark = pytest.mark.django_db

MARCH = (date(2024, 3, 1), date(2024, 3, 31))


@pytest.fixture
def two_prefectures(users, paris, lyon):
    """A dossier in reflection in each prefecture (deadlines on 2024-03-31), one closed."""
    closed = in_reflection(users, paris, users["agent"])
    act(closed, users["agent"], "close", date(2024, 3, 2), motivation="Départ du territoire.")
    return {
        "closed": closed,
        "paris": in_reflection(users, paris, users["agent"]),
        "lyon": in_reflection(users, lyon, users["other_agent"]),
    }


def _due(user, start, end) -> list[tuple[str, str, date]]:
    return [(d.dossier.number, d.kind, d.due_on) for d in queries.deadlines_due(user, start, end)]


def test_agents_and_supervisors_see_the_deadlines_of_their_own_prefecture(two_prefectures, users):
    number = two_prefectures["paris"].number  # not the closed one: its deadlines are left out
    paris_deadlines = [
        (number, "document_expiry", date(2024, 3, 31)),
        (number, "reflection_end", date(2024, 3, 31)),
    ]

    assert sorted(_due(users["agent"], *MARCH)) == paris_deadlines
    assert sorted(_due(users["supervisor"], *MARCH)) == paris_deadlines
    assert {n for n, _, _ in _due(users["other_agent"], *MARCH)} == {"69-2024-00001"}


def test_deadlines_due_is_a_closed_interval_soonest_first(two_prefectures, users):
    assert _due(users["agent"], date(2024, 3, 31), date(2024, 3, 31))
    assert not _due(users["agent"], date(2024, 3, 1), date(2024, 3, 30))
    assert not _due(users["agent"], date(2024, 4, 1), date(2024, 4, 30))


def test_no_one_else_sees_deadlines(two_prefectures, users, paris):
    inactive = make_user("old75", Role.AGENT, paris)
    inactive.is_active = False
    inactive.save(update_fields=["is_active"])

    for user in (
        users["police"],
        users["association"],
        users["auditor"],
        users["admin"],
        inactive,
        None,
    ):
        assert _due(user, *MARCH) == [], user


def test_the_history_lists_stages_facts_decisions_and_documents_in_date_order(
    users, paris, django_assert_num_queries
):
    dossier = services.view(full_journey(users, paris).pk, by=users["agent"])

    with django_assert_num_queries(4):  # whatever the size of the dossier
        entries = queries.history(dossier)

    assert [e.on for e in entries] == sorted(e.on for e in entries)
    kinds = {e.kind for e in entries}
    assert kinds == {"procedure_stage", "fact", "decision", "document"}
    first = entries[0]
    assert (first.on, first.kind, first.details["stage"]) == (
        REFERRAL_DAY,
        "procedure_stage",
        "investigation",
    )
    hearing = next(e for e in entries if e.details.get("name") == "police_hearing_date")
    assert hearing.details["established_by"] == "police"
    assert hearing.details["proof_reference"] == "PV 2024/118"
    assert hearing.details["recorded_by_id"] == users["police"].pk
    complaint = next(e for e in entries if e.details.get("name") == "complaint")
    assert (complaint.on, complaint.details["established_by"]) == (date(2024, 3, 11), "victim")
    acts = [e.details["act"] for e in entries if e.kind == "decision"]
    assert acts == [
        "deliver_reflection_recepisse",
        "file_application",
        "start_instruction",
        "grant_cst",
        "file_renewal_application",
        "renew_cst",
        "grant_carte_resident",
    ]
    documents = [e.details["kind"] for e in entries if e.kind == "document"]
    assert documents[0] == "reflection_recepisse"
    assert documents[-1] == "carte_resident"


def test_on_the_same_day_what_was_established_comes_before_the_decision_and_its_document(
    users, paris
):
    dossier = refer(users, paris)
    seed_neutral_facts(dossier, users["agent"])
    act(dossier, users["agent"], "deliver_reflection_recepisse", REFERRAL_DAY)

    kinds = [e.kind for e in queries.history(dossier) if e.on == REFERRAL_DAY]

    assert kinds == sorted(kinds, key=["procedure_stage", "fact", "decision", "document"].index)
    assert kinds[-2:] == ["decision", "document"]
