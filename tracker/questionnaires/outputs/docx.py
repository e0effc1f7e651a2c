"""The questionnaire as an editable Word document (python-docx), for funders who want Word."""

import io

from docx.shared import Cm

from tracker.documents.docx_tables import add_table, document_bytes, new_document
from tracker.formatting import format_number
from tracker.questionnaires.outputs.chart_image import chart_png
from tracker.questionnaires.outputs.tables import correction_notes, item_table, previous_text
from tracker.questionnaires.report import Report, ReportItem


def render_docx(report: Report) -> bytes:
    document = new_document(report.title, report.organisation)
    document.add_heading(report.title, level=0)
    if report.definition.subtitle:
        document.add_paragraph(report.definition.subtitle)
    for line in report.cover_lines():
        document.add_heading(line, level=2)
    document.add_page_break()
    for section in report.sections:
        document.add_heading(f"{section.number}. {section.title}", level=1)
        if section.intro:
            document.add_paragraph(section.intro)
        for result in section.items:
            _item(document, result, report)
    return document_bytes(document)


def _item(document, result: ReportItem, report: Report) -> None:
    if result.type == "text":
        document.add_heading(result.label, level=3)
        for paragraph in (result.value or "(non rempli)").split("\n\n"):
            document.add_paragraph(paragraph)
        return
    if result.type == "metric":
        paragraph = document.add_paragraph(f"{result.label} : ")
        paragraph.add_run(format_number(result.value) + (" *" if result.reason else "")).bold = True
        paragraph.add_run(previous_text(result))
        for note in correction_notes(result):
            document.add_paragraph(f"* {note}")
        return
    add_table(document, item_table(result, report.dimension_labels))
    image = chart_png(result)
    if image is not None:  # the PDF's chart, as a picture Word shows and prints
        document.add_picture(io.BytesIO(image), width=Cm(16))
