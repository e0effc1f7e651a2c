"""A questionnaire in a chosen format, as the CLI and the download links produce it, for a
year that has begun."""

from datetime import date

from tracker.errors import DomainError
from tracker.questionnaires.outputs import render
from tracker.questionnaires.schema import Definition
from tracker.questionnaires.services import current_report


def check_report_year(year: int, today: date | None = None) -> int:
    """A questionnaire is about a year that has begun (the page and `tracker report`)."""
    this_year = (today or date.today()).year
    if year > this_year:
        raise DomainError(f"L'année {year} n'a pas encore commencé : choisissez {this_year} "
                          "ou une année passée.")
    return year


def export_report(definition: Definition, year: int, extension: str) -> bytes:
    return render(current_report(definition, check_report_year(year)), extension)
