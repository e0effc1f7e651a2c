"""What a table's chart shows, for every format that draws one (PDF, Word)."""

from tracker.questionnaires.report import ReportItem

PALETTE = ["#1D5C63", "#E3A72F", "#8AA29E", "#C45B4A", "#5B7DB1", "#7A5C99", "#4E8F52",
           "#B5838D", "#6D6875", "#2A9D8F", "#E76F51", "#264653"]


def has_chart(result: ReportItem) -> bool:
    return bool(result.item.chart and result.table and len(result.table.by) == 1)


def chart_rows(result: ReportItem) -> list[tuple[str, float]]:
    """(label, value) of each row that has a value: an empty slice or bar is left out."""
    if not has_chart(result):
        return []
    return [(row.label, float(row.value)) for row in result.table.rows if row.value]
