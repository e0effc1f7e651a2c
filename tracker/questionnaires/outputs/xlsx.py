"""The questionnaire as a workbook (openpyxl): one sheet per section, numbers as numbers."""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from tracker.documents.tables import ShareValue
from tracker.documents.xlsx import BOLD, sheet_title, write_cell, write_table
from tracker.documents.xlsx_print import prepare_for_print
from tracker.questionnaires.outputs.tables import correction_notes, item_table
from tracker.questionnaires.report import Report

WRAP = Alignment(wrap_text=True, vertical="top")


def _label(sheet, row: int, text: str, font: Font | None = None) -> None:
    """Text in column A, never read as a formula (definitions and answers are user input)."""
    write_cell(sheet, row, 1, text)
    if font is not None:
        sheet.cell(row=row, column=1).font = font


def render_xlsx(report: Report) -> bytes:
    workbook = Workbook()
    cover = workbook.active
    cover.title = "Couverture"
    _label(cover, 1, report.title, Font(bold=True, size=14))
    for offset, line in enumerate(report.cover_lines(), start=3):
        _label(cover, offset, line)
    cover.column_dimensions["A"].width = 90
    used = {"Couverture"}
    for section in report.sections:
        sheet = workbook.create_sheet(sheet_title(f"{section.number}. {section.title}", used))
        sheet.column_dimensions["A"].width = 45
        row = 1
        _label(sheet, row, f"{section.number}. {section.title}", Font(bold=True, size=13))
        row += 2
        for result in section.items:
            if result.type in ("metric", "text"):
                _label(sheet, row, result.label, BOLD)
                cell = sheet.cell(row=row, column=2)
                if result.type == "metric":
                    write_cell(sheet, row, 2, result.value)
                    notes = correction_notes(result)
                    if result.item.previous:  # last year's beside, then the change
                        write_cell(sheet, row, 3, result.previous)
                        write_cell(sheet, row, 4, None if result.change is None
                                   else ShareValue(result.change))
                        notes = [f"Colonne C : {result.year - 1} ; D : évolution"] + notes
                    for note in notes:
                        write_cell(sheet, row, 5 if result.item.previous else 3, note)
                else:
                    write_cell(sheet, row, 2, result.value or "")
                    cell.alignment = WRAP
                    sheet.column_dimensions["B"].width = 80
                row += 2
                continue
            table = item_table(result, report.dimension_labels)
            _label(sheet, row, table.title, BOLD)
            row += 1
            if table.note:
                _label(sheet, row, table.note)
                row += 1
            row = write_table(sheet, table, row) + 2
    for sheet in workbook.worksheets:
        prepare_for_print(sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
