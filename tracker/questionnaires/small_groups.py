"""A questionnaire as the board may read it: in every table that counts persons, a row of
fewer than three persons reads « < 3 » (tracker/privacy.py), in every format and chart; so
does a list's cell counting persons (an action plan's indicator)."""

from tracker.privacy import too_small
from tracker.questionnaires.definition import DefinitionError, parse_definition
from tracker.questionnaires.models import ArchivedFile
from tracker.questionnaires.report import Report


def counts_persons(report: Report) -> bool:
    return any((result.table is not None and result.item.metric is not None
                and result.item.metric.in_persons)
               or (result.list is not None and result.list.persons_cells)
               for section in report.sections for result in section.items)


def for_the_board(report: Report) -> Report:
    for section in report.sections:
        for result in section.items:
            if result.list is not None:
                result.list.for_the_board()
            metric = result.item.metric
            if result.table is None or metric is None or not metric.in_persons:
                continue
            for row in result.table.rows:
                if too_small(row.value):
                    row.hidden, row.percent = True, None
    return report


def archived_counts_persons(archived_file: ArchivedFile) -> bool:
    """Whether a finalised file holds tables in persons (its groups were not hidden)."""
    if any(file.for_board for file in archived_file.archive.files):
        return True  # finalisation found persons counted (a table, a plan's indicator)
    text = archived_file.archive.definition_text
    if not text:
        return False
    try:
        definition = parse_definition(text, archived_file.filename)
    except DefinitionError:
        return True  # unreadable now: kept from the board rather than guessed
    return any(item.type == "table" and item.metric is not None and item.metric.in_persons
               for item in definition.items())
