"""Pure date arithmetic for deadline rules: no database, so it is easy to test exhaustively."""

from datetime import date, timedelta

from tracker.periods import add_months, clamp_day


def yearly(month: int, day: int, start: date, end: date) -> list[date]:
    """Every month/day (clamped) between start and end inclusive."""
    return [occurrence for year in range(start.year, end.year + 1)
            if start <= (occurrence := clamp_day(year, month, day)) <= end]


def relative(anchor: date | None, months: int, days: int) -> date | None:
    """N months and/or days after (negative: before) an anchor date; None without anchor."""
    if anchor is None:
        return None
    return add_months(anchor, months) + timedelta(days=days)


def period_ends(period: str, start: date, end: date) -> list[date]:
    """The last day of each month, quarter or year between start and end inclusive."""
    step = {"month": 1, "quarter": 3, "year": 12}[period]
    occurrences = []
    year, month = start.year, start.month
    while True:
        if period == "quarter":
            month = ((month - 1) // 3) * 3 + 3
        elif period == "year":
            month = 12
        last = clamp_day(year, month, 31)
        if last > end:
            return occurrences
        if last >= start:
            occurrences.append(last)
        index = year * 12 + month - 1 + (step if period == "month" else 1)
        year, month = index // 12, index % 12 + 1
