"""A questionnaire in a chosen format, as the CLI and the download links produce it, for a
year that has begun."""

from tracker.params import year_begun
from tracker.questionnaires.outputs import render
from tracker.questionnaires.schema import Definition
from tracker.questionnaires.services import current_report
from tracker.questionnaires.small_groups import for_the_board


def export_report(definition: Definition, year: int, extension: str,
                  board: bool = False) -> bytes:
    """The file; the board's with groups of fewer than three persons hidden."""
    report = current_report(definition, year_begun(year))
    return render(for_the_board(report) if board else report, extension)
