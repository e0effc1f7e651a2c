"""Every workbook the application writes prints: A4, one page wide (as many pages down as
needed), landscape when wide, the table's header row repeated on each page and frozen on
screen, columns sized to their content (capped; longer text wraps)."""

from openpyxl.cell.cell import MergedCell
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tracker.documents.tables import cell_text

WIDEST = 60  # characters: a longer cell wraps
NARROWEST = 8
PORTRAIT_WIDTH = 100  # characters across a portrait A4 page at the size printed


def prepare_for_print(sheet: Worksheet, header_row: int | None = None,
                      wrap_from_row: int = 1) -> None:
    """Set the sheet's print settings; `header_row`, if any, is repeated and frozen. Cells of
    rows from `wrap_from_row` longer than WIDEST wrap (a title above a table does not widen
    its first column)."""
    widths = _content_widths(sheet, wrap_from_row)
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if sum(widths.values()) > PORTRAIT_WIDTH \
        else "portrait"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.print_options.gridLines = False
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    if header_row is not None:
        sheet.print_title_rows = f"{header_row}:{header_row}"
        sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)


def _content_widths(sheet: Worksheet, wrap_from_row: int) -> dict[int, float]:
    widths: dict[int, float] = {}
    for row in sheet.iter_rows(min_row=wrap_from_row):
        for cell in row:
            if isinstance(cell, MergedCell) or cell.value is None:
                continue
            text = cell_text(cell.value) if not isinstance(cell.value, str) else cell.value
            longest = max((len(line) for line in text.split("\n")), default=0)
            if longest > WIDEST:
                cell.alignment = Alignment(wrap_text=True, vertical="top",
                                           horizontal=cell.alignment.horizontal)
            widths[cell.column] = max(widths.get(cell.column, NARROWEST),
                                      min(longest + 2, WIDEST))
    return widths
