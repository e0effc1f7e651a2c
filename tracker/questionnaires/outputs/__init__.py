"""Every output format of a questionnaire, rendered from the same Report."""

from collections.abc import Callable

from tracker.questionnaires.outputs.docx import render_docx
from tracker.questionnaires.outputs.json import render_json
from tracker.questionnaires.outputs.pdf import render_pdf
from tracker.questionnaires.outputs.xlsx import render_xlsx
from tracker.questionnaires.report import Report

RENDERERS: dict[str, Callable[[Report], bytes]] = {
    "pdf": render_pdf, "docx": render_docx, "xlsx": render_xlsx, "json": render_json}
ARCHIVED_FORMATS = ("pdf", "docx", "xlsx", "json")
FORMAT_LABELS = {"pdf": "PDF", "docx": "Word (DOCX)", "xlsx": "Excel (XLSX)", "json": "JSON"}


def render(report: Report, extension: str) -> bytes:
    return RENDERERS[extension](report)
