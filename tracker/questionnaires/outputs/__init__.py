"""Every output format of a questionnaire, rendered from the same Report: one renderer per
format of the documents registry (documents/formats.py gives labels and mimetypes)."""

from tracker.documents.exporters import register_exporter
from tracker.documents.formats import labels
from tracker.questionnaires.outputs.docx import render_docx
from tracker.questionnaires.outputs.html import render_html
from tracker.questionnaires.outputs.json import render_json
from tracker.questionnaires.outputs.pdf import render_pdf
from tracker.questionnaires.outputs.xlsx import render_xlsx
from tracker.questionnaires.report import Report

QUESTIONNAIRE = register_exporter("questionnaire", "Questionnaire d'un financeur",
                                  pdf=render_pdf, docx=render_docx, xlsx=render_xlsx,
                                  json=render_json, html=render_html)
ARCHIVED_FORMATS = ("pdf", "docx", "xlsx", "json")
DOWNLOADS = labels(*ARCHIVED_FORMATS)  # the page's « Télécharger » links (HTML: the CLI's)


def render(report: Report, extension: str) -> bytes:
    return QUESTIONNAIRE.render(report, extension)
