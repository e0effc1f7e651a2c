"""A year's report as the cells an Excel template receives: numbers stay numbers (the
funder's own formulas compute with them), shares are fractions shown as percentages, a table
is its rows (label, value, share; a cross-table's columns, then its total)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tracker.documents.tables import FteValue, Linked, MoneyValue, ShareValue
from tracker.privacy import SMALL_GROUP
from tracker.questionnaires.funder_forms.shapes import item_shape
from tracker.questionnaires.funder_forms.values import association_value
from tracker.questionnaires.outputs.tables import cross_columns, item_table
from tracker.questionnaires.report import Report, ReportItem


class Share(float):
    """A fraction a cell shows as a percentage (0.553 -> 55,3 %)."""


@dataclass
class Entry:
    """What one name gives: its attributes (« value » is the name itself, in one cell) and,
    for a table or a list, its rows, filled down from the bound cell."""

    attributes: dict[str, object]
    rows: list[list] | None = None


def _cell(value):
    if isinstance(value, ShareValue):
        return Share(value.value / 100)
    if isinstance(value, FteValue):
        return round(value.value, 3)
    if isinstance(value, MoneyValue):
        return Decimal(value.cents) / 100
    if isinstance(value, Linked):
        return value.text
    if isinstance(value, int | float | Decimal | date | str) or value is None:
        return value
    return str(value)


def _figure(result: ReportItem) -> dict[str, object]:
    return {"value": result.value, "previous": result.previous,
            "change": None if result.change is None else Share(result.change / 100),
            "label": result.label, "source": result.source, "computed": result.computed,
            "reason": result.reason}


def _table_rows(result: ReportItem, dimension_labels: dict[str, str]) -> list[list]:
    table = result.table
    if len(table.by) == 2:
        printed = item_table(result, dimension_labels)
        _columns, split = cross_columns(printed)
        return [[_cell(cell) for cell in (row[:-1] if split else row)] for row in printed.rows]
    return [[row.label, SMALL_GROUP if row.hidden else row.value,
             None if row.percent is None or row.hidden else Share(row.percent / 100)]
            for row in table.rows]


def report_cells(report: Report) -> dict[str, Entry]:
    """Every name a template may bind -> what it receives."""
    association = association_value()
    values = {"association": Entry(vars(association) | {"value": association.name}),
              "year": Entry({"value": report.year}),
              "period": Entry({"value": f"{report.start:%d/%m/%Y} – {report.end:%d/%m/%Y}"}),
              "funder": Entry({"value": report.funder_name}),
              "title": Entry({"value": report.title}),
              "status": Entry({"value": report.cover_lines()[-1]})}
    for section in report.sections:
        for result in section.items:
            shape = item_shape(result.item)
            if shape == "figure":
                values[result.id] = Entry(_figure(result))
            elif shape == "table":
                values[result.id] = Entry({"total": result.table.total, "label": result.label},
                                          _table_rows(result, report.dimension_labels))
            elif shape == "list":
                values[result.id] = Entry({"label": result.label},
                                          [[_cell(cell) for cell in row]
                                           for row in result.list.rows])
            else:
                values[result.id] = Entry({"value": result.value or "", "label": result.label})
    return values
