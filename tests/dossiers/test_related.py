"""Reading a dossier's rows once: the same answers as reading them one query at a time, in
few round trips (one on PostgreSQL), kept in step by the acts; keyset pages of deadlines."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sejour_traite.dossiers import deadlines, queries, related, services
from sejour_traite.dossiers.errors import ActionNotPermitted
from sejour_traite.dossiers.models import AggregateCount, AuditEvent, Deadline, Dossier
from tests.dossiers.conftest import REFERRAL_DAY
from tests.dossiers.journeys import full_journey, in_reflection
from tests.dossiers.test_journey import act

pytestmark = pytest.mark.django_db

POSTGRESQL = connection.vendor == "postgresql"


def _statements(captured) -> list[str]:
    """The SQL statements sent (transaction control left out)."""
    return [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"] not in ("BEGIN", "COMMIT") and not q["sql"].startswith(("SAVEPOINT", "RELEASE"))
    ]


def test_a_loaded_dossier_gives_the_same_facts_history_and_deadlines(users, paris):
    dossier = full_journey(users, paris)
    plain = Dossier.objects.get(pk=dossier.pk)
    loaded = services.view(dossier.pk, by=users["agent"], load_related=True)

    for on in (REFERRAL_DAY, date(2025, 6, 1), date(2030, 1, 1)):
        assert services.raw_facts(loaded, on) == services.raw_facts(plain, on), on
    assert queries.history(loaded) == queries.history(plain)
    assert list(loaded.deadlines.all()) == list(plain.deadlines.order_by("due_on", "id"))
    for name in related.RELATIONS:
        assert related.cached(loaded, name) is not None, name
        assert related.cached(plain, name) is None, name


def test_a_loaded_dossier_reads_nothing_more_for_its_evaluation_and_history(users, paris):
    dossier = full_journey(users, paris)
    loaded = services.view(dossier.pk, by=users["agent"], load_related=True)

    with CaptureQueriesContext(connection) as captured:
        services.evaluate(loaded, date(2025, 6, 1))
        queries.history(loaded)
        list(loaded.deadlines.all())
        [row.dossier.number for row in loaded.facts.all()]

    assert _statements(captured) == []


def test_viewing_a_dossier_with_its_rows_is_one_read_and_the_audit(dossier, users):
    with CaptureQueriesContext(connection) as captured:
        services.view(dossier.pk, by=users["agent"], load_related=True)

    # The dossier and its six relations (together on PostgreSQL), the head, the event (and
    # the head moved, a separate statement on SQLite).
    assert len(_statements(captured)) == (3 if POSTGRESQL else 10)


def test_an_act_reads_the_dossier_once_and_writes_in_few_statements(users, paris):
    dossier = in_reflection(users, paris, users["agent"])
    dossier.refresh_from_db()

    with CaptureQueriesContext(connection) as captured:
        services.perform(
            dossier.pk,
            "file_application",
            by=users["agent"],
            on=date(2024, 3, 12),
            version=dossier.version,
        )

    statements = _statements(captured)
    # lock and read; application, decision, document, count, dossier, deadlines (at most
    # three statements); head, event.
    assert len(statements) <= (11 if POSTGRESQL else 17), statements
    assert sum("dossiers_factrecord" in sql for sql in statements) == 1


def test_the_acts_keep_the_loaded_rows_in_step_and_hand_back_a_plain_dossier(users, paris):
    dossier = in_reflection(users, paris, users["agent"])
    act(dossier, users["agent"], "file_application", date(2024, 3, 12))
    act(dossier, users["agent"], "start_instruction", date(2024, 3, 13))
    result = services.record_fact(
        dossier.pk,
        by=users["agent"],
        name="polygamy",
        value=False,
        established_by="prefecture",
        established_on=date(2024, 3, 14),
        version=Dossier.objects.get(pk=dossier.pk).version,
    )

    assert getattr(result, "_prefetched_objects_cache", {}) == {}
    stored = {d.kind: d.due_on for d in Deadline.objects.filter(dossier=dossier)}
    fresh = Dossier.objects.get(pk=dossier.pk)
    data = services.evaluate(fresh, date(2024, 3, 14)).to_json(explain=False)
    assert stored == deadlines.from_determination(data)


def test_decisions_add_up_in_the_statistics(users, paris):
    for _ in range(3):
        in_reflection(users, paris, users["agent"])

    count = AggregateCount.objects.get(
        year=2024, prefecture_code="75", act="deliver_reflection_recepisse"
    )
    assert count.count == 3


# ---------------------------------------------------------------- keyset pages of deadlines


def test_pages_of_deadlines_walk_the_whole_period_once_in_order(users, paris):
    for _ in range(7):
        in_reflection(users, paris, users["agent"])
    start, end = REFERRAL_DAY, REFERRAL_DAY + timedelta(days=60)
    everything = [d.pk for d in deadlines.due_between(paris.pk, start, end)]
    assert len(everything) == 14

    walked, after, pages = [], None, 0
    while True:
        page = queries.deadlines_page(users["agent"], start, end, after=after, size=3)
        walked += [d.pk for d in page.rows]
        pages += 1
        if page.next_after is None:
            break
        after = deadlines.parse_cursor(page.next_cursor)

    assert walked == everything
    assert pages == 5


def test_a_page_is_one_query_and_no_one_else_gets_one(users, paris):
    in_reflection(users, paris, users["agent"])
    with CaptureQueriesContext(connection) as captured:
        page = queries.deadlines_page(users["agent"], REFERRAL_DAY, date(2024, 4, 30))
        numbers = [d.dossier.number for d in page.rows]

    assert len(numbers) == 2 and len(captured.captured_queries) == 1
    assert page.next_after is None and page.next_cursor == ""
    assert queries.deadlines_page(users["police"], REFERRAL_DAY, date(2024, 4, 30)).rows == []


@pytest.mark.parametrize("text", ["", "2024-03-01", "2024-03-01.x", "2024-13-01.4"])
def test_a_malformed_cursor_is_refused(text):
    with pytest.raises(ValueError):
        deadlines.parse_cursor(text)


def test_a_cursor_reads_back_as_written():
    cursor = (date(2024, 3, 31), 1234)
    assert deadlines.format_cursor(cursor) == "2024-03-31.1234"
    assert deadlines.parse_cursor("2024-03-31.1234") == cursor


@pytest.mark.skipif(not POSTGRESQL, reason="several statements in one query: PostgreSQL")
def test_on_postgresql_the_rows_come_in_one_round_trip(dossier, users):
    with CaptureQueriesContext(connection) as captured:
        loaded = related.get(Dossier.objects.all(), dossier.pk)

    assert len(captured.captured_queries) == 1
    assert [f.name for f in loaded.facts.all()] == sorted(f.name for f in dossier.facts.all())


def test_a_refused_view_with_its_rows_is_audited_and_returns_nothing(dossier, users):
    with pytest.raises(ActionNotPermitted):
        services.view(dossier.pk, by=users["other_agent"], load_related=True)

    last = AuditEvent.objects.order_by("sequence").last()
    assert (last.action, last.user_id) == ("read_denied", users["other_agent"].pk)
    with pytest.raises(Dossier.DoesNotExist):
        services.view(10**9, by=users["agent"], load_related=True)
