"""PDF reports (ReportLab): A4, an embedded TTF font, header and page numbers, escaped text."""

import io
import re
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    CondPageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from tracker.documents.tables import DocTable, cell_text, numeric_columns
from tracker.formatting import format_date

FONT_DIR = Path(__file__).resolve().parent.parent / "static" / "fonts"
FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"
CELL_SIZE = 8.5
CELL_PADDING = 13  # points: ReportLab's 6 on each side, and a little air
NARROWEST = CELL_PADDING + 20  # points: a column always has room for a few characters
WIDEST_WORD = 0.4  # of the page: a longer word (a 300-character reference) is split
# A heading never ends a page alone: it starts a new page unless this much room is left.
ROOM_FOR_A_TABLE = 45 * mm
_fonts_registered = False
BREAKABLE = re.compile(r"[ \t\r\n]+")


def register_fonts() -> None:
    """Once per process: the TTF that renders « agrément », « Sésame » and « € »."""
    global _fonts_registered
    if not _fonts_registered:
        pdfmetrics.registerFont(TTFont(FONT, str(FONT_DIR / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD)
        _fonts_registered = True


class ReportDocument:
    """The base of every PDF: A4 (landscape for wide tables), a running header, page numbers."""

    def __init__(self, title: str, subtitle: str = "", organisation: str = "",
                 wide: bool = False):
        register_fonts()
        self.title, self.subtitle, self.organisation = title, subtitle, organisation
        self.pagesize = landscape(A4) if wide else A4
        styles = getSampleStyleSheet()
        self.styles = {
            "title": ParagraphStyle("title", parent=styles["Title"], fontName=FONT_BOLD,
                                    fontSize=17, leading=21),
            "h2": ParagraphStyle("h2", parent=styles["Heading2"], fontName=FONT_BOLD,
                                 fontSize=12.5, spaceBefore=10, spaceAfter=5),
            "h3": ParagraphStyle("h3", parent=styles["Heading3"], fontName=FONT_BOLD,
                                 fontSize=10.5, spaceBefore=8, spaceAfter=4),
            "body": ParagraphStyle("body", parent=styles["BodyText"], fontName=FONT,
                                   fontSize=9.5, leading=12),
            "cell": ParagraphStyle("cell", fontName=FONT, fontSize=8.5, leading=10.5),
            "cell_num": ParagraphStyle("cell_num", fontName=FONT, fontSize=8.5, leading=10.5,
                                       alignment=TA_RIGHT),
            "head": ParagraphStyle("head", fontName=FONT_BOLD, fontSize=8.5, leading=10.5),
            "head_num": ParagraphStyle("head_num", fontName=FONT_BOLD, fontSize=8.5,
                                       leading=10.5, alignment=TA_RIGHT),
        }
        self.story: list = [Paragraph(escape(title), self.styles["title"])]
        if subtitle:
            self.story.append(Paragraph(escape(subtitle), self.styles["body"]))
        self.story.append(Spacer(1, 4 * mm))

    def paragraph(self, text: str) -> None:
        self.story.append(Paragraph(escape(text), self.styles["body"]))

    def heading(self, text: str, level: str = "h2") -> None:
        self.story.append(Paragraph(escape(text), self.styles[level]))

    @property
    def frame_width(self) -> float:
        return self.pagesize[0] - 30 * mm

    def table(self, table: DocTable, level: str = "h2") -> None:
        self.story.append(CondPageBreak(ROOM_FOR_A_TABLE))
        self.heading(table.title, level)
        if table.note:
            self.paragraph(table.note)
        numeric = numeric_columns(table)
        # Each cell formatted once: the same texts size the columns and fill them.
        header = list(table.headers)
        body = [[cell_text(value) for value in values] for values in table.rows]
        totals = [cell_text(value) for value in table.totals] if table.totals else None

        def row_cells(texts, bold=False):
            cells = []
            for index, text in enumerate(texts):
                right = index in numeric  # headers and totals aligned with their figures
                name = ("head_num" if right else "head") if bold else \
                    ("cell_num" if right else "cell")
                cells.append(Paragraph(escape(text), self.styles[name]))
            return cells

        data = [row_cells(header, bold=True)] + [row_cells(texts) for texts in body]
        if totals:
            data.append(row_cells(totals, bold=True))
        if len(data) == 1:
            data.append(row_cells(["Aucune donnée."] + [""] * (len(header) - 1)))
        widths = column_widths([header, *body, *([totals] if totals else [])], len(header),
                               self.frame_width)
        # splitInRow: a row taller than the page (a very long description) continues on the next
        grid = Table(data, repeatRows=1, hAlign="LEFT", colWidths=widths, splitInRow=1)
        style = [
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDE7EA")),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.HexColor("#1D5C63")),
            ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#C9D1D6")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
        if table.totals:
            style.append(("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#F1F4F5")))
        grid.setStyle(TableStyle(style))
        self.story += [grid, Spacer(1, 5 * mm)]

    def _decorate(self, canvas, document) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 8)
        width, height = self.pagesize
        canvas.setFillColor(colors.HexColor("#5F6B76"))
        header = f"{self.organisation} · {self.title}" if self.organisation else self.title
        canvas.drawString(15 * mm, height - 10 * mm, header)
        canvas.drawRightString(width - 15 * mm, 10 * mm, f"Page {document.page}")
        canvas.drawString(15 * mm, 10 * mm, f"Édité le {format_date(date.today())}")
        canvas.restoreState()

    def render(self) -> bytes:
        buffer = io.BytesIO()
        document = SimpleDocTemplate(
            buffer, pagesize=self.pagesize, title=self.title, author=self.organisation,
            leftMargin=15 * mm, rightMargin=15 * mm, topMargin=16 * mm, bottomMargin=16 * mm)
        document.build(self.story, onFirstPage=self._decorate, onLaterPages=self._decorate)
        return buffer.getvalue()


def _split_long_words(shortest: list[float], available: float, narrowest: float) -> list[float]:
    """The columns whose words fit keep them whole (an amount, a date); the others share
    what is left, each at least its narrowest width, and their words are split."""
    ordinary = [width for width in shortest if width < WIDEST_WORD * available / 2]
    long_ones = len(shortest) - len(ordinary)
    room = available - sum(ordinary)
    if long_ones and room >= narrowest * long_ones:
        each = room / long_ones
        return [width if width < WIDEST_WORD * available / 2 else each for width in shortest]
    extra = [width - narrowest for width in shortest]  # nothing fits: in proportion
    room = available - narrowest * len(shortest)
    return [narrowest + room * part / (sum(extra) or 1) for part in extra]


def column_widths(texts: list[list[str]], columns: int, available: float) -> list[float]:
    """Widths that never cut a word (a name, « Psychologue ») when the page allows it: each
    column gets at least its longest word, and the rest of the page in proportion to what its
    cells would need on one line."""
    narrowest = min(NARROWEST, available / columns)
    shortest, natural = [narrowest] * columns, [narrowest] * columns
    for row_index, row in enumerate(texts):
        font = FONT_BOLD if row_index == 0 else FONT
        for index, text in enumerate(row[:columns]):
            # an amount's or a figure's no-break spaces (« 252 300,00 € ») hold it together
            words = BREAKABLE.split(text.strip()) or [""]
            longest = max(pdfmetrics.stringWidth(word, font, CELL_SIZE) for word in words)
            shortest[index] = max(shortest[index],
                                  min(longest + CELL_PADDING, WIDEST_WORD * available))
            natural[index] = max(natural[index],
                                 pdfmetrics.stringWidth(text, font, CELL_SIZE) + CELL_PADDING)
    if sum(natural) <= available:
        return natural
    spare = available - sum(shortest)
    if spare <= 0:  # words too long for the page
        return _split_long_words(shortest, available, narrowest)
    wishes = [max(want - least, 0.0) for want, least in zip(natural, shortest, strict=True)]
    return [least + spare * wish / (sum(wishes) or 1)
            for least, wish in zip(shortest, wishes, strict=True)]
