"""Funders, instruments, their yearly amounts and their cadre of posts."""

from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.db import Audited, utcnow
from tracker.extensions import db
from tracker.figure_versions import FigureSource
from tracker.funders.vocabulary import (
    DOCUMENT_KINDS,
    FUNDER_KINDS,
    FUNDER_LEVELS,
    INSTRUMENT_KINDS,
    INSTRUMENT_STATUSES,
)

FTE = Numeric(4, 3)
EUROS = Numeric(12, 2)


def financial_year(year: int, start_month: int = 1) -> tuple[date, date]:
    """The financial year `year` starting in `start_month`: (first day, last day)."""
    start = date(year, start_month, 1)
    return start, date(year + 1, start_month, 1) - timedelta(days=1)


class Funder(FigureSource, Audited, db.Model):
    __tablename__ = "funder"
    __audit_label__ = "Financeur"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True, info={"label": "Code"})
    name: Mapped[str] = mapped_column(String(200), info={"label": "Nom"})
    # How people write it in a table or a sentence (« AViQ », « Fonds propres »): never the code.
    short_name: Mapped[str] = mapped_column(String(60), default="", server_default="",
                                            info={"label": "Nom court"})
    level: Mapped[str] = mapped_column(String(20),
                                       info={"label": "Niveau", "choices": FUNDER_LEVELS})
    kind: Mapped[str] = mapped_column(String(30),
                                      info={"label": "Type", "choices": FUNDER_KINDS})
    active: Mapped[bool] = mapped_column(default=True, info={"label": "Actif"})

    instruments: Mapped[list["Instrument"]] = relationship(back_populates="funder")

    @property
    def label(self) -> str:
        """The name users read: the short name, else the full name."""
        return self.short_name or self.name

    def __str__(self) -> str:
        return self.label


class Instrument(Audited, db.Model):
    """What funds the association: an agrément, a convention, a subsidy, an employment aid."""

    __tablename__ = "instrument"
    __audit_label__ = "Instrument"
    __table_args__ = (
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="end_after_start"),
        CheckConstraint("year_start_month BETWEEN 1 AND 12", name="year_start_month"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    funder_id: Mapped[int] = mapped_column(ForeignKey("funder.id"), index=True,
                                           info={"label": "Financeur"})
    kind: Mapped[str] = mapped_column(String(30),
                                      info={"label": "Type", "choices": INSTRUMENT_KINDS})
    title: Mapped[str] = mapped_column(String(300), info={"label": "Intitulé"})
    legal_reference: Mapped[str] = mapped_column(String(300), default="",
                                                 info={"label": "Référence légale"})
    start_date: Mapped[date] = mapped_column(info={"label": "Début"})
    end_date: Mapped[date | None] = mapped_column(info={"label": "Fin"})
    status: Mapped[str] = mapped_column(String(20), default="en_cours",
                                        info={"label": "Statut", "choices": INSTRUMENT_STATUSES})
    missions: Mapped[str] = mapped_column(Text, default="", info={"label": "Missions"})
    # the month its financial year starts: 1, the calendar year; 9, the FWB's school year
    year_start_month: Mapped[int] = mapped_column(default=1, server_default="1",
                                                  info={"label": "Début de l'exercice (mois)"})

    funder: Mapped[Funder] = relationship(back_populates="instruments")
    amounts: Mapped[list["InstrumentAmount"]] = relationship(
        back_populates="instrument", order_by="InstrumentAmount.year",
        cascade="all, delete-orphan")
    cadre_posts: Mapped[list["CadrePost"]] = relationship(
        back_populates="instrument", order_by="(CadrePost.valid_from, CadrePost.function_code)",
        cascade="all, delete-orphan")
    documents: Mapped[list["InstrumentDocument"]] = relationship(
        back_populates="instrument", cascade="all, delete-orphan",
        order_by="(InstrumentDocument.issued_on.desc(), InstrumentDocument.id.desc())")

    def year_period(self, year: int) -> tuple[date, date]:
        """The instrument's financial year `year`: 2021 is 01/01–31/12/2021, or, for a
        school year starting in September, 01/09/2021–31/08/2022."""
        return financial_year(year, self.year_start_month or 1)

    def year_of(self, day: date) -> int:
        """The financial year a day falls in (a school year starting in September: 15/03/2022
        is in 2021, the year « 2021-2022 »)."""
        return day.year if day.month >= (self.year_start_month or 1) else day.year - 1

    def year_label(self, year: int) -> str:
        """« 2021 », or « 2021-2022 » for a year across two calendar years."""
        return str(year) if (self.year_start_month or 1) == 1 else f"{year}-{year + 1}"

    @property
    def mission_list(self) -> list[str]:
        return [line.strip() for line in self.missions.splitlines() if line.strip()]

    def __str__(self) -> str:
        return f"{self.funder.label} – {self.title}" if self.funder else self.title


class InstrumentAmount(Audited, db.Model):
    """Euros requested, granted and received for one instrument and one year."""

    __tablename__ = "instrument_amount"
    __audit_label__ = "Montant annuel"
    __table_args__ = (UniqueConstraint("instrument_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    instrument_id: Mapped[int] = mapped_column(ForeignKey("instrument.id", ondelete="CASCADE"),
                                               info={"label": "Instrument"})
    year: Mapped[int] = mapped_column(info={"label": "Année"})
    requested: Mapped[Decimal | None] = mapped_column(EUROS, info={"label": "Demandé"})
    granted: Mapped[Decimal | None] = mapped_column(EUROS, info={"label": "Accordé"})
    received: Mapped[Decimal | None] = mapped_column(EUROS, info={"label": "Reçu"})

    instrument: Mapped[Instrument] = relationship(back_populates="amounts")

    def __str__(self) -> str:
        return f"{self.instrument_id} / {self.year}"


class CadrePost(Audited, db.Model):
    """A post the instrument funds (or requires), from a date: the rows sharing the latest
    valid_from on or before a day are the cadre in force that day. Unfunded rows are posts
    requested but not (yet) granted."""

    __tablename__ = "cadre_post"
    __audit_label__ = "Poste du cadre"
    __table_args__ = (CheckConstraint("fte > 0", name="fte_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    instrument_id: Mapped[int] = mapped_column(
        ForeignKey("instrument.id", ondelete="CASCADE"), index=True, info={"label": "Instrument"})
    function_code: Mapped[str] = mapped_column(ForeignKey("job_function.code"),
                                               info={"label": "Fonction"})
    fte: Mapped[Decimal] = mapped_column(FTE, info={"label": "ETP"})
    valid_from: Mapped[date] = mapped_column(info={"label": "À partir du"})
    funded: Mapped[bool] = mapped_column(default=True, info={"label": "Financé"})
    note: Mapped[str] = mapped_column(String(300), default="", info={"label": "Remarque"})

    instrument: Mapped[Instrument] = relationship(back_populates="cadre_posts")

    def __str__(self) -> str:
        return f"{self.function_code} {self.fte}"


class InstrumentDocument(Audited, db.Model):
    """A document that founds or changes an instrument (arrêté d'agrément, décision de
    subvention, avenant…), stored outside static files; a new version replaces an older one,
    which is kept."""

    __tablename__ = "instrument_document"
    __audit_label__ = "Document d'instrument"

    id: Mapped[int] = mapped_column(primary_key=True)
    instrument_id: Mapped[int] = mapped_column(
        ForeignKey("instrument.id", ondelete="CASCADE"), index=True,
        info={"label": "Instrument"})
    kind: Mapped[str] = mapped_column(String(30), info={"label": "Type",
                                                        "choices": DOCUMENT_KINDS})
    issued_on: Mapped[date | None] = mapped_column(info={"label": "Date"})
    reference: Mapped[str] = mapped_column(String(200), default="",
                                           info={"label": "Référence"})
    filename: Mapped[str] = mapped_column(String(255), info={"label": "Fichier"})
    stored_as: Mapped[str] = mapped_column(String(80), info={"label": "Stockage"})
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow, info={"label": "Déposé le"})
    replaced_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("instrument_document.id", ondelete="SET NULL"),
        info={"label": "Remplacé par"})

    instrument: Mapped[Instrument] = relationship(back_populates="documents")

    def __str__(self) -> str:
        return f"{DOCUMENT_KINDS.get(self.kind, self.kind)} {self.filename}"
