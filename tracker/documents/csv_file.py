"""A table as a CSV file a spreadsheet opens as the office expects: « ; » between cells,
UTF-8 with a BOM (Excel then shows the accents), each cell as French text, and text that a
spreadsheet would run as a formula quoted as text."""

import csv
import io

from tracker.documents.tables import DocTable, cell_text
from tracker.documents.xlsx import FORMULA_STARTS


def _safe(text: str) -> str:
    return f"'{text}" if text.lstrip().startswith(FORMULA_STARTS) else text


def table_to_csv(table: DocTable) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow([_safe(cell_text(value)) for value in row])
    return buffer.getvalue().encode("utf-8-sig")
