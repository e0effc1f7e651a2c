"""Personnel costs per person and month, as the social secretariat exports them; operating
expenses with their receipts and the instruments they are charged to; the justification
status of every charged line, and the décomptes introduced (a closed instrument-year)."""

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.db import Audited, utcnow
from tracker.extensions import db
from tracker.figure_versions import FigureSource, earliest_year
from tracker.funders.models import Instrument
from tracker.staffing.models import Person

COST_KINDS = {"salaire": "Salaire", "pecule_vacances": "Pécule de vacances",
              "prime_fin_annee": "Prime de fin d'année", "autre": "Autre"}
IMPORT_KINDS = {"personnel": "Coûts du personnel", "fonctionnement": "Frais de fonctionnement"}
JUSTIFICATION_STATUSES = {"a_justifier": "À justifier", "introduit": "Introduit",
                          "accepte": "Accepté", "refuse": "Refusé"}


class CostImport(Audited, db.Model):
    """One accepted cost file (personnel costs or operating expenses): who, when, which file
    (its SHA-256: never imported twice)."""

    __tablename__ = "cost_import"
    __audit_label__ = "Import de coûts"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), info={"label": "Par"})
    actor: Mapped[str] = mapped_column(String(200), info={"label": "Par"})
    at: Mapped[dt.datetime] = mapped_column(default=utcnow, info={"label": "Le"})
    filename: Mapped[str] = mapped_column(String(255), info={"label": "Fichier"})
    sha256: Mapped[str] = mapped_column(String(64), unique=True, info={"label": "Empreinte"})
    rows: Mapped[int] = mapped_column(info={"label": "Lignes"})
    kind: Mapped[str] = mapped_column(String(20), default="personnel",
                                      server_default="personnel",
                                      info={"label": "Contenu", "choices": IMPORT_KINDS})

    def __str__(self) -> str:
        return f"{self.filename} ({self.rows} lignes)"


class PersonnelCost(FigureSource, Audited, db.Model):
    """A month's employer cost of one person (salary, holiday pay…), in cents: personal data,
    seen per person by the director and the secretary only. A figure source: the charged
    costs of its year and later are computed again (tracker/finance/charging.py)."""

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

    def figures_from(self, session) -> int | None:
        return earliest_year(self, "month")


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


def expense_reference(expense_id: int, spent_on: dt.date) -> str:
    """The receipt's reference in a décompte and its ZIP: « F2025-00042 »."""
    return f"F{spent_on.year}-{expense_id:05d}"


class ExpenseCategory(Audited, db.Model):
    """A kind of operating expense (loyer, énergie…): a vocabulary the director keeps."""

    __tablename__ = "expense_category"
    __audit_label__ = "Catégorie de frais"

    code: Mapped[str] = mapped_column(String(60), primary_key=True, info={"label": "Code"})
    label: Mapped[str] = mapped_column(String(150), info={"label": "Libellé"})
    active: Mapped[bool] = mapped_column(default=True, info={"label": "Proposée"})

    def __str__(self) -> str:
        return self.label


class Expense(Audited, db.Model):
    """An operating expense (« frais de fonctionnement »), in cents, with its receipt file."""

    __tablename__ = "expense"
    __audit_label__ = "Frais de fonctionnement"
    # The reference is made of the id: never given again once an expense is deleted (SQLite
    # reuses the largest id without AUTOINCREMENT; PostgreSQL's sequence never does).
    __table_args__ = (CheckConstraint("amount_cents > 0", name="amount"),
                      {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(primary_key=True)
    spent_on: Mapped[dt.date] = mapped_column(index=True, info={"label": "Date"})
    supplier: Mapped[str] = mapped_column(String(200), info={"label": "Fournisseur"})
    description: Mapped[str] = mapped_column(String(300), default="",
                                             info={"label": "Description"})
    category_code: Mapped[str] = mapped_column(ForeignKey("expense_category.code"),
                                               index=True, info={"label": "Catégorie"})
    amount_cents: Mapped[int] = mapped_column(info={"label": "Montant (cents)"})
    receipt_stored: Mapped[str | None] = mapped_column(String(64),
                                                       info={"label": "Justificatif"})
    receipt_name: Mapped[str] = mapped_column(String(255), default="", server_default="",
                                              info={"label": "Fichier du justificatif"})
    import_id: Mapped[int | None] = mapped_column(
        ForeignKey("cost_import.id", ondelete="CASCADE"), index=True,
        info={"label": "Import"})

    category: Mapped[ExpenseCategory] = relationship()
    shares: Mapped[list["ExpenseShare"]] = relationship(
        back_populates="expense", cascade="all, delete-orphan", order_by="ExpenseShare.id")

    @property
    def reference(self) -> str:
        return expense_reference(self.id, self.spent_on)

    def __str__(self) -> str:
        return f"{self.reference} {self.supplier}"


class ExpenseShare(Audited, db.Model):
    """The cents of an expense charged to one instrument, and where its justification
    stands with that funder."""

    __tablename__ = "expense_share"
    __audit_label__ = "Imputation de frais"
    __table_args__ = (
        UniqueConstraint("expense_id", "instrument_id"),
        CheckConstraint("cents > 0", name="cents"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    expense_id: Mapped[int] = mapped_column(ForeignKey("expense.id", ondelete="CASCADE"),
                                            index=True, info={"label": "Frais"})
    instrument_id: Mapped[int] = mapped_column(
        ForeignKey("instrument.id", ondelete="CASCADE"), index=True,
        info={"label": "Instrument"})
    cents: Mapped[int] = mapped_column(info={"label": "Montant imputé (cents)"})
    status: Mapped[str] = mapped_column(
        String(20), default="a_justifier",
        info={"label": "Justification", "choices": JUSTIFICATION_STATUSES})
    reason: Mapped[str] = mapped_column(String(300), default="",
                                        info={"label": "Motif du refus"})

    expense: Mapped[Expense] = relationship(back_populates="shares")
    instrument: Mapped[Instrument] = relationship()

    @property
    def year(self) -> int:
        """The instrument's financial year the expense is justified in."""
        return self.instrument.year_of(self.expense.spent_on)

    @property
    def status_label(self) -> str:
        return JUSTIFICATION_STATUSES[self.status]

    def __str__(self) -> str:
        return f"{self.expense_id} → {self.instrument_id}"


class PersonnelJustification(Audited, db.Model):
    """Where the justification of a person-month cost charged to an instrument stands; a
    charged cost without this row is « à justifier »."""

    __tablename__ = "personnel_justification"
    __audit_label__ = "Justification d'un coût du personnel"
    __table_args__ = (UniqueConstraint("cost_id", "instrument_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cost_id: Mapped[int] = mapped_column(ForeignKey("personnel_cost.id", ondelete="CASCADE"),
                                         index=True, info={"label": "Coût"})
    instrument_id: Mapped[int] = mapped_column(
        ForeignKey("instrument.id", ondelete="CASCADE"), index=True,
        info={"label": "Instrument"})
    status: Mapped[str] = mapped_column(
        String(20), default="a_justifier",
        info={"label": "Justification", "choices": JUSTIFICATION_STATUSES})
    reason: Mapped[str] = mapped_column(String(300), default="",
                                        info={"label": "Motif du refus"})

    def __str__(self) -> str:
        return f"{self.cost_id} → {self.instrument_id}"


class Closure(Audited, db.Model):
    """An instrument-year whose décompte was introduced: closed to edits until reopened. It
    keeps the totals introduced, so that a later change of costs shows."""

    __tablename__ = "justification_closure"
    __audit_label__ = "Décompte introduit"
    __table_args__ = (UniqueConstraint("instrument_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    instrument_id: Mapped[int] = mapped_column(
        ForeignKey("instrument.id", ondelete="CASCADE"), index=True,
        info={"label": "Instrument"})
    year: Mapped[int] = mapped_column(info={"label": "Exercice"})
    introduced_on: Mapped[dt.date] = mapped_column(info={"label": "Introduit le"})
    charged_cents: Mapped[int] = mapped_column(info={"label": "Total introduit (cents)"})

    instrument: Mapped[Instrument] = relationship()

    def __str__(self) -> str:
        return f"{self.instrument_id} / {self.year}"
