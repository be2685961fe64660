"""Date arithmetic on month ends and 29 February follows the documented readings
(src/sejour_traite/law/dates.py; docs/open-questions.md: OQ-01, OQ-19)."""

from __future__ import annotations

import calendar
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from sejour_traite.law import dates, evaluate, validate

any_day = st.dates(date(2000, 1, 1), date(2040, 12, 31))


@given(day=any_day, months=st.integers(-36, 36))
def test_adding_months_keeps_the_day_or_clamps_to_the_end_of_the_month(day, months):
    result = dates.add_months(day, months)

    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    last = calendar.monthrange(result.year, result.month)[1]
    assert result.day == min(day.day, last)


@given(day=any_day, years=st.integers(0, 30))
def test_an_age_is_complete_on_the_anniversary_and_on_1_march_for_29_february(day, years):
    anniversary = dates.add_years(day, years)

    age = dates.full_years(day, anniversary)

    if day.month == 2 and day.day == 29 and anniversary.day == 28:
        assert age == years - 1
        assert dates.full_years(day, date(anniversary.year, 3, 1)) == years
    else:
        assert age == years


def test_a_person_born_on_29_february_comes_of_age_on_1_march_of_a_common_year():
    born = date(2006, 2, 28).replace(day=28)
    leapling = date(2004, 2, 29)

    assert dates.full_years(leapling, date(2022, 2, 28)) == 17
    assert dates.full_years(leapling, date(2022, 3, 1)) == 18
    assert dates.full_years(born, date(2024, 2, 28)) == 18


def test_a_cst_issued_on_31_january_2022_is_valid_until_30_january_2023():
    facts = validate(
        {"nationality": "NG", "date_of_birth": "1990-01-01", "is_eu_family_member_in_france": False}
    )

    cst = evaluate(facts, date(2022, 1, 31)).to_json(explain=False)["cst"]

    assert cst["valid_until"] == "2023-01-30"


def test_a_cst_issued_on_29_february_2024_is_valid_until_27_february_2025():
    facts = validate(
        {"nationality": "NG", "date_of_birth": "1990-01-01", "is_eu_family_member_in_france": False}
    )

    cst = evaluate(facts, date(2024, 2, 29)).to_json(explain=False)["cst"]

    # 29 Feb 2024 + 12 months = 28 Feb 2025 (end-of-month clamping), minus one day.
    assert cst["valid_until"] == "2025-02-27"


@given(day=st.dates(date(2008, 1, 1), date(2030, 12, 31)))
def test_the_reflection_period_ends_30_calendar_days_after_delivery(day):
    facts = validate(
        {
            "nationality": "NG",
            "is_eu_family_member_in_france": False,
            "reflection_recepisse_delivery_date": day,
            "complaint": {"kind": "none"},
            "testimony": "none",
            "reflection_interruption_decision_date": "none",
        }
    )

    period = evaluate(facts, day).to_json(explain=False)["reflection"]

    assert period["end"] == dates.add_days(day, 30).isoformat()
    assert period["status"] == "ACTIVE"
