"""What the HTML pages show of a report: each item's table (the same rows as the files),
its bars for a chart, and the lines a correction may target."""

from dataclasses import dataclass, field

from tracker.documents.tables import DocTable, numeric_columns
from tracker.questionnaires.outputs.charts import Heatmap, heatmap
from tracker.questionnaires.outputs.tables import item_table
from tracker.questionnaires.report import TOTAL_KEY, Report, ReportItem


@dataclass
class Bar:
    label: str
    value: float
    width: float  # % of the largest value


@dataclass
class ItemView:
    result: ReportItem
    table: DocTable | None
    bars: list[Bar] = field(default_factory=list)
    targets: list[tuple[str, str]] = field(default_factory=list)  # (row key, label)
    heatmap: Heatmap | None = None

    @property
    def numeric_columns(self) -> set[int]:
        """Columns holding numbers: right-aligned, header included."""
        return set() if self.table is None else numeric_columns(self.table)


def report_view(report: Report) -> dict[str, ItemView]:
    views = {}
    for section in report.sections:
        for result in section.items:
            views[result.id] = ItemView(result, item_table(result, report.dimension_labels),
                                        _bars(result), _targets(result), heatmap(result))
    return views


def _bars(result: ReportItem) -> list[Bar]:
    if not result.item.chart or result.table is None or len(result.table.by) != 1:
        return []
    rows = [row for row in result.table.rows if row.value and not row.hidden]
    largest = max((float(row.value) for row in rows), default=0)
    return [Bar(row.label, float(row.value), round(100 * float(row.value) / largest, 1))
            for row in rows] if largest else []


def _targets(result: ReportItem) -> list[tuple[str, str]]:
    if result.type == "metric":
        return [("", result.label)]
    if result.table is None:
        return []
    return [(row.key, row.label) for row in result.table.rows] + [(TOTAL_KEY, "Total")]


def correctable_items(report: Report) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(item id, label, [(row key, row label)]) for the correction form."""
    return [(result.id, result.label, _targets(result))
            for section in report.sections for result in section.items
            if result.type in ("metric", "table")]
