"""The annexes: the year's archived funder questionnaires, the last version of each, read
back against their SHA-256. A questionnaire with tables in persons enters in the board's
version (groups of fewer than three persons read « < 3 »); one archived before that version
existed is named, not included."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.extensions import db
from tracker.formatting import format_date
from tracker.questionnaires.archives import read_archived_file
from tracker.questionnaires.definition import DefinitionError, parse_definition
from tracker.questionnaires.models import ArchivedFile, QuestionnaireArchive, QuestionnaireResponse
from tracker.questionnaires.small_groups import archived_counts_persons


@dataclass
class Annex:
    title: str
    note: str  # « version 2 du 14/03/2026 »
    pdf: bytes | None = None
    docx: bytes | None = None
    withheld: str = ""  # why its files are not included


def year_annexes(year: int) -> list[Annex]:
    responses = db.session.scalars(
        select(QuestionnaireResponse).where(QuestionnaireResponse.year == year)
        .options(selectinload(QuestionnaireResponse.archives)
                 .selectinload(QuestionnaireArchive.files))
        .order_by(QuestionnaireResponse.definition_id))
    annexes = []
    for response in responses:
        if not response.archives:
            continue
        archive = response.archives[-1]
        annex = Annex(_title(archive, response), f"version {archive.version} du "
                                                 f"{format_date(archive.finalised_at.date())}")
        own = [file for file in archive.files if file.template_version_id is None]
        files = {file.format: file for file in own if not file.for_board}
        board = {file.format: file for file in own if file.for_board}
        if board:
            files = board
        elif own and archived_counts_persons(own[0]):
            annex.withheld = ("cette version détaille des groupes de moins de trois personnes "
                              "et n'a pas de version pour le conseil : finalisez une nouvelle "
                              "version du questionnaire pour l'inclure.")
            files = {}
        annex.pdf = _read(files.get("pdf"))
        annex.docx = _read(files.get("docx"))
        annexes.append(annex)
    return annexes


def _title(archive: QuestionnaireArchive, response: QuestionnaireResponse) -> str:
    try:
        return parse_definition(archive.definition_text, response.definition_id).title
    except DefinitionError:
        return response.definition_id


def _read(file: ArchivedFile | None) -> bytes | None:
    return None if file is None else read_archived_file(file)
