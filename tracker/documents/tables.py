"""A table as every export format receives it: typed cells, formatted by each renderer."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

Cell = str | int | float | Decimal | date | None


@dataclass
class FteValue:
    """An FTE figure: a number in XLSX, « 0,5 » in PDF and HTML."""

    value: float


@dataclass
class DocTable:
    title: str
    headers: list[str]
    rows: list[list[Cell | FteValue]] = field(default_factory=list)
    totals: list[Cell | FteValue] | None = None
    note: str = ""
