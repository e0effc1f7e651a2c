"""A PDF book: a cover, a table of contents, chapters and sections that are also the PDF's
bookmarks, and other PDF files inserted whole at their place (a report's annexes), the
contents and the bookmarks pointing at their real pages.

ReportLab lays the book out with a blank page reserved for each page of an inserted file
(so that every page number it prints is already right), records the page of each heading and
of each reserved run; pypdf then puts the inserted files' pages in place of the reserved ones
and writes the bookmarks."""

import io
from dataclasses import dataclass
from xml.sax.saxutils import escape

from pypdf import PdfReader, PdfWriter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, SimpleDocTemplate, Spacer
from reportlab.platypus.tableofcontents import TableOfContents

from tracker.documents.pdf import FONT, FONT_BOLD, ReportDocument


class _Mark(Flowable):
    """Nothing on the page: where a heading, or a reserved run of pages, landed."""

    def __init__(self, kind: str, key: int):
        super().__init__()
        self.kind, self.key = kind, key

    def wrap(self, *_args):
        return 0, 0

    def draw(self):
        pass


@dataclass
class _Heading:
    level: int
    text: str


class _Template(SimpleDocTemplate):
    def __init__(self, buffer, book: "BookDocument", **kwargs):
        super().__init__(buffer, **kwargs)
        self.book = book

    def beforeDocument(self):
        self.book.pages.clear()

    def afterFlowable(self, flowable):
        if isinstance(flowable, _Mark):
            self.book.pages[(flowable.kind, flowable.key)] = self.page
            if flowable.kind == "heading":
                heading = self.book.headings[flowable.key]
                self.notify("TOCEntry", (heading.level, heading.text, self.page))


class BookDocument(ReportDocument):
    def __init__(self, title: str, organisation: str = ""):
        super().__init__(title, "", organisation)
        self.story = []  # the cover comes first, written by cover()
        self.headings: list[_Heading] = []
        self.inserts: list[bytes] = []
        self.pages: dict[tuple[str, int], int] = {}

    def cover(self, lines: list[str]) -> None:
        self.story += [Spacer(1, 60 * mm), Paragraph(escape(self.title), self.styles["title"]),
                       Spacer(1, 10 * mm)]
        self.story += [Paragraph(escape(line), self.styles["h3"]) for line in lines]
        self.story.append(PageBreak())

    def contents(self) -> None:
        table = TableOfContents(dotsMinLevel=0)
        table.levelStyles = [
            ParagraphStyle("toc0", fontName=FONT_BOLD, fontSize=10.5, leading=15,
                           leftIndent=0, firstLineIndent=0),
            ParagraphStyle("toc1", fontName=FONT, fontSize=9.5, leading=13, leftIndent=8 * mm,
                           firstLineIndent=0)]
        self.story += [Paragraph("Table des matières", self.styles["h2"]), table, PageBreak()]

    def chapter(self, text: str, new_page: bool = True, level: int = 0) -> None:
        """A heading on a new page; `level` 1 for one under the chapter before it (an annex
        under « Annexes »)."""
        if new_page:
            self.story.append(PageBreak())
        self._heading(level, text, "h2")

    def section(self, text: str) -> None:
        self._heading(1, text, "h3")

    def _heading(self, level: int, text: str, style: str) -> None:
        self.headings.append(_Heading(level, text))
        self.story += [_Mark("heading", len(self.headings) - 1),
                       Paragraph(escape(text), self.styles[style])]

    def insert_pdf(self, content: bytes) -> None:
        """Another PDF, whole, from the next page on."""
        count = len(PdfReader(io.BytesIO(content)).pages)
        if not count:
            return
        self.inserts.append(content)
        self.story += [PageBreak(), _Mark("insert", len(self.inserts) - 1)]
        for _page in range(count - 1):  # a page with nothing is taken for a layout error
            self.story += [PageBreak(), _Mark("blank", 0)]

    def render(self) -> bytes:
        buffer = io.BytesIO()
        document = _Template(buffer, self, pagesize=self.pagesize, title=self.title,
                             author=self.organisation, leftMargin=15 * mm, rightMargin=15 * mm,
                             topMargin=16 * mm, bottomMargin=16 * mm)
        document.multiBuild(self.story, onFirstPage=_no_decoration,
                            onLaterPages=self._decorate)
        return self._merged(buffer.getvalue())

    def _merged(self, laid_out: bytes) -> bytes:
        reader, writer = PdfReader(io.BytesIO(laid_out)), PdfWriter()
        starts = {self.pages[("insert", index)]: content
                  for index, content in enumerate(self.inserts)}
        page = 1
        while page <= len(reader.pages):
            if page in starts:
                inserted = PdfReader(io.BytesIO(starts[page])).pages
                for each in inserted:
                    writer.add_page(each)
                page += len(inserted)
            else:
                writer.add_page(reader.pages[page - 1])
                page += 1
        writer.add_metadata({"/Title": self.title, "/Author": self.organisation})
        parent = None
        for index, heading in enumerate(self.headings):
            target = self.pages[("heading", index)] - 1
            if heading.level == 0:
                parent = writer.add_outline_item(title=heading.text, page_number=target)
            else:
                writer.add_outline_item(title=heading.text, page_number=target, parent=parent)
        writer.page_mode = "/UseOutlines"
        output = io.BytesIO()
        writer.write(output)
        return output.getvalue()


def _no_decoration(_canvas, _document) -> None:
    """The cover has no running header nor page number."""
