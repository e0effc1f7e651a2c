"""The annual report as a PDF book (cover, contents, bookmarks for every section and annex,
the archived questionnaires' own pages as annexes) and as a Word document (real headings, a
table of contents Word updates, the archived questionnaires' own Word files appended)."""

import io

from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from docxcompose.composer import Composer

from tracker.annual_report.content import AnnualReport, Part
from tracker.documents.docx_tables import add_table, document_bytes, new_document
from tracker.documents.exporters import register_exporter
from tracker.documents.pdf_book import BookDocument

ANNEXES = "Annexes : rapports d'activité remis aux pouvoirs subsidiants"


def annex_heading(number: int, title: str) -> str:
    return f"Annexe {number} : {title}"


def render_pdf(report: AnnualReport) -> bytes:
    book = BookDocument(report.title, report.organisation)
    book.cover(report.cover_lines())
    book.contents()
    for number, part in enumerate(report.parts, start=1):
        book.chapter(f"{number}. {part.title}", new_page=number > 1)
        _pdf_part(book, part)
    if report.annexes:
        book.chapter(ANNEXES)
        book.paragraph("Les rapports distincts remis chaque année aux pouvoirs subsidiants, "
                       "dans leur dernière version archivée.")
    for number, annex in enumerate(report.annexes, start=1):
        book.chapter(annex_heading(number, annex.title), level=1)
        book.paragraph(f"Version archivée : {annex.note}.")
        if annex.withheld:
            book.paragraph(f"Non reproduite ici : {annex.withheld}")
        elif annex.pdf:
            book.insert_pdf(annex.pdf)
    return book.render()


def _pdf_part(book: BookDocument, part: Part) -> None:
    for paragraph in part.paragraphs:
        book.paragraph(paragraph)
    for table in part.tables:
        book.table(table, "h3")
    for sub in part.parts:
        book.section(sub.title)
        for paragraph in sub.paragraphs:
            book.paragraph(paragraph)
        for table in sub.tables:
            book.table(table, "h3")


def render_docx(report: AnnualReport) -> bytes:
    document = new_document(report.title, report.organisation)
    document.add_heading(report.title, level=0)
    for line in report.cover_lines():
        document.add_paragraph(line)
    _page_break(document)
    document.add_paragraph("Table des matières").runs[0].bold = True
    _table_of_contents(document, _entries(report))
    for number, part in enumerate(report.parts, start=1):
        _page_break(document)
        document.add_heading(f"{number}. {part.title}", level=1)
        _docx_part(document, part)
    if report.annexes:
        _page_break(document)
        document.add_heading(ANNEXES, level=1)
    composer = Composer(document)
    for number, annex in enumerate(report.annexes, start=1):
        _page_break(document)
        document.add_heading(annex_heading(number, annex.title), level=2)
        document.add_paragraph(f"Version archivée : {annex.note}.")
        if annex.withheld:
            document.add_paragraph(f"Non reproduite ici : {annex.withheld}")
        elif annex.docx:
            composer.append(_demoted(annex.docx))
    return document_bytes(composer.doc)


def _entries(report: AnnualReport) -> list[tuple[int, str]]:
    entries = []
    for number, part in enumerate(report.parts, start=1):
        entries.append((1, f"{number}. {part.title}"))
        entries += [(2, sub.title) for sub in part.parts]
    if report.annexes:
        entries.append((1, ANNEXES))
        entries += [(2, annex_heading(number, annex.title))
                    for number, annex in enumerate(report.annexes, start=1)]
    return entries


def _docx_part(document, part: Part) -> None:
    for paragraph in part.paragraphs:
        document.add_paragraph(paragraph)
    for table in part.tables:
        add_table(document, table, level=3)
    for sub in part.parts:
        document.add_heading(sub.title, level=2)
        for paragraph in sub.paragraphs:
            document.add_paragraph(paragraph)
        for table in sub.tables:
            add_table(document, table, level=3)


def _page_break(document) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _table_of_contents(document, entries: list[tuple[int, str]]) -> None:
    """A TOC field over the headings of levels 1 and 2, which Word fills with page numbers
    when it opens the file (updateFields) and LibreOffice on « Mettre à jour »; until then it
    lists the headings."""
    entries = entries or [(1, "Table des matières")]
    paragraphs = [document.add_paragraph() for _entry in entries]
    for paragraph, (level, text) in zip(paragraphs, entries, strict=True):
        paragraph.paragraph_format.left_indent = Cm(0.8 * (level - 1))
        if paragraph is paragraphs[0]:
            _field_code(paragraph, "begin")
            _field_code(paragraph, None, 'TOC \\o "1-2" \\h \\z \\u')
            _field_code(paragraph, "separate")
        paragraph.add_run(text)
        if paragraph is paragraphs[-1]:
            _field_code(paragraph, "end")
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    document.settings.element.append(update)


def _field_code(paragraph, kind: str | None, instruction: str = "") -> None:
    run = paragraph.add_run()
    if kind:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
    else:
        element = OxmlElement("w:instrText")
        element.set(qn("xml:space"), "preserve")
        element.text = instruction
    run._r.append(element)


def _demoted(content: bytes):
    """An annex's Word file with its headings two levels down (its title a level 3): under
    « Annexe N », out of the report's table of contents."""
    annex = Document(io.BytesIO(content))
    for paragraph in annex.paragraphs:
        name = paragraph.style.name if paragraph.style is not None else ""
        if name == "Title":
            paragraph.style = annex.styles["Heading 3"]
        elif name.startswith("Heading ") and name[8:].isdigit():
            paragraph.style = annex.styles[f"Heading {min(int(name[8:]) + 2, 9)}"]
    return annex


ANNUAL_REPORT = register_exporter("annual_report", "Rapport annuel à l'assemblée générale",
                                  pdf=render_pdf, docx=render_docx)
