"""The annual report's texts (per year and section, drafts until a version is produced) and
its archived versions with their files."""

import datetime as dt

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.annual_report.vocabulary import NARRATIVES
from tracker.db import Audited, utcnow
from tracker.extensions import db


class AnnualReportText(Audited, db.Model):
    __tablename__ = "annual_report_text"
    __audit_label__ = "Texte du rapport annuel"
    __table_args__ = (UniqueConstraint("year", "section"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(info={"label": "Année"})
    section: Mapped[str] = mapped_column(String(40), info={"label": "Section",
                                                           "choices": NARRATIVES})
    text: Mapped[str] = mapped_column(Text, default="", info={"label": "Texte"})
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow,
                                                    info={"label": "Modifié le"})


class AnnualReportVersion(Audited, db.Model):
    """One produced version: its files as they were, never changed (a new run is the next
    version)."""

    __tablename__ = "annual_report_version"
    __audit_label__ = "Version du rapport annuel"
    __table_args__ = (UniqueConstraint("year", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(info={"label": "Année"})
    version: Mapped[int] = mapped_column(info={"label": "Version"})
    produced_by: Mapped[str] = mapped_column(String(200), info={"label": "Produite par"})
    produced_at: Mapped[dt.datetime] = mapped_column(default=utcnow,
                                                     info={"label": "Produite le"})

    files: Mapped[list["AnnualReportFile"]] = relationship(
        back_populates="report_version", order_by="AnnualReportFile.id")

    def __str__(self) -> str:
        return f"rapport annuel {self.year}, version {self.version}"


class AnnualReportFile(Audited, db.Model):
    __tablename__ = "annual_report_file"
    __audit_label__ = "Fichier du rapport annuel"
    __audit_ignored__ = frozenset({"path", "sha256"})
    __table_args__ = (UniqueConstraint("version_id", "format"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("annual_report_version.id"),
                                            index=True, info={"label": "Version"})
    format: Mapped[str] = mapped_column(String(5), info={"label": "Format"})
    filename: Mapped[str] = mapped_column(String(255), info={"label": "Fichier"})
    path: Mapped[str] = mapped_column(String(500), info={"label": "Chemin"})
    sha256: Mapped[str] = mapped_column(String(64), info={"label": "SHA-256"})
    size: Mapped[int] = mapped_column(info={"label": "Taille (octets)"})

    report_version: Mapped[AnnualReportVersion] = relationship(back_populates="files")

    def __str__(self) -> str:
        return self.filename
