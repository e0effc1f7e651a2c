"""XLSX workbooks (openpyxl): one sheet per table, numbers stored as numbers."""

import io
import re
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from tracker.documents.tables import DocTable, FteValue, Linked, MoneyValue, ShareValue
from tracker.documents.xlsx_print import prepare_for_print

HEADER_FILL = PatternFill("solid", fgColor="DDE7EA")
BOLD = Font(bold=True)
FTE_FORMAT = "0.000"
SHARE_FORMAT = "0.0%"
DATE_FORMAT = "DD/MM/YYYY"
MONEY_FORMAT = '#,##0.00 "€"'


def sheet_title(title: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]\*\?/\\:]", " ", title)[:28].strip() or "Feuille"
    name, number = base, 2
    while name in used:
        name, number = f"{base[:25]} {number}", number + 1
    used.add(name)
    return name


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write_cell(sheet, row: int, column: int, value) -> None:
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, FteValue):
        cell.value, cell.number_format = round(value.value, 6), FTE_FORMAT
    elif isinstance(value, ShareValue):
        cell.value, cell.number_format = round(value.value / 100, 6), SHARE_FORMAT
    elif isinstance(value, MoneyValue):
        cell.value, cell.number_format = round(value.cents / 100, 2), MONEY_FORMAT
    elif isinstance(value, Linked):
        write_cell(sheet, row, column, value.text)
    elif isinstance(value, date):
        cell.value, cell.number_format = value, DATE_FORMAT
    elif isinstance(value, str) and value.lstrip().startswith(FORMULA_STARTS):
        # never let user text become a formula: stored as text, shown exactly as typed
        cell.value, cell.data_type, cell.quotePrefix = value, "s", True
    else:
        cell.value = value


def write_table(sheet, table: DocTable, header_row: int) -> int:
    """The one table writer of every workbook: headers (bold, shaded), rows, totals (bold);
    every cell through write_cell, headers included. Returns the last row written."""
    for column, header in enumerate(table.headers, start=1):
        write_cell(sheet, header_row, column, header)
        cell = sheet.cell(row=header_row, column=column)
        cell.font, cell.fill = BOLD, HEADER_FILL
    row = header_row
    for values in table.rows:
        row += 1
        for column, value in enumerate(values, start=1):
            write_cell(sheet, row, column, value)
    if table.totals:
        row += 1
        for column, value in enumerate(table.totals, start=1):
            write_cell(sheet, row, column, value)
            sheet.cell(row=row, column=column).font = BOLD
    return row


def tables_to_xlsx(tables: list[DocTable]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for table in tables:
        sheet = workbook.create_sheet(sheet_title(table.title, used))
        write_cell(sheet, 1, 1, table.title)
        sheet.cell(row=1, column=1).font = Font(bold=True, size=13)
        if table.note:
            write_cell(sheet, 2, 1, table.note)
            sheet.cell(row=2, column=1).alignment = Alignment(wrap_text=False)
        header_row = 4
        write_table(sheet, table, header_row)
        prepare_for_print(sheet, header_row, wrap_from_row=header_row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
