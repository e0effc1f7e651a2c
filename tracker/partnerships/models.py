"""Partners (other associations, services), the conventions signed with them, their
evaluations and documents."""

import datetime as dt
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.db import Audited, utcnow
from tracker.extensions import db
from tracker.figure_versions import FigureSource
from tracker.partnerships.vocabulary import CONVENTION_STATUSES, RENEWALS


class Partner(FigureSource, Audited, db.Model):
    __tablename__ = "partner"
    __audit_label__ = "Partenaire"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True, info={"label": "Nom"})
    kind: Mapped[str] = mapped_column(String(100), default="", info={"label": "Type"})
    address: Mapped[str] = mapped_column(String(300), default="", info={"label": "Adresse"})
    # A professional contact at the partner organisation (never a beneficiary).
    contact: Mapped[str] = mapped_column(String(300), default="", info={"label": "Contact"})

    def __str__(self) -> str:
        return self.name


class Convention(Audited, db.Model):
    """A partnership convention: object, term, renewal, terms, staff detached, status."""

    __tablename__ = "convention"
    __audit_label__ = "Convention"
    __table_args__ = (
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="end_after_start"),
        CheckConstraint("status IN ('active', 'en_veille', 'a_renegocier', 'terminee')",
                        name="status"),
        CheckConstraint("renewal IN ('tacite', 'expresse', 'aucune')", name="renewal"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id"), index=True,
                                            info={"label": "Partenaire"})
    object: Mapped[str] = mapped_column(String(300), info={"label": "Objet"})
    start_date: Mapped[dt.date] = mapped_column(info={"label": "Début"})
    end_date: Mapped[dt.date | None] = mapped_column(info={"label": "Fin"})
    renewal: Mapped[str] = mapped_column(String(10), default="expresse",
                                         info={"label": "Reconduction", "choices": RENEWALS})
    notice_months: Mapped[int | None] = mapped_column(info={"label": "Préavis (mois)"})
    free_of_charge: Mapped[bool] = mapped_column(default=True, info={"label": "À titre gratuit"})
    yearly_amount: Mapped[Decimal | None] = mapped_column(Numeric(12, 2),
                                                          info={"label": "Montant annuel"})
    detached_days_per_week: Mapped[Decimal | None] = mapped_column(
        Numeric(3, 1), info={"label": "Jours détachés par semaine"})
    status: Mapped[str] = mapped_column(
        String(15), default="active", info={"label": "Statut", "choices": CONVENTION_STATUSES})
    board_decision: Mapped[str] = mapped_column(String(300), default="",
                                                info={"label": "Décision du CA attendue"})
    board_decision_due: Mapped[dt.date | None] = mapped_column(
        info={"label": "Décision du CA pour le"})
    board_decision_on: Mapped[dt.date | None] = mapped_column(
        info={"label": "Décision du CA prise le"})

    partner: Mapped[Partner] = relationship()
    evaluations: Mapped[list["ConventionEvaluation"]] = relationship(
        back_populates="convention", order_by="ConventionEvaluation.due_date",
        cascade="all, delete-orphan")
    documents: Mapped[list["ConventionDocument"]] = relationship(
        back_populates="convention", order_by="ConventionDocument.uploaded_at",
        cascade="all, delete-orphan")

    def __str__(self) -> str:
        return f"{self.partner.name if self.partner else ''} – {self.object}"


class ConventionEvaluation(Audited, db.Model):
    __tablename__ = "convention_evaluation"
    __audit_label__ = "Évaluation de convention"

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(
        ForeignKey("convention.id", ondelete="CASCADE"), index=True, info={"label": "Convention"})
    due_date: Mapped[dt.date] = mapped_column(info={"label": "Prévue le"})
    done_on: Mapped[dt.date | None] = mapped_column(info={"label": "Faite le"})
    outcome: Mapped[str] = mapped_column(String(500), default="", info={"label": "Conclusion"})

    convention: Mapped[Convention] = relationship(back_populates="evaluations")

    def __str__(self) -> str:
        return f"Évaluation du {self.due_date:%d/%m/%Y}"


class ConventionDocument(Audited, db.Model):
    """A signed convention or annex, stored outside static files."""

    __tablename__ = "convention_document"
    __audit_label__ = "Document de convention"

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(
        ForeignKey("convention.id", ondelete="CASCADE"), index=True, info={"label": "Convention"})
    filename: Mapped[str] = mapped_column(String(255), info={"label": "Fichier"})
    stored_as: Mapped[str] = mapped_column(String(80), info={"label": "Stockage"})
    uploaded_at: Mapped[dt.datetime] = mapped_column(default=utcnow,
                                                     info={"label": "Déposé le"})

    convention: Mapped[Convention] = relationship(back_populates="documents")

    def __str__(self) -> str:
        return self.filename
