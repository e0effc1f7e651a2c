"""The one place that formats numbers, amounts and dates in Belgian French (pages, exports)."""

import re
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_EVEN, Decimal
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import get_month_names
from babel.numbers import format_currency, format_decimal, format_percent

LOCALE = Locale.parse("fr_BE")  # parsed once: Babel would parse a name on every call
TIMEZONE = ZoneInfo("Europe/Brussels")

Number = int | float | Decimal


def format_date(value: date | datetime | None) -> str:
    """31/12/2014."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = to_local(value).date()
    return babel_format_date(value, "dd/MM/yyyy", locale=LOCALE)


def format_date_long(value: date | None) -> str:
    """31 décembre 2014."""
    if value is None:
        return ""
    return babel_format_date(value, "d MMMM yyyy", locale=LOCALE)


def format_month(value: date | None, short: bool = False) -> str:
    """Décembre 2014 (or « déc. 2014 », short)."""
    if value is None:
        return ""
    if short:
        return babel_format_date(value, "LLL yyyy", locale=LOCALE)
    return babel_format_date(value, "LLLL yyyy", locale=LOCALE).capitalize()


def month_name(number: int) -> str:
    """9 -> septembre."""
    return get_month_names("wide", locale=LOCALE)[number]


def to_local(value: datetime) -> datetime:
    """A naive UTC timestamp (as stored) seen in Brussels time."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(TIMEZONE)


def format_datetime(value: datetime | None) -> str:
    """31/12/2014 14:05, in Brussels time."""
    if value is None:
        return ""
    local = to_local(value)
    return f"{format_date(local.date())} {local:%H:%M}"


def format_number(value: Number | None, decimals: int = 2) -> str:
    """1 234,5: grouping and a decimal comma, trailing zeros dropped."""
    if value is None:
        return ""
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def format_fte(value: Number | None) -> str:
    """0,5 ETP."""
    if value is None:
        return ""
    return f"{format_number(value, decimals=3)} ETP"


# Babel's euro for fr_BE, read once from Babel: « 12 000,00 € » (narrow no-break spaces
# between thousands, a no-break space before €). Applying its pattern costs about 18 µs a
# call, half of a Justification page of a thousand lines; the same text is built here from
# Babel's own symbols (tests/unit/test_formatting.py checks it against format_currency).
_SYMBOLS = LOCALE.number_symbols["latn"]
_ZERO = format_currency(0, "EUR", locale=LOCALE)  # « 0,00 € »
_EURO_SUFFIX = _ZERO[len(f"0{_SYMBOLS['decimal']}00"):]
_CENT = Decimal("0.01")


def format_money(value: Number | None) -> str:
    """12 000,00 € as Babel formats euros for fr_BE."""
    if value is None:
        return ""
    amount = (value if isinstance(value, Decimal) else Decimal(str(value))).quantize(
        _CENT, ROUND_HALF_EVEN)
    whole, cents = f"{abs(amount):.2f}".split(".")
    grouped = f"{int(whole):,}".replace(",", _SYMBOLS["group"])
    sign = _SYMBOLS["minusSign"] if amount.is_signed() else ""
    return f"{sign}{grouped}{_SYMBOLS['decimal']}{cents}{_EURO_SUFFIX}"


def format_quantity(value: Number, unit: str) -> str:
    """A parameter's value with its unit: « 12 000,00 € », « 6 mois », « 0,5 ETP »."""
    if unit == "€":
        return format_money(value)
    return f"{format_number(value, 3)} {unit}"


def format_share(value: Number | None, decimals: int = 1) -> str:
    """0.253 -> 25,3 %."""
    if value is None:
        return ""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "\u00a0%"
    return format_percent(value, format=pattern, locale=LOCALE)


def quoted(text: str) -> str:
    """« text », with guillemets inside it turned into “ ” so that they never nest."""
    inner = str(text).replace("« ", "“").replace(" »", "”").replace("«", "“").replace("»", "”")
    return f"« {inner} »"


ISO_TIME = re.compile(r"^\d{2}:\d{2}:\d{2}$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def format_stored_value(value) -> str:
    """A value as kept in JSON (audit trail): Oui/Non, dates in Belgian form, — for nothing."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if isinstance(value, str) and ISO_DATETIME.match(value):
        return format_datetime(datetime.fromisoformat(value))
    if isinstance(value, str) and ISO_DATE.match(value):
        return format_date(date.fromisoformat(value))
    if isinstance(value, str) and ISO_TIME.match(value):
        return value[:5]  # 14:05:00 -> 14:05
    if isinstance(value, int | float | Decimal):
        return format_number(value, decimals=3)
    return str(value)


JINJA_FILTERS = {
    "date": format_date,
    "date_long": format_date_long,
    "month_label": format_month,
    "month_name": month_name,
    "datetime": format_datetime,
    "number": format_number,
    "fte": format_fte,
    "money": format_money,
    "share": format_share,
    "quoted": quoted,
    "stored_value": format_stored_value,
}
