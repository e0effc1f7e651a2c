"""Dates and periods, one way everywhere: a day or an inclusive range of days (FTE, cadres,
timelines), the one parser of « at / from / to » (board pages and the CLI), and the one SQL
test of a dated row (start_date, end_date inclusive or open) touching a period."""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, and_, or_

from tracker.errors import DomainError, UnreadableInput
from tracker.formatting import format_date
from tracker.tabular import parse_date

EPOCH = date(1970, 1, 1)


def day_index(day: date) -> int:
    """The same day number SQL computes with tracker.sql.day_number."""
    return (day - EPOCH).days


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def is_day(self) -> bool:
        return self.start == self.end

    @classmethod
    def day(cls, day: date) -> "Period":
        return cls(day, day)

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(date(year, 1, 1), date(year, 12, 31))

    def each_day(self):
        for offset in range(self.days):
            yield self.start + timedelta(days=offset)

    def overlap_days(self, start: date, end: date | None) -> int:
        first = max(start, self.start)
        last = min(end or self.end, self.end)
        return max((last - first).days + 1, 0)

    def label(self) -> str:
        if self.is_day:
            return f"au {format_date(self.start)}"
        return f"du {format_date(self.start)} au {format_date(self.end)} (moyenne)"


def overlaps(model, start, end=None) -> ColumnElement[bool]:
    """Rows of a dated model (start_date, end_date inclusive, none = ongoing) that touch a
    Period, or the days from `start` to `end` (none: from `start` on); dates or SQL
    expressions, so « covers the activity's day » is overlaps(Allocation, Activity.date,
    Activity.date)."""
    if isinstance(start, Period):
        start, end = start.start, start.end
    touches_start = or_(model.end_date.is_(None), model.end_date >= start)
    return touches_start if end is None else and_(model.start_date <= end, touches_start)


def read_day(text: str) -> date:
    """A day typed as 31/12/2014 or 2014-12-31; UnreadableInput, in French, otherwise."""
    try:
        return parse_date(text.strip())
    except ValueError as error:
        raise UnreadableInput(f"Date « {text.strip()} » illisible : tapez-la comme "
                              "31/12/2014.") from error


def period_from_text(at: str = "", start: str = "", end: str = "",
                     today: date | None = None) -> Period:
    """A day (`at`, default today) or a range (`start` and `end`), as typed in a page's filter
    or a CLI option (31/12/2014 or 2014-12-31); DomainError, in French, when it makes no sense.
    """
    at, start, end = (text.strip() for text in (at or "", start or "", end or ""))
    if at and (start or end):
        raise DomainError("Choisissez une date, ou une période (du … au …), pas les deux.")
    if bool(start) != bool(end):
        raise DomainError("Une période a un début et une fin.")
    if start:
        first, last = read_day(start), read_day(end)
        if last < first:
            raise DomainError("La fin de la période précède son début.")
        return Period(first, last)
    return Period.day(read_day(at) if at else (today or date.today()))


def clamp_day(year: int, month: int, day: int) -> date:
    """Day 31 in a shorter month falls on its last day (and 29/02 on 28/02 in common years)."""
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def add_months(day: date, months: int) -> date:
    """31/03/2026 + 6 months = 30/09/2026 (the day clamped to the month's last)."""
    index = day.year * 12 + (day.month - 1) + months
    return clamp_day(index // 12, index % 12 + 1, day.day)
