"""A table as every export format receives it: typed cells, formatted by each renderer."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from tracker.formatting import format_date, format_number, format_share

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
class Linked:
    """Text that leads to a page on screen (a person's name); plain text in every file."""

    text: str
    url: str


@dataclass
class DocTable:
    title: str
    headers: list[str]
    rows: list[list[Cell | FteValue | ShareValue | Linked]] = field(default_factory=list)
    totals: list[Cell | FteValue | ShareValue] | None = None
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
            if isinstance(value, FteValue | ShareValue | int | float)}
