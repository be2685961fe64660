"""The statistics of a prefecture: what is counted, from where, and what is masked."""

from __future__ import annotations

from datetime import date

import pytest

from sejour_traite.dossiers.errors import ActionNotPermitted
from sejour_traite.stats import queries
from sejour_traite.stats.queries import MASK, cell, offence_category, percentile, processing_days
from tests.stats.support import IDENTITY, act, counted, offences, referred

TODAY = date(2025, 1, 31)


def rows(table):
    return {row.key: [c.text for c in row.cells] for row in table.rows}


# ---------------------------------------------------------------- pure rules of disclosure


@pytest.mark.parametrize("count", [0, 1, 4])
def test_a_count_below_five_is_masked_zero_included(count):
    shown = cell(count)

    assert shown.masked and shown.count is None
    assert shown.text == MASK == "< 5" and shown.value == "< 5"


@pytest.mark.parametrize("count", [5, 6, 120])
def test_a_count_of_five_or_more_is_shown(count):
    assert cell(count).text == str(count) and cell(count).value == count


def test_the_90th_percentile_is_an_observed_value_by_nearest_rank():
    assert percentile(list(range(1, 11)), 90) == 9
    assert percentile(list(range(1, 21)), 90) == 18
    assert percentile([7, 1, 3, 30, 2], 90) == 30
    assert percentile([4], 90) == 4
    with pytest.raises(ValueError):
        percentile([], 90)


def test_a_filing_is_paired_with_the_grant_or_refusal_that_follows_it():
    events = [
        ("deliver_reflection_recepisse", date(2024, 1, 1)),
        ("file_application", date(2024, 1, 10)),
        ("start_instruction", date(2024, 1, 12)),
        ("refuse_cst", date(2024, 3, 10)),
        ("file_application", date(2024, 4, 1)),
        ("file_application", date(2024, 4, 5)),  # replaces the filing of 1 April
        ("grant_cst", date(2024, 5, 5)),
        ("file_renewal_application", date(2025, 3, 1)),
        ("renew_cst", date(2025, 3, 31)),
        ("grant_carte_resident", date(2025, 6, 1)),  # no application pending: not a duration
    ]

    assert processing_days(events) == [("first_cst", 60), ("first_cst", 30), ("cst_renewal", 30)]


def test_a_decision_dated_before_its_filing_gives_no_duration():
    events = [("file_application", date(2024, 4, 5)), ("grant_cst", date(2024, 4, 1))]

    assert processing_days(events) == []


@pytest.mark.parametrize(
    ("articles", "category"),
    [
        (["225-4-1"], "trafficking"),
        (["225-4-2", "225-4-6"], "trafficking"),
        (["225-5"], "pimping"),
        (["225-7-1", "225-10"], "pimping"),
        (["225-4-1", "225-6"], "both"),
        (["225-10-1"], "other"),  # racolage: not an offence of the scheme
        (["222-33"], "other"),
        ([], "unknown"),
    ],
)
def test_offence_categories_follow_the_sections_of_the_code_penal(articles, category):
    assert offence_category(articles) == category


# ---------------------------------------------------------------- from the case files


@pytest.mark.django_db
def test_dossiers_by_state_mask_every_state_below_five(users, paris, lyon):
    for _ in range(5):
        referred(users, paris)
    referred(users, lyon)

    table = queries.states_table(paris)

    assert rows(table)["referral_received"] == ["5"]
    assert rows(table)["reflection"] == ["< 5"]  # zero is masked too
    assert len(table.rows) == 13  # every state, no total row


@pytest.mark.django_db
def test_acts_by_type_and_year_come_from_the_aggregate_counts_of_the_prefecture(paris, lyon):
    counted(paris, "grant_cst", 2023, 7)
    counted(paris, "grant_cst", 2024, 3)
    counted(paris, "refuse_cst", 2024, 5)
    counted(lyon, "grant_cst", 2024, 40)

    table = queries.decisions_table(paris)

    assert table.columns == ("2023", "2024")
    assert rows(table) == {"grant_cst": ["7", "< 5"], "refuse_cst": ["< 5", "5"]}
    assert table.rows[0].label == "Délivrance de la carte de séjour temporaire"


@pytest.mark.django_db
def test_nationalities_are_decrypted_counted_and_rare_ones_grouped(users, paris, lyon):
    for _ in range(5):
        referred(users, paris, "NG")
    for _ in range(2):
        referred(users, paris, "ER")
    referred(users, paris, None)
    for _ in range(6):
        referred(users, lyon, "CN")

    table = queries.nationalities_table(paris)

    assert [(row.label, row.cells[0].text) for row in table.rows] == [
        ("Nigeria", "5"),
        ("Autres nationalités (moins de 5 dossiers chacune)", "< 5"),
        ("Nationalité non renseignée", "< 5"),
    ]


@pytest.mark.django_db
def test_offence_categories_come_from_the_complaint_and_the_testimony(users, paris):
    agent = users["agent"]
    for _ in range(5):
        offences(referred(users, paris), agent, complaint=["225-4-1"])
    offences(referred(users, paris), agent, complaint=["225-4-1"], testimony=["225-5"])
    offences(referred(users, paris), agent, testimony=["225-5"])
    referred(users, paris)

    table = queries.offences_table(paris)

    assert rows(table) == {
        "trafficking": ["5"],
        "pimping": ["< 5"],
        "both": ["< 5"],
        "other": ["< 5"],
        "unknown": ["< 5"],
    }


@pytest.mark.django_db
def test_a_later_complaint_replaces_the_earlier_one(users, paris):
    agent = users["agent"]
    dossiers = [referred(users, paris) for _ in range(5)]
    for dossier in dossiers:
        offences(dossier, agent, complaint=["222-33"])
        offences(dossier, agent, complaint=["225-6"])

    assert rows(queries.offences_table(paris))["pimping"] == ["5"]


@pytest.mark.django_db
def test_processing_times_give_the_median_and_90th_percentile_in_days(users, paris):
    agent = users["agent"]
    for days in (10, 20, 30, 40, 100):
        dossier = referred(users, paris)
        act(dossier, agent, "file_application", date(2024, 1, 1))
        act(dossier, agent, "grant_cst", date.fromordinal(date(2024, 1, 1).toordinal() + days))
    renewal = referred(users, paris)
    act(renewal, agent, "file_renewal_application", date(2024, 1, 1))
    act(renewal, agent, "refuse_renewal", date(2024, 2, 1))

    times = {t.key: t for t in queries.processing_times(paris)}

    assert times["first_cst"].decisions.text == "5"
    assert times["first_cst"].median_days == 30.0 and times["first_cst"].p90_days == 100
    assert times["all"].median_days == 30.5 and times["all"].p90_days == 100
    assert times["cst_renewal"].decisions.text == "< 5"
    assert times["cst_renewal"].median_days is None and times["cst_renewal"].p90_days is None


@pytest.mark.django_db
def test_only_an_active_supervisor_gets_the_statistics_of_its_own_prefecture(users, paris):
    referred(users, paris)

    stats = queries.for_user(users["supervisor"], TODAY)

    assert stats.prefecture_code == "75" and stats.computed_on == TODAY
    for role in ("agent", "police", "association", "auditor", "admin"):
        with pytest.raises(ActionNotPermitted):
            queries.for_user(users[role], TODAY)


@pytest.mark.django_db
def test_no_identity_data_reaches_the_statistics(users, paris):
    for _ in range(6):
        referred(users, paris)

    text = repr(queries.for_prefecture(paris, TODAY))

    assert not [value for value in IDENTITY if value in text]
