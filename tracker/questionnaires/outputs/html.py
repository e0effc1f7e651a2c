"""The questionnaire as a standalone web page (its own small stylesheet), the same content as
the preview."""

from flask import render_template

from tracker.questionnaires.outputs.view_model import report_view
from tracker.questionnaires.report import Report


def render_html(report: Report) -> bytes:
    return render_template("questionnaires/standalone.html", report=report,
                           view=report_view(report)).encode()
