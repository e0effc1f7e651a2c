"""Files to fill in for an import: its header and example rows, as CSV (« ; », UTF-8 with a
BOM so that Excel shows the accents) or XLSX (the header on the first row, as the reader
expects)."""

import csv
import io

from openpyxl import Workbook

from tracker.documents.xlsx import BOLD, HEADER_FILL, write_cell
from tracker.documents.xlsx_print import prepare_for_print

TEMPLATE_FORMATS = ("csv", "xlsx")  # identifiers of documents/formats.py


def import_template(headers: list[str], rows: list[list[str]], extension: str) -> bytes:
    if extension == "csv":
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow(headers)
        writer.writerows(rows)
        return buffer.getvalue().encode("utf-8-sig")
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Import"
    for column, header in enumerate(headers, start=1):
        write_cell(sheet, 1, column, header)
        cell = sheet.cell(row=1, column=column)
        cell.font, cell.fill = BOLD, HEADER_FILL
    for row_number, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            write_cell(sheet, row_number, column, value)
    prepare_for_print(sheet, header_row=1)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
