"""Belgian French formatting, the one helper used by pages and exports."""

from datetime import date, datetime
from decimal import Decimal

from babel.numbers import format_currency
from hypothesis import given
from hypothesis import strategies as st

from tracker.formatting import (
    format_date,
    format_date_long,
    format_datetime,
    format_fte,
    format_money,
    format_number,
    format_share,
    format_stored_value,
)


def test_dates_are_day_month_year():
    assert format_date(date(2014, 12, 31)) == "31/12/2014"
    assert format_date(None) == ""
    assert format_date_long(date(2023, 6, 15)) == "15 juin 2023"


def test_datetimes_are_shown_in_brussels_time():
    assert format_datetime(datetime(2026, 7, 1, 10, 5)) == "01/07/2026 12:05"  # summer, UTC+2
    assert format_datetime(datetime(2026, 12, 31, 23, 30)) == "01/01/2027 00:30"  # winter, UTC+1


def test_numbers_use_a_decimal_comma():
    assert format_number(0.5) == "0,5"
    assert format_number(Decimal("3.50")) == "3,5"
    assert format_fte(0.5) == "0,5 ETP"
    assert format_fte(0.526) == "0,526 ETP"
    assert format_number(1234567) in {"1\u202f234\u202f567", "1.234.567", "1 234 567"}


def test_money_and_shares():
    money = format_money(12000)
    assert money.endswith("€") and "12" in money and "000,00" in money
    assert format_share(0.253) == "25,3\u00a0%"


def test_stored_values_read_as_french():
    assert format_stored_value(True) == "Oui" and format_stored_value(False) == "Non"
    assert format_stored_value(None) == "—"
    assert format_stored_value("2014-12-31") == "31/12/2014"
    assert format_stored_value("2026-01-15T09:30:00") == "15/01/2026 10:30"
    assert format_stored_value(0.5) == "0,5"


def test_guillemets_never_nest():
    from tracker.formatting import quoted

    assert quoted("Rapport SPW") == "« Rapport SPW »"
    assert quoted("Justificatifs FWB « Jeunes et écrans » : première tranche") == (
        "« Justificatifs FWB “Jeunes et écrans” : première tranche »")


@given(st.one_of(
    st.decimals(min_value=-10**9, max_value=10**9, allow_nan=False, allow_infinity=False,
                places=3),
    st.floats(min_value=-1e9, max_value=1e9, allow_nan=False),
    st.integers(min_value=-10**9, max_value=10**9)))
def test_money_is_exactly_what_babel_writes_for_belgian_euros(value):
    assert format_money(value) == format_currency(value, "EUR", locale="fr_BE")
