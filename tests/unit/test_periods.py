"""One parser of « at / from / to » for the board's pages and the CLI, one SQL overlap test."""

from datetime import date

import pytest

from tracker.errors import DomainError
from tracker.periods import Period, period_from_text


def test_a_day_a_range_or_today():
    assert period_from_text("31/12/2014") == Period.day(date(2014, 12, 31))
    assert period_from_text(start="2014-01-01", end="31/12/2014") == Period(
        date(2014, 1, 1), date(2014, 12, 31))
    assert period_from_text(today=date(2026, 11, 30)) == Period.day(date(2026, 11, 30))


@pytest.mark.parametrize("at, start, end, message", [
    ("31/12/2014", "01/01/2014", "", "pas les deux"),
    ("", "01/01/2014", "", "un début et une fin"),
    ("", "31/12/2014", "01/01/2014", "précède son début"),
    ("12/31/2014", "", "", "illisible"),
])
def test_what_makes_no_sense_is_said_in_french(at, start, end, message):
    with pytest.raises(DomainError, match=message):
        period_from_text(at, start, end)
