"""What a table's chart shows, for every format that draws one (the page, PDF, Word)."""

from dataclasses import dataclass

from tracker.permanence.models import WEEKDAYS
from tracker.questionnaires.report import ReportItem

HEAT_LEVELS = 5  # shades of a heat map's cells, from empty to the busiest

PALETTE = ["#1D5C63", "#E3A72F", "#8AA29E", "#C45B4A", "#5B7DB1", "#7A5C99", "#4E8F52",
           "#B5838D", "#6D6875", "#2A9D8F", "#E76F51", "#264653"]


def has_chart(result: ReportItem) -> bool:
    return bool(result.item.chart and result.table and len(result.table.by) == 1)


@dataclass
class HeatCell:
    day: int  # 0 = Monday
    column: int  # position of its hour among the hours shown
    value: float
    level: int  # 0 (nothing) to HEAT_LEVELS


@dataclass
class Heatmap:
    """Weekday × hour: the hours from the first to the last with an activity."""

    days: list[str]
    hours: list[int]
    cells: list[HeatCell]
    largest: float


def heatmap(result: ReportItem) -> Heatmap | None:
    table = result.table
    if result.item.chart != "heatmap" or table is None or table.by != ("weekday", "hour"):
        return None
    values = {(row.keys["weekday"], row.keys["hour"]): float(row.value or 0)
              for row in table.rows if row.keys["hour"] is not None}
    busy = [hour for (_day, hour), value in values.items() if value]
    hours = list(range(min(busy), max(busy) + 1)) if busy else list(range(8, 21))
    largest = max(values.values(), default=0)
    cells = [HeatCell(day - 1, column, value,
                      0 if not value else max(1, round(HEAT_LEVELS * value / largest)))
             for day in range(1, 8) for column, hour in enumerate(hours)
             for value in [values.get((day, hour), 0.0)]]
    return Heatmap(WEEKDAYS, hours, cells, largest)


def chart_rows(result: ReportItem) -> list[tuple[str, float]]:
    """(label, value) of each row that has a value: an empty slice or bar is left out."""
    if not has_chart(result):
        return []
    return [(row.label, float(row.value)) for row in result.table.rows
            if row.value and not row.hidden]
