"""Producing a version of the annual report: rendered (read-only, the long part), then
stored read only with the SHA-256 of each file, a new version each time; the page's
background job and the command run it."""

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from tracker.actors import current_actor
from tracker.annual_report.content import build_annual_report
from tracker.annual_report.models import AnnualReportFile, AnnualReportVersion
from tracker.annual_report.outputs import ANNUAL_REPORT
from tracker.db import reading_only
from tracker.documents.archive_files import new_folder, write_read_only
from tracker.errors import DomainError
from tracker.extensions import db
from tracker.params import year_begun
from tracker.progress import Progress, no_progress

PRODUCED_MEANWHILE = ("Une autre version de ce rapport vient d'être produite : rechargez la "
                      "page, puis relancez si nécessaire.")


def next_version(year: int) -> int:
    return (db.session.scalar(select(func.max(AnnualReportVersion.version))
                              .where(AnnualReportVersion.year == year)) or 0) + 1


def render_files(year: int, version: int | None, progress: Progress = no_progress,
                 formats: tuple[str, ...] = ANNUAL_REPORT.formats) -> dict[str, bytes]:
    """Every format of the report, built once."""
    progress("Chiffres, équipe, finances et annexes", 0, len(formats) + 1)
    report = build_annual_report(year_begun(year), version, date.today())
    contents = {}
    for index, extension in enumerate(formats, start=1):
        progress(f"Fichier {extension.upper()}", index, len(formats) + 1)
        contents[extension] = ANNUAL_REPORT.render(report, extension)
    return contents


def produce(year: int, progress: Progress = no_progress) -> AnnualReportVersion:
    """Render in a read-only transaction (nobody waits meanwhile on SQLite), then store the
    files in a short one. Commits."""
    db.session.commit()
    with reading_only():
        version = next_version(year)
        contents = render_files(year, version, progress)
        db.session.rollback()
    progress("Archivage", 1, 1)
    stored = store_version(year, version, contents)
    db.session.commit()
    return stored


def store_version(year: int, version: int, contents: dict[str, bytes]) -> AnnualReportVersion:
    if next_version(year) != version:
        raise DomainError(PRODUCED_MEANWHILE)
    folder = new_folder("rapport-annuel", str(year), f"v{version}")
    row = AnnualReportVersion(year=year, version=version, produced_by=current_actor().label)
    db.session.add(row)
    for extension, content in contents.items():
        written = write_read_only(folder, f"rapport-annuel-{year}-v{version}.{extension}",
                                  content)
        row.files.append(AnnualReportFile(format=extension, filename=written.filename,
                                          path=written.path, sha256=written.sha256,
                                          size=written.size))
    try:
        db.session.flush()
    except IntegrityError as error:  # the same version produced a moment earlier
        raise DomainError(PRODUCED_MEANWHILE) from error
    return row


def run_produce_job(_content: bytes, _filename: str, params: dict, progress: Progress) -> dict:
    """« Produire le rapport annuel », run by the scheduler (tracker/job_kinds.py)."""
    return {"version": produce(int(params["annee"]), progress).version}
