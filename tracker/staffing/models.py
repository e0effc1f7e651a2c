"""People, their allocations (who is paid by whom, how much, when) and absences."""

from datetime import date
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from tracker.association.models import Site
from tracker.auth.models import User
from tracker.catalogue.models import JobFunction
from tracker.db import Audited
from tracker.extensions import db
from tracker.figure_versions import FigureSource, earliest_year
from tracker.funders.models import FTE, Funder, Instrument
from tracker.partnerships.models import Partner
from tracker.staffing.vocabulary import ABSENCE_KINDS


class Person(FigureSource, Audited, db.Model):
    """A member of staff (not a beneficiary: beneficiaries are never named here)."""

    __tablename__ = "person"
    __audit_label__ = "Membre du personnel"

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(String(200), unique=True, info={"label": "Nom"})
    training: Mapped[str] = mapped_column(String(200), default="", info={"label": "Formation"})
    # The sign-in account of this person: their activities are logged with them as performer.
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), unique=True,
        info={"label": "Compte de connexion"})

    user: Mapped[User | None] = relationship()
    allocations: Mapped[list["Allocation"]] = relationship(
        back_populates="person", order_by="Allocation.start_date", cascade="all, delete-orphan")
    absences: Mapped[list["Absence"]] = relationship(
        back_populates="person", order_by="Absence.start_date", cascade="all, delete-orphan",
        foreign_keys="Absence.person_id")

    def __str__(self) -> str:
        return self.full_name


class Allocation(FigureSource, Audited, db.Model):
    """Part of a person's time, in one function, paid by one funder, over a period
    (end inclusive: the last day worked; none = ongoing)."""

    __tablename__ = "allocation"
    __audit_label__ = "Affectation"
    __table_args__ = (
        CheckConstraint("fte > 0 AND fte <= 1", name="fte_in_range"),
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="end_after_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"),
                                           index=True, info={"label": "Personne"})
    function_code: Mapped[str] = mapped_column(ForeignKey("job_function.code"),
                                               info={"label": "Fonction"})
    fte: Mapped[Decimal] = mapped_column(FTE, info={"label": "ETP"})
    funder_id: Mapped[int] = mapped_column(ForeignKey("funder.id"), index=True,
                                           info={"label": "Financeur"})
    instrument_id: Mapped[int | None] = mapped_column(
        ForeignKey("instrument.id", ondelete="SET NULL"), index=True,
        info={"label": "Instrument"})
    start_date: Mapped[date] = mapped_column(info={"label": "Début"})
    end_date: Mapped[date | None] = mapped_column(info={"label": "Fin"})
    end_reason: Mapped[str] = mapped_column(String(200), default="",
                                            info={"label": "Motif de fin"})
    detached_to_id: Mapped[int | None] = mapped_column(
        ForeignKey("partner.id", ondelete="SET NULL"), info={"label": "Détaché chez"})
    site_id: Mapped[int | None] = mapped_column(
        ForeignKey("site.id", ondelete="SET NULL"), index=True,
        info={"label": "Site (vide : le siège)"})
    # the paying body's agreement to a detachment (ACS: Actiris; APE: the Forem)
    detachment_agreed_on: Mapped[date | None] = mapped_column(
        info={"label": "Accord de détachement du"})
    detachment_reference: Mapped[str] = mapped_column(
        String(200), default="", server_default="", info={"label": "Référence de l'accord"})

    person: Mapped[Person] = relationship(back_populates="allocations")
    function: Mapped[JobFunction] = relationship()
    site: Mapped[Site | None] = relationship()
    funder: Mapped[Funder] = relationship()
    instrument: Mapped[Instrument | None] = relationship()
    # The partner sees the staff time lent to it (Partner.detached_allocations) without the
    # partnerships module importing staffing.
    detached_to: Mapped[Partner | None] = relationship(
        backref=backref("detached_allocations", order_by="Allocation.start_date"))

    def __str__(self) -> str:
        person = self.person.full_name if self.person else self.person_id
        funder = self.funder.label if self.funder else ""
        return f"{person}: {self.fte} {self.function_code} {funder}"

    def figures_from(self, session) -> int | None:
        return earliest_year(self, "start_date")


class Absence(Audited, db.Model):
    """Sick leave, maternity, career break…: shown, and subtracted only from FTE present."""

    __tablename__ = "absence"
    __audit_label__ = "Absence"
    __table_args__ = (
        CheckConstraint("fte > 0 AND fte <= 1", name="fte_in_range"),
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="end_after_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"),
                                           index=True, info={"label": "Personne"})
    kind: Mapped[str] = mapped_column(String(30),
                                      info={"label": "Motif", "choices": ABSENCE_KINDS})
    start_date: Mapped[date] = mapped_column(info={"label": "Début"})
    end_date: Mapped[date | None] = mapped_column(info={"label": "Fin"})
    fte: Mapped[Decimal] = mapped_column(FTE, info={"label": "ETP concerné"})
    replacement_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), info={"label": "Remplaçant(e)"})

    person: Mapped[Person] = relationship(back_populates="absences", foreign_keys=[person_id])
    replacement: Mapped[Person | None] = relationship(foreign_keys=[replacement_id])

    def __str__(self) -> str:
        return f"{self.kind} {self.start_date}"
