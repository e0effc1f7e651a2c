"""The questionnaire as a workbook (openpyxl): one sheet per section, numbers as numbers."""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from tracker.documents.xlsx import BOLD, HEADER_FILL, sheet_title, write_cell
from tracker.questionnaires.outputs.pdf import cover_lines
from tracker.questionnaires.outputs.tables import item_table
from tracker.questionnaires.report import Report

WRAP = Alignment(wrap_text=True, vertical="top")


def render_xlsx(report: Report) -> bytes:
    workbook = Workbook()
    cover = workbook.active
    cover.title = "Couverture"
    cover["A1"] = report.title
    cover["A1"].font = Font(bold=True, size=14)
    for offset, line in enumerate(cover_lines(report), start=3):
        cover.cell(row=offset, column=1, value=line)
    cover.column_dimensions["A"].width = 90
    used = {"Couverture"}
    for section in report.sections:
        sheet = workbook.create_sheet(sheet_title(f"{section.number}. {section.title}", used))
        sheet.column_dimensions["A"].width = 45
        row = 1
        sheet.cell(row=row, column=1, value=f"{section.number}. {section.title}").font = Font(
            bold=True, size=13)
        row += 2
        for result in section.items:
            if result.type in ("metric", "text"):
                sheet.cell(row=row, column=1, value=result.label).font = BOLD
                cell = sheet.cell(row=row, column=2)
                if result.type == "metric":
                    write_cell(sheet, row, 2, result.value)
                    if result.reason:
                        sheet.cell(row=row, column=3, value=f"corrigé (calculé : "
                                   f"{result.computed}) – {result.reason}")
                else:
                    write_cell(sheet, row, 2, result.value or "")
                    cell.alignment = WRAP
                    sheet.column_dimensions["B"].width = 80
                row += 2
                continue
            table = item_table(result, report.dimension_labels)
            sheet.cell(row=row, column=1, value=table.title).font = BOLD
            row += 1
            if table.note:
                sheet.cell(row=row, column=1, value=table.note)
                row += 1
            for column, header in enumerate(table.headers, start=1):
                cell = sheet.cell(row=row, column=column, value=header)
                cell.font, cell.fill = BOLD, HEADER_FILL
            for values in table.rows + ([table.totals] if table.totals else []):
                row += 1
                for column, value in enumerate(values, start=1):
                    write_cell(sheet, row, column, value)
            if table.totals:
                for column in range(1, len(table.totals) + 1):
                    sheet.cell(row=row, column=column).font = BOLD
            row += 2
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
