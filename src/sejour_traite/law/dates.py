"""Date arithmetic with the readings the law needs (documented in docs/open-questions.md).

* ``add_days``: calendar days (legal-spec §0: "D + n days means calendar days").
* ``add_months`` / ``add_years``: same day number in the target month; when that day does
  not exist (31st, 29 February), the last day of the target month (end-of-month clamping,
  the reading of python-dateutil's ``relativedelta``, which the tests compare against).
  So 31 January + 1 month = 28 (or 29) February, and 29 February 2024 + 1 year =
  28 February 2025.
* ``full_years``: age in full years. A year is complete when the same month and day are
  reached; a person born on 29 February completes a year on 1 March of a non-leap year
  (28 February is still before her birthday). Reading adopted here (texts silent).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")

#: Dates the engine accepts (a technical bound, not a legal one: date arithmetic of decades
#: around any of them stays within Python's calendar).
FIRST_SUPPORTED, LAST_SUPPORTED = date(1900, 1, 1), date(2199, 12, 31)


def supported(day: date) -> bool:
    """Whether ``day`` lies within the range the engine computes with."""
    return FIRST_SUPPORTED <= day <= LAST_SUPPORTED


def add_days(day: date, days: int) -> date:
    """``day`` plus ``days`` calendar days."""
    return day + timedelta(days=days)


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` months, clamped to the end of the target month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    if day.day <= 28:  # every month has the day: the common case needs no calendar
        return day.replace(year=year, month=month)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day: date, years: int) -> date:
    """``day`` plus ``years`` years, clamped to the end of February for 29 February."""
    return add_months(day, 12 * years)


def full_years(born: date, on: date) -> int:
    """Number of full years between ``born`` and ``on`` (an age).

    A person born on 29 February has a full year more on 1 March of a non-leap year
    (the birthday is reached once 28 February has passed).
    """
    years = on.year - born.year
    if (on.month, on.day) < (born.month, born.day):
        years -= 1
    return years


def parse_iso(text: str) -> date:
    """Parse ``YYYY-MM-DD`` strictly, within the supported range (``ValueError`` says why)."""
    if not _ISO_DATE.match(text):
        msg = f"{text!r} is not a date in the form YYYY-MM-DD"
        raise ValueError(msg)
    return check_supported(date.fromisoformat(text))


def check_supported(day: date) -> date:
    """``day`` itself, or ``ValueError`` when it is outside the supported range."""
    if not supported(day):
        bounds = f"{FIRST_SUPPORTED}..{LAST_SUPPORTED}"
        msg = f"{day.isoformat()} is outside the supported range {bounds}"
        raise ValueError(msg)
    return day
