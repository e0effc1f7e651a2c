"""Personnel costs per person and month, as the social secretariat exports them, and the
files they came from."""

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.db import Audited, utcnow
from tracker.extensions import db
from tracker.funders.models import Instrument
from tracker.staffing.models import Person

COST_KINDS = {"salaire": "Salaire", "pecule_vacances": "Pécule de vacances",
              "prime_fin_annee": "Prime de fin d'année", "autre": "Autre"}


class CostImport(Audited, db.Model):
    """One accepted cost file: who, when, which file (its SHA-256: never imported twice)."""

    __tablename__ = "cost_import"
    __audit_label__ = "Import de coûts"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), info={"label": "Par"})
    actor: Mapped[str] = mapped_column(String(200), info={"label": "Par"})
    at: Mapped[dt.datetime] = mapped_column(default=utcnow, info={"label": "Le"})
    filename: Mapped[str] = mapped_column(String(255), info={"label": "Fichier"})
    sha256: Mapped[str] = mapped_column(String(64), unique=True, info={"label": "Empreinte"})
    rows: Mapped[int] = mapped_column(info={"label": "Lignes"})

    def __str__(self) -> str:
        return f"{self.filename} ({self.rows} lignes)"


class PersonnelCost(Audited, db.Model):
    """A month's employer cost of one person (salary, holiday pay…), in cents: personal data,
    seen per person by the director and the secretary only."""

    __tablename__ = "personnel_cost"
    __audit_label__ = "Coût du personnel"
    __audit_hidden__ = frozenset({"amount_cents"})  # the journal never shows a salary
    __table_args__ = (
        UniqueConstraint("person_id", "month", "kind"),
        CheckConstraint("amount_cents >= 0", name="amount"),
        CheckConstraint("month_end >= month", name="month"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"),
                                           index=True, info={"label": "Personne"})
    month: Mapped[dt.date] = mapped_column(index=True, info={"label": "Mois"})  # its 1st day
    month_end: Mapped[dt.date] = mapped_column(info={"label": "Fin du mois"})
    kind: Mapped[str] = mapped_column(String(30), default="salaire",
                                      info={"label": "Type", "choices": COST_KINDS})
    amount_cents: Mapped[int] = mapped_column(info={"label": "Coût (cents)"})
    import_id: Mapped[int | None] = mapped_column(
        ForeignKey("cost_import.id", ondelete="CASCADE"), index=True,
        info={"label": "Import"})

    person: Mapped[Person] = relationship()

    def __str__(self) -> str:
        return f"{COST_KINDS.get(self.kind, self.kind)} {self.month:%m/%Y}"


class Tranche(Audited, db.Model):
    """A payment of a grant: expected (advance, balance…) on a date for an amount, then
    received on a date for an amount (not always the one expected)."""

    __tablename__ = "tranche"
    __audit_label__ = "Tranche"
    __table_args__ = (
        CheckConstraint("expected_cents >= 0", name="expected"),
        CheckConstraint("received_cents IS NULL OR received_cents >= 0", name="received"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    instrument_id: Mapped[int] = mapped_column(
        ForeignKey("instrument.id", ondelete="CASCADE"), index=True,
        info={"label": "Instrument"})
    year: Mapped[int] = mapped_column(info={"label": "Année"})
    label: Mapped[str] = mapped_column(String(100), info={"label": "Tranche"})
    expected_on: Mapped[dt.date] = mapped_column(index=True, info={"label": "Attendue le"})
    expected_cents: Mapped[int] = mapped_column(info={"label": "Montant attendu (cents)"})
    received_on: Mapped[dt.date | None] = mapped_column(info={"label": "Reçue le"})
    received_cents: Mapped[int | None] = mapped_column(info={"label": "Montant reçu (cents)"})

    instrument: Mapped[Instrument] = relationship()

    def __str__(self) -> str:
        return f"{self.label} {self.year}"
