"""A year's report as the values a Word template prints: every figure formatted as the
questionnaire page shows it (« 2 164 », « 17,2 », « 55,0 % »), tables as rows, narratives with
their paragraphs. The names and attributes are those of shapes.py."""

from dataclasses import dataclass, field

from docxtpl import Listing

from tracker.association.services import get_association
from tracker.documents.tables import cell_text
from tracker.formatting import format_date, format_number, format_share
from tracker.privacy import SMALL_GROUP
from tracker.questionnaires.funder_forms.shapes import item_shape
from tracker.questionnaires.outputs.tables import (
    change_text,
    cross_columns,
    item_table,
    metric_label,
)
from tracker.questionnaires.report import Report, ReportItem
from tracker.questionnaires.schema import Definition


@dataclass
class FigureValue:
    value: str = ""
    previous: str = ""
    change: str = ""
    label: str = ""
    source: str = ""
    computed: str = ""
    reason: str = ""

    def __str__(self) -> str:
        return self.value


class Cells(list):
    """A row's cells: one a template names beyond the row's end prints as nothing."""

    def __getitem__(self, index):
        try:
            return super().__getitem__(index)
        except (IndexError, TypeError):
            return ""


@dataclass
class RowValue:
    label: str = ""
    value: str = ""
    percent: str = ""
    total: str = ""
    split: str = ""
    cells: Cells = field(default_factory=Cells)


@dataclass
class TableValue:
    label: str = ""
    rows: list[RowValue] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    total: str = ""


@dataclass
class ListRowValue:
    cells: Cells = field(default_factory=Cells)

    def __getitem__(self, index: int) -> str:
        return self.cells[index]


@dataclass
class ListValue:
    label: str = ""
    rows: list[ListRowValue] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)


@dataclass
class AssociationValue:
    name: str = ""
    legal_form: str = ""
    enterprise_number: str = ""
    address: str = ""
    street: str = ""
    postcode: str = ""
    city: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""

    def __str__(self) -> str:
        return self.name


def narrative(text: str) -> Listing:
    """A narrative keeps its paragraphs (a blank line) and its line breaks."""
    paragraphs = [part.strip("\n") for part in (text or "").replace("\r\n", "\n").split("\n\n")]
    return Listing("\a".join(part for part in paragraphs if part))


def _number(value) -> str:
    return "" if value is None else format_number(value)


def figure_value(result: ReportItem) -> FigureValue:
    return FigureValue(_number(result.value), _number(result.previous), change_text(result.change),
                       result.label, result.source, _number(result.computed), result.reason)


def table_value(result: ReportItem, dimension_labels: dict[str, str]) -> TableValue:
    table = result.table
    if len(table.by) == 2:  # a cross-table: the rows as printed, its columns across
        printed = item_table(result, dimension_labels)
        columns, _split = cross_columns(printed)
        rows = []
        for cells in printed.rows:
            values = [cell_text(cell) for cell in cells[1:len(columns) + 1]]
            rest = [cell_text(cell) for cell in cells[len(columns) + 1:]] + ["", ""]
            rows.append(RowValue(str(cells[0]), rest[0], "", rest[0], rest[1], Cells(values)))
        return TableValue(result.label, rows, columns, _number(table.total))
    rows = []
    for row in table.rows:
        value = SMALL_GROUP if row.hidden else _number(row.value)
        percent = "" if row.percent is None or row.hidden else format_share(row.percent / 100)
        rows.append(RowValue(row.label, value, percent, value, "", Cells([value, percent])))
    return TableValue(result.label, rows, [metric_label(result.item.metric), "%"],
                      _number(table.total))


def list_value(result: ReportItem) -> ListValue:
    return ListValue(result.label, [ListRowValue(Cells(cell_text(cell) for cell in row))
                                    for row in result.list.rows], list(result.list.columns))


def association_value() -> AssociationValue:
    association = get_association()
    if association is None:
        return AssociationValue()
    address = ", ".join(part for part in (
        association.street, f"{association.postcode} {association.city}".strip()) if part)
    return AssociationValue(association.name, association.legal_form,
                            association.enterprise_number, address, association.street,
                            association.postcode, association.city, association.phone,
                            association.email, association.website)


def report_values(report: Report) -> dict[str, object]:
    """Every name of the report's definition, with its value for the year."""
    values: dict[str, object] = {
        "association": association_value(), "year": str(report.year),
        "period": f"du {format_date(report.start)} au {format_date(report.end)}",
        "funder": report.funder_name, "title": report.title,
        "status": report.cover_lines()[-1]}
    for section in report.sections:
        for result in section.items:
            shape = item_shape(result.item)
            if shape == "figure":
                values[result.id] = figure_value(result)
            elif shape == "table":
                values[result.id] = table_value(result, report.dimension_labels)
            elif shape == "list":
                values[result.id] = list_value(result)
            else:
                values[result.id] = narrative(result.value or "")
    return values


def empty_values(definition: Definition) -> dict[str, object]:
    """Values of the right kind and no content: a template is tried with them at upload,
    without computing a year."""
    empty = {"figure": FigureValue, "table": lambda: TableValue(rows=[RowValue()]),
             "list": lambda: ListValue(rows=[ListRowValue()]),
             "text": lambda: narrative("")}
    values: dict[str, object] = {"association": AssociationValue(), "year": "", "period": "",
                                 "funder": "", "title": definition.title, "status": ""}
    for section in definition.sections:
        for item in section.items:
            values[item.id] = empty[item_shape(item)]()
    return values
