"""Deadline rule arithmetic: month ends, leap years, quarters (property tests included)."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from tracker.deadlines.rules import add_months, clamp_day, period_ends, relative, yearly


def test_day_31_falls_on_the_last_day_of_shorter_months():
    assert clamp_day(2027, 4, 31) == date(2027, 4, 30)
    assert clamp_day(2027, 2, 31) == date(2027, 2, 28)
    assert clamp_day(2028, 2, 31) == date(2028, 2, 29)


def test_yearly_rule_every_15_june():
    assert yearly(6, 15, date(2026, 11, 22), date(2028, 5, 22)) == [date(2027, 6, 15)]
    assert yearly(6, 15, date(2026, 6, 15), date(2027, 6, 15)) == [date(2026, 6, 15),
                                                                   date(2027, 6, 15)]


def test_29_february_in_common_and_leap_years():
    assert yearly(2, 29, date(2027, 1, 1), date(2028, 12, 31)) == [date(2027, 2, 28),
                                                                   date(2028, 2, 29)]


def test_twelve_months_before_the_end_of_an_agrement():
    assert relative(date(2028, 12, 31), -12, 0) == date(2027, 12, 31)
    assert relative(date(2024, 2, 29), 12, 0) == date(2025, 2, 28)
    assert relative(date(2026, 1, 1), 0, -30) == date(2025, 12, 2)
    assert relative(None, -12, 0) is None


def test_end_of_month_quarter_and_year():
    assert period_ends("month", date(2028, 1, 15), date(2028, 4, 30)) == [
        date(2028, 1, 31), date(2028, 2, 29), date(2028, 3, 31), date(2028, 4, 30)]
    assert period_ends("quarter", date(2026, 11, 22), date(2027, 9, 30)) == [
        date(2026, 12, 31), date(2027, 3, 31), date(2027, 6, 30), date(2027, 9, 30)]
    assert period_ends("year", date(2026, 1, 1), date(2027, 12, 30)) == [date(2026, 12, 31)]


days = st.dates(min_value=date(1999, 1, 1), max_value=date(2099, 12, 31))


@given(day=days, months=st.integers(-240, 240))
def test_adding_months_lands_in_the_right_month_on_a_valid_day(day, months):
    result = add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    assert result.day == day.day or (result.day < day.day
                                     and (result + timedelta(days=1)).day == 1)


@given(start=days, length=st.integers(0, 800), period=st.sampled_from(["month", "quarter",
                                                                       "year"]))
def test_period_ends_are_exactly_the_last_days_in_range(start, length, period):
    end = start + timedelta(days=length)
    expected = [day for day in (start + timedelta(days=n) for n in range(length + 1))
                if (day + timedelta(days=1)).day == 1
                and (period == "month" or (period == "quarter" and day.month % 3 == 0)
                     or (period == "year" and day.month == 12))]
    assert period_ends(period, start, end) == expected


@given(month=st.integers(1, 12), day=st.integers(1, 31), start=days, length=st.integers(0, 2000))
def test_yearly_gives_one_date_a_year_within_range(month, day, start, length):
    end = start + timedelta(days=length)
    occurrences = yearly(month, day, start, end)
    assert all(start <= occurrence <= end and occurrence.month == month
               for occurrence in occurrences)
    assert len({occurrence.year for occurrence in occurrences}) == len(occurrences)
