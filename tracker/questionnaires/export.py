"""A questionnaire in a chosen format, as the CLI and the download links produce it, for a
year that has begun."""

from tracker.params import year_begun
from tracker.questionnaires.outputs import render
from tracker.questionnaires.schema import Definition
from tracker.questionnaires.services import current_report


def export_report(definition: Definition, year: int, extension: str) -> bytes:
    return render(current_report(definition, year_begun(year)), extension)
