"""A questionnaire in a chosen format, as the CLI and the download links produce it."""

from flask import render_template

from tracker.questionnaires.outputs import render
from tracker.questionnaires.report import Report
from tracker.questionnaires.schema import Definition
from tracker.questionnaires.services import current_report
from tracker.questionnaires.view_model import report_view

FORMATS = ("pdf", "docx", "xlsx", "json", "html")


def render_html(report: Report) -> bytes:
    """A standalone page (its own small stylesheet) of the same content as the preview."""
    return render_template("questionnaires/standalone.html", report=report,
                           view=report_view(report)).encode()


def export_report(definition: Definition, year: int, extension: str) -> bytes:
    report = current_report(definition, year)
    if extension == "html":
        return render_html(report)
    return render(report, extension)
