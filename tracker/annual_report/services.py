"""The annual report's texts (drafts per year and section, last year's offered) and its
archived versions."""

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.annual_report.models import AnnualReportFile, AnnualReportText, AnnualReportVersion
from tracker.annual_report.vocabulary import NARRATIVES
from tracker.documents.archive_files import read_checked
from tracker.errors import DomainError
from tracker.extensions import db

MAX_TEXT = 20_000


def texts_of(year: int) -> dict[str, str]:
    return dict(db.session.execute(select(AnnualReportText.section, AnnualReportText.text)
                                   .where(AnnualReportText.year == year)).all())


def save_texts(year: int, texts: dict[str, str]) -> None:
    """The director's drafts; an emptied section is removed."""
    stored = {row.section: row for row in db.session.scalars(
        select(AnnualReportText).where(AnnualReportText.year == year))}
    for section in NARRATIVES:
        text = (texts.get(section) or "").strip()
        if len(text) > MAX_TEXT:
            raise DomainError(f"« {NARRATIVES[section]} » fait au plus {MAX_TEXT} caractères.")
        row = stored.get(section)
        if not text:
            if row is not None:
                db.session.delete(row)
        elif row is None:
            db.session.add(AnnualReportText(year=year, section=section, text=text))
        elif row.text != text:
            row.text = text
    db.session.flush()


def versions_of(year: int) -> list[AnnualReportVersion]:
    return list(db.session.scalars(
        select(AnnualReportVersion).where(AnnualReportVersion.year == year)
        .options(selectinload(AnnualReportVersion.files))
        .order_by(AnnualReportVersion.version.desc())))


def read_report_file(report_file: AnnualReportFile) -> bytes:
    """The archived bytes, checked against their SHA-256."""
    return read_checked(report_file.path, report_file.sha256)
