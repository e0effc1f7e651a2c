"""The register of mandates, the meetings of the bodies, the statutes, the legal parameters,
the yearly figures that size the association, and the filings that fulfil an obligation."""

import datetime as dt
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Numeric, String, Text, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.db import Audited, utcnow
from tracker.extensions import db
from tracker.funders.vocabulary import DOCUMENT_KINDS
from tracker.governance.vocabulary import (
    BODIES,
    BODY_SHORT,
    END_REASONS,
    MEETING_KINDS,
    PRESENCES,
)

EUROS = Numeric(14, 2)


class MandateQuality(Audited, db.Model):
    """« Administrateur », « Trésorier »… and what a change of it owes the law."""

    __tablename__ = "mandate_quality"
    __audit_label__ = "Qualité de mandat"

    code: Mapped[str] = mapped_column(String(40), primary_key=True, info={"label": "Code"})
    label: Mapped[str] = mapped_column(String(120), info={"label": "Libellé"})
    position: Mapped[int] = mapped_column(default=0, info={"label": "Ordre"})
    ubo: Mapped[bool] = mapped_column(default=False, info={"label": "Registre UBO"})
    published: Mapped[bool] = mapped_column(default=False,
                                            info={"label": "Publication au Moniteur"})
    member_register: Mapped[bool] = mapped_column(default=False,
                                                  info={"label": "Registre des membres"})

    def __str__(self) -> str:
        return self.label


def quality_labels() -> dict[str, str]:
    return dict(db.session.execute(select(MandateQuality.code, MandateQuality.label)
                                   .order_by(MandateQuality.position, MandateQuality.label)).all())


class Member(Audited, db.Model):
    """A person who holds or held a mandate. Identity data (for the UBO register) is optional
    and read by the director only."""

    __tablename__ = "governance_member"
    __audit_label__ = "Membre (gouvernance)"
    __audit_hidden__ = frozenset({"birth_date", "nationality", "address"})

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(String(150), unique=True, info={"label": "Nom"})
    birth_date: Mapped[dt.date | None] = mapped_column(info={"label": "Date de naissance"})
    nationality: Mapped[str] = mapped_column(String(60), default="",
                                             info={"label": "Nationalité"})
    address: Mapped[str] = mapped_column(String(300), default="", info={"label": "Adresse"})

    mandates: Mapped[list["Mandate"]] = relationship(back_populates="member",
                                                     order_by="Mandate.start_date")

    def __str__(self) -> str:
        return self.full_name


class Mandate(Audited, db.Model):
    """One quality held by one member from a date, until its term or an earlier end."""

    __tablename__ = "mandate"
    __audit_label__ = "Mandat"
    __table_args__ = (CheckConstraint("end_date IS NULL OR end_date >= start_date",
                                      name="end_after_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("governance_member.id"), index=True,
                                           info={"label": "Membre"})
    quality: Mapped[str] = mapped_column(ForeignKey("mandate_quality.code"),
                                         info={"label": "Qualité", "choices": quality_labels})
    start_date: Mapped[dt.date] = mapped_column(info={"label": "Début"})
    term_date: Mapped[dt.date | None] = mapped_column(info={"label": "Terme prévu"})
    end_date: Mapped[dt.date | None] = mapped_column(info={"label": "Fin"})
    end_reason: Mapped[str] = mapped_column(String(20), default="",
                                            info={"label": "Motif de fin",
                                                  "choices": END_REASONS})

    member: Mapped[Member] = relationship(back_populates="mandates")
    quality_row: Mapped[MandateQuality] = relationship()
    documents: Mapped[list["GovernanceDocument"]] = relationship(
        primaryjoin="GovernanceDocument.mandate_id == Mandate.id", viewonly=True,
        order_by="GovernanceDocument.uploaded_at")

    def __str__(self) -> str:
        quality = self.quality_row.label if self.quality_row is not None else self.quality
        return f"{self.member.full_name} – {quality}"

    def active_on(self, day: dt.date) -> bool:
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)


class Meeting(Audited, db.Model):
    """A meeting of the board (CA) or the general assembly (AG)."""

    __tablename__ = "body_meeting"
    __audit_label__ = "Réunion CA / AG"

    id: Mapped[int] = mapped_column(primary_key=True)
    body: Mapped[str] = mapped_column(String(2), info={"label": "Organe", "choices": BODIES})
    kind: Mapped[str] = mapped_column(String(20), default="ordinaire",
                                      info={"label": "Type", "choices": MEETING_KINDS})
    held_on: Mapped[dt.date] = mapped_column(index=True, info={"label": "Date"})
    quorum_reached: Mapped[bool] = mapped_column(default=True,
                                                 info={"label": "Quorum atteint"})
    agenda: Mapped[str] = mapped_column(Text, default="", info={"label": "Ordre du jour"})
    # the AG that approved a financial year's accounts: « comptes approuvés »
    accounts_year: Mapped[int | None] = mapped_column(
        info={"label": "Comptes approuvés (exercice)"})
    activity_id: Mapped[int | None] = mapped_column(
        ForeignKey("activity.id", ondelete="SET NULL"), info={"label": "Activité liée"})

    attendance: Mapped[list["Attendance"]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", passive_deletes=True)
    decisions: Mapped[list["Decision"]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", passive_deletes=True,
        order_by="Decision.id")
    documents: Mapped[list["GovernanceDocument"]] = relationship(
        primaryjoin="GovernanceDocument.meeting_id == Meeting.id", viewonly=True,
        order_by="GovernanceDocument.uploaded_at")

    def __str__(self) -> str:
        return f"{BODY_SHORT[self.body]} {self.kind} du {self.held_on:%d/%m/%Y}"


class Attendance(Audited, db.Model):
    """A mandate holder present, represented or excused at a meeting."""

    __tablename__ = "meeting_attendance"
    __audit_label__ = "Présence à une réunion"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("body_meeting.id", ondelete="CASCADE"),
                                            primary_key=True, info={"label": "Réunion"})
    member_id: Mapped[int] = mapped_column(ForeignKey("governance_member.id"),
                                           primary_key=True, info={"label": "Membre"})
    presence: Mapped[str] = mapped_column(String(12),
                                          info={"label": "Présence", "choices": PRESENCES})

    meeting: Mapped[Meeting] = relationship(back_populates="attendance")
    member: Mapped[Member] = relationship()


class StatutesVersion(Audited, db.Model):
    """A version of the statutes: the AG that adopted it, its filing and its publication in
    the Moniteur belge."""

    __tablename__ = "statutes_version"
    __audit_label__ = "Statuts"

    id: Mapped[int] = mapped_column(primary_key=True)
    adopted_on: Mapped[dt.date] = mapped_column(info={"label": "Adoptés le"})
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("body_meeting.id", ondelete="SET NULL"), info={"label": "AG"})
    filed_on: Mapped[dt.date | None] = mapped_column(info={"label": "Déposés au greffe le"})
    published_on: Mapped[dt.date | None] = mapped_column(
        info={"label": "Publiés au Moniteur le"})
    moniteur_reference: Mapped[str] = mapped_column(String(60), default="",
                                                    info={"label": "Référence au Moniteur"})
    summary: Mapped[str] = mapped_column(String(500), default="",
                                         info={"label": "Objet de la modification"})

    meeting: Mapped[Meeting | None] = relationship()
    documents: Mapped[list["GovernanceDocument"]] = relationship(
        primaryjoin="GovernanceDocument.statutes_id == StatutesVersion.id", viewonly=True,
        order_by="GovernanceDocument.uploaded_at")

    def __str__(self) -> str:
        return f"Statuts du {self.adopted_on:%d/%m/%Y}"


class Decision(Audited, db.Model):
    """A decision of a meeting: its text, its vote, and the mandate or statutes it made."""

    __tablename__ = "meeting_decision"
    __audit_label__ = "Décision"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("body_meeting.id", ondelete="CASCADE"),
                                            index=True, info={"label": "Réunion"})
    text: Mapped[str] = mapped_column(String(1000), info={"label": "Décision"})
    vote: Mapped[str] = mapped_column(String(120), default="", info={"label": "Vote"})
    mandate_id: Mapped[int | None] = mapped_column(
        ForeignKey("mandate.id", ondelete="SET NULL"), info={"label": "Mandat"})
    statutes_id: Mapped[int | None] = mapped_column(
        ForeignKey("statutes_version.id", ondelete="SET NULL"), info={"label": "Statuts"})

    meeting: Mapped[Meeting] = relationship(back_populates="decisions")
    mandate: Mapped[Mandate | None] = relationship()
    statutes: Mapped[StatutesVersion | None] = relationship()


class LegalParameter(Audited, db.Model):
    """« Délai de dépôt des comptes : 30 jours, à partir du 01/05/2019 (source …) »."""

    __tablename__ = "legal_parameter"
    __audit_label__ = "Paramètre légal"
    __table_args__ = (UniqueConstraint("code", "valid_from"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), info={"label": "Paramètre"})
    value: Mapped[Decimal] = mapped_column(Numeric(14, 3), info={"label": "Valeur"})
    valid_from: Mapped[dt.date] = mapped_column(info={"label": "À partir du"})
    source: Mapped[str] = mapped_column(String(300), default="", info={"label": "Source"})
    to_verify: Mapped[bool] = mapped_column(default=False, info={"label": "À vérifier"})


class AccountsYear(Audited, db.Model):
    """A financial year's figures that decide the association's size (typed from the
    accounts), beside the average FTE the tracker computes."""

    __tablename__ = "accounts_year"
    __audit_label__ = "Chiffres de l'exercice"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False,
                                      info={"label": "Exercice"})
    income: Mapped[Decimal | None] = mapped_column(
        EUROS, info={"label": "Recettes (hors exceptionnelles)"})
    assets: Mapped[Decimal | None] = mapped_column(EUROS, info={"label": "Total du bilan"})
    debts: Mapped[Decimal | None] = mapped_column(EUROS, info={"label": "Dettes"})


class LegalFiling(Audited, db.Model):
    """What fulfilled one obligation (the UBO register updated, the accounts filed, the
    appointment sent for publication): its date and reference, its proof attached."""

    __tablename__ = "legal_filing"
    __audit_label__ = "Formalité légale"
    __audit_ignored__ = frozenset({"obligation_key"})  # a code: its deadline names it

    id: Mapped[int] = mapped_column(primary_key=True)
    obligation_key: Mapped[str] = mapped_column(String(80), unique=True,
                                                info={"label": "Obligation"})
    done_on: Mapped[dt.date] = mapped_column(info={"label": "Faite le"})
    reference: Mapped[str] = mapped_column(String(200), default="",
                                           info={"label": "Référence"})
    recorded_at: Mapped[dt.datetime] = mapped_column(default=utcnow,
                                                     info={"label": "Encodée le"})

    documents: Mapped[list["GovernanceDocument"]] = relationship(
        primaryjoin="GovernanceDocument.filing_id == LegalFiling.id", viewonly=True,
        order_by="GovernanceDocument.uploaded_at")

    def __str__(self) -> str:
        return f"Formalité faite le {self.done_on:%d/%m/%Y}" + (
            f" ({self.reference})" if self.reference else "")


class GovernanceDocument(Audited, db.Model):
    """A document on a mandate, a meeting (its PV), a statutes version or a filing (its
    proof); a new version replaces an older one, which is kept."""

    __tablename__ = "governance_document"
    __audit_label__ = "Document de gouvernance"
    __table_args__ = (CheckConstraint(
        " + ".join(f"(CASE WHEN {column} IS NULL THEN 0 ELSE 1 END)" for column in
                   ("mandate_id", "meeting_id", "statutes_id", "filing_id")) + " = 1",
        name="one_owner"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mandate_id: Mapped[int | None] = mapped_column(
        ForeignKey("mandate.id", ondelete="CASCADE"), index=True, info={"label": "Mandat"})
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("body_meeting.id", ondelete="CASCADE"), index=True,
        info={"label": "Réunion"})
    statutes_id: Mapped[int | None] = mapped_column(
        ForeignKey("statutes_version.id", ondelete="CASCADE"), index=True,
        info={"label": "Statuts"})
    filing_id: Mapped[int | None] = mapped_column(
        ForeignKey("legal_filing.id", ondelete="CASCADE"), index=True,
        info={"label": "Formalité"})
    kind: Mapped[str] = mapped_column(String(30), info={"label": "Type",
                                                        "choices": DOCUMENT_KINDS})
    issued_on: Mapped[dt.date | None] = mapped_column(info={"label": "Date"})
    reference: Mapped[str] = mapped_column(String(200), default="",
                                           info={"label": "Référence"})
    filename: Mapped[str] = mapped_column(String(255), info={"label": "Fichier"})
    stored_as: Mapped[str] = mapped_column(String(80), info={"label": "Stockage"})
    uploaded_at: Mapped[dt.datetime] = mapped_column(default=utcnow,
                                                     info={"label": "Déposé le"})
    replaced_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("governance_document.id", ondelete="SET NULL"),
        info={"label": "Remplacé par"})

    def __str__(self) -> str:
        return f"{DOCUMENT_KINDS.get(self.kind, self.kind)} {self.filename}"
