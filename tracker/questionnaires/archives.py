"""Finalising a questionnaire's year into an archive: every format rendered once, stored read
only with its SHA-256, each finalisation a new version; reopening; reading an archived file."""

from dataclasses import dataclass, field

from sqlalchemy.exc import IntegrityError

from tracker.actors import current_actor
from tracker.db import reading_only
from tracker.documents.archive_files import new_folder, read_checked, write_read_only
from tracker.errors import DomainError
from tracker.extensions import db
from tracker.formatting import quoted
from tracker.progress import Progress, no_progress
from tracker.questionnaires.funder_forms.services import (
    fill_template,
    filled_filename,
    templates_in_use,
)
from tracker.questionnaires.models import ArchivedFile, QuestionnaireArchive, QuestionnaireResponse
from tracker.questionnaires.outputs import ARCHIVED_FORMATS, render
from tracker.questionnaires.schema import Definition
from tracker.questionnaires.services import (
    ALREADY_FINAL,
    FINALISED_MEANWHILE,
    get_response,
    report_of_year,
    response_for_edit,
)
from tracker.questionnaires.small_groups import counts_persons, for_the_board

BOARD_FORMATS = ("pdf", "docx")


@dataclass
class FilledForm:
    template_version_id: int
    filename: str
    format: str
    content: bytes


@dataclass
class FinalFiles:
    """A finalisation's files, rendered before anything is written."""

    version: int
    stem: str
    contents: dict[str, bytes]  # extension -> bytes
    forms: list[FilledForm] = field(default_factory=list)  # the funder's own, filled
    # a questionnaire with tables in persons: the board's PDF and DOCX (« < 3 »)
    for_board: dict[str, bytes] = field(default_factory=dict)


def render_final(definition: Definition, year: int,
                 progress: Progress = no_progress) -> FinalFiles:
    """Render every archived format of the next version (reads only: the longest part)."""
    response = get_response(definition, year)
    if response is not None and response.status == "final":
        raise DomainError(ALREADY_FINAL)
    version = (len(response.archives) if response else 0) + 1
    progress("Calcul des chiffres", 0, len(ARCHIVED_FORMATS))
    report = report_of_year(definition, year, response, status="final",
                            cached=False)  # what is archived is computed afresh
    report.version = version
    contents = {}
    for index, extension in enumerate(ARCHIVED_FORMATS):
        progress(f"Fichier {extension.upper()}", index, len(ARCHIVED_FORMATS))
        contents[extension] = render(report, extension)
    forms = []
    for template in templates_in_use(definition):  # a form that cannot be filled stops it
        progress(f"Formulaire {quoted(template.title)}", len(ARCHIVED_FORMATS),
                 len(ARCHIVED_FORMATS))
        forms.append(FilledForm(template.latest.id,
                                filled_filename(report, template.latest, version),
                                template.format,
                                fill_template(definition, report, template.latest)))
    for_board = {}
    if counts_persons(report):  # rendered last: the board's rule changes the report
        board_report = for_the_board(report)
        for_board = {extension: render(board_report, extension) for extension in BOARD_FORMATS}
    progress("Archivage", len(ARCHIVED_FORMATS), len(ARCHIVED_FORMATS))
    return FinalFiles(version, report.filename_stem, contents, forms, for_board)


def store_final(definition: Definition, year: int, files: FinalFiles) -> QuestionnaireArchive:
    """Store the rendered files with their SHA-256 under EXPORT_DIR (read only) and mark the
    year final; refused if another finalisation took this version meanwhile."""
    response = response_for_edit(definition, year)
    if len(response.archives) + 1 != files.version:
        raise DomainError(FINALISED_MEANWHILE)
    folder = new_folder("questionnaires", definition.id, str(year), f"v{files.version}")
    archive = QuestionnaireArchive(response=response, version=files.version,
                                   definition_sha256=definition.sha256,
                                   definition_text=definition.text,
                                   finalised_by=current_actor().label)
    db.session.add(archive)
    written = [(extension, f"{files.stem}-v{files.version}.{extension}", content, None, False)
               for extension, content in files.contents.items()]
    written += [(extension, f"{files.stem}-v{files.version}-conseil.{extension}", content,
                 None, True) for extension, content in files.for_board.items()]
    written += [(form.format, form.filename, form.content, form.template_version_id, False)
                for form in files.forms]
    for extension, filename, content, template_version_id, for_board in written:
        stored = write_read_only(folder, filename, content)
        archive.files.append(ArchivedFile(
            format=extension, filename=stored.filename, size=stored.size, path=stored.path,
            sha256=stored.sha256, template_version_id=template_version_id,
            for_board=for_board))
    response.status = "final"
    try:
        db.session.flush()
    except IntegrityError as error:  # someone finalised the same version a moment earlier
        raise DomainError(FINALISED_MEANWHILE) from error
    return archive


def finalise(definition: Definition, year: int) -> QuestionnaireArchive:
    """Render every format once, store the files, and mark the year final, in the current
    transaction. Each finalisation is a new version; none is overwritten."""
    return store_final(definition, year, render_final(definition, year))


def finalise_in_steps(definition: Definition, year: int,
                      progress: Progress = no_progress) -> QuestionnaireArchive:
    """The same, for the page's job: the files are rendered in a read-only transaction (on
    SQLite nobody waits meanwhile), then stored in a short one. Commits."""
    db.session.commit()
    with reading_only():
        files = render_final(definition, year, progress)
        db.session.rollback()
    archive = store_final(definition, year, files)
    db.session.commit()
    return archive


def run_finalise_job(_content: bytes, _filename: str, params: dict,
                     progress: Progress) -> dict:
    """« Finaliser et archiver », run by the scheduler (tracker/job_kinds.py)."""
    from tracker.questionnaires.registry import get_definition

    definition = get_definition(params["definition_id"])
    if definition is None:
        raise DomainError("Ce questionnaire n'existe plus.")
    archive = finalise_in_steps(definition, int(params["year"]), progress)
    return {"version": archive.version}


def reopen(definition: Definition, year: int) -> QuestionnaireResponse:
    response = get_response(definition, year)
    if response is None or response.status != "final":
        raise DomainError("Ce questionnaire n'est pas finalisé.")
    response.status = "brouillon"
    db.session.flush()
    return response


def read_archived_file(archived: ArchivedFile) -> bytes:
    """The archived bytes, checked against the SHA-256 recorded when they were written."""
    return read_checked(archived.path, archived.sha256)
