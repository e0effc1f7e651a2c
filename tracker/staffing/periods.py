"""Dates and periods: a day, or an inclusive range of days, over which FTE are counted."""

from dataclasses import dataclass
from datetime import date, timedelta

from tracker.formatting import format_date

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
