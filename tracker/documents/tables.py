"""A table as every export format receives it: typed cells, formatted by each renderer."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from tracker.formatting import format_date, format_money, format_number, format_share

Cell = str | int | float | Decimal | date | None


@dataclass
class FteValue:
    """An FTE figure: a number in XLSX, « 0,5 » in PDF and HTML."""

    value: float


@dataclass
class ShareValue:
    """A percentage (55.9 for 55,9 %): « 55,9 % » in PDF, DOCX and HTML, a number in XLSX."""

    value: float


@dataclass
class MoneyValue:
    """An amount held in whole cents: « 12 000,00 € » in PDF and HTML, a number of euros with
    two decimals in XLSX."""

    cents: int


@dataclass
class Linked:
    """Text that leads to a page on screen (a person's name); plain text in every file."""

    text: str
    url: str


Value = Cell | FteValue | ShareValue | MoneyValue | Linked


@dataclass
class DocTable:
    title: str
    headers: list[str]
    rows: list[list[Value]] = field(default_factory=list)
    totals: list[Value] | None = None
    note: str = ""


def cell_text(value) -> str:
    """A cell as French text: « 0,5 », « 48,0 % », « 31/12/2014 », « 1 234 »."""
    if isinstance(value, Linked):
        return value.text
    if value is None:
        return ""
    if isinstance(value, FteValue):
        return format_number(value.value, decimals=3)
    if isinstance(value, ShareValue):
        return format_share(value.value / 100)  # one decimal on every row: 73,0 %
    if isinstance(value, MoneyValue):
        return format_money(Decimal(value.cents) / 100)
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, int | float | Decimal):
        return format_number(value)
    return str(value)


def numeric_columns(table: DocTable) -> set[int]:
    """The columns holding numbers (totals included): right-aligned, their header too, in
    every format."""
    return {index for values in table.rows + ([table.totals] if table.totals else [])
            for index, value in enumerate(values)
            if isinstance(value, FteValue | ShareValue | MoneyValue | int | float)}
