"""Word documents (python-docx): an A4 page set-up and a DocTable written as a real Word
table (header row repeated on each page, figures right-aligned, across the text width,
no word cut). Every Word file the application writes starts and fills its tables here."""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from tracker.documents.tables import DocTable, cell_text, numeric_columns

PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Cm(21), Cm(29.7), Cm(2)  # A4
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
LONGEST_SHARE = 40  # characters: a column's share of the width grows with its text, to this
WORD_PADDING = 3  # characters: a cell's margins, and a bold header's wider letters
CHARACTER = Cm(0.21)  # the width of a character of 10 pt DejaVu Sans (bold headers included)


def new_document(title: str, author: str):
    """An empty A4 document in 10 pt DejaVu Sans, with its title and author set."""
    document = Document()
    for section in document.sections:
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.left_margin = section.right_margin = MARGIN
        section.top_margin = section.bottom_margin = MARGIN
    document.styles["Normal"].font.name = "DejaVu Sans"
    document.styles["Normal"].font.size = Pt(10)
    document.core_properties.title = title
    document.core_properties.author = author
    return document


def document_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def add_table(document, table: DocTable, level: int = 3) -> None:
    """The table under its heading (a Word heading of `level`) and its note."""
    document.add_heading(table.title, level=level)
    if table.note:
        document.add_paragraph(table.note)
    rows = [table.headers] + table.rows + ([table.totals] if table.totals else [])
    numeric = numeric_columns(table)  # right-aligned, header included, as in the PDF
    grid = document.add_table(rows=len(rows), cols=len(table.headers))
    grid.style = "Table Grid"
    for row_index, values in enumerate(rows):
        for column, value in enumerate(values):
            cell = grid.cell(row_index, column)
            cell.text = cell_text(value)
            paragraph = cell.paragraphs[0]
            if column in numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if row_index == 0 or (table.totals and row_index == len(rows) - 1):
                for run in paragraph.runs:
                    run.bold = True
    _full_width(grid, rows)
    header = grid.rows[0]._tr  # repeat the header row on every page Word breaks the table on
    header.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _full_width(grid, rows: list[list]) -> None:
    """The table across the text width: each column first gets its longest word (so that no
    word is cut: « Psychologue », not « Psychologu/e »), then what is left goes to the
    columns of longer texts, in proportion."""
    texts = [[cell_text(value) for value in values] for values in rows]
    least, wish = [], []
    for column in range(len(texts[0])):
        cells = [row[column] for row in texts]
        word = max((len(part) for text in cells for part in text.split()), default=1)
        text = max((len(text) for text in cells), default=1)
        least.append((word + WORD_PADDING) * CHARACTER)
        wish.append(max(min(text, LONGEST_SHARE) - word, 0))
    room = TEXT_WIDTH - sum(least)
    if room < 0:  # too many columns for the page: every one shrinks alike
        widths = [width * TEXT_WIDTH / sum(least) for width in least]
    else:
        widths = [width + (room * share / sum(wish) if sum(wish) else room / len(least))
                  for width, share in zip(least, wish, strict=True)]
    grid.autofit = False
    table_width = grid._tbl.tblPr.find(qn("w:tblW"))
    if table_width is None:
        table_width = OxmlElement("w:tblW")
        grid._tbl.tblPr.append(table_width)
    table_width.set(qn("w:type"), "pct")
    table_width.set(qn("w:w"), "5000")  # 100 % of the text width
    for column, width in enumerate(widths):
        grid.columns[column].width = int(width)
        for cell in grid.columns[column].cells:
            cell.width = int(width)
