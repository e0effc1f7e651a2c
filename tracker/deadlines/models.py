"""Deadline rules and the deadlines they generate (stored, then frozen)."""

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    String,
    UniqueConstraint,
    false,
    select,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.auth.models import User
from tracker.auth.roles import ROLE_VALUE_LABELS
from tracker.db import Audited, utcnow
from tracker.deadlines.vocabulary import (
    CLOSED_STATUSES,
    DEADLINE_STATUSES,
    OVERDUE,
    RULE_ANCHORS,
    RULE_PERIODS,
    RULE_TYPES,
    STATE_LABELS,
)
from tracker.extensions import db
from tracker.funders.models import Funder, Instrument
from tracker.partnerships.models import Convention

DEFAULT_REMINDERS = "30,7,1,-1"  # days before the due date; -1 = the day after, if not submitted


class DeadlineKind(Audited, db.Model):
    """A kind of deadline (« PAC », « Rapport d'activité »…), named as the director names it."""

    __tablename__ = "deadline_kind"
    __audit_label__ = "Type d'échéance"

    code: Mapped[str] = mapped_column(String(30), primary_key=True, info={"label": "Code"})
    label: Mapped[str] = mapped_column(String(150), info={"label": "Libellé"})
    position: Mapped[int] = mapped_column(default=0, info={"label": "Ordre"})

    def __str__(self) -> str:
        return self.label


def kind_labels() -> dict[str, str]:
    """Every deadline kind's label by code, in the director's order."""
    return dict(db.session.execute(select(DeadlineKind.code, DeadlineKind.label)
                                   .order_by(DeadlineKind.position, DeadlineKind.label)).all())


class DeadlineRule(Audited, db.Model):
    """« PAC à introduire chaque 15 juin », « 12 mois avant la fin de l'agrément »…"""

    __tablename__ = "deadline_rule"
    __audit_label__ = "Règle d'échéance"
    __table_args__ = (
        CheckConstraint("rule_type IN ('yearly', 'relative', 'period_end', 'staffing')",
                        name="rule_type"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300), info={"label": "Intitulé"})
    kind: Mapped[str] = mapped_column(ForeignKey("deadline_kind.code"),
                                      info={"label": "Type", "choices": kind_labels})
    instrument_id: Mapped[int | None] = mapped_column(
        ForeignKey("instrument.id", ondelete="CASCADE"), index=True,
        info={"label": "Instrument"})
    convention_id: Mapped[int | None] = mapped_column(
        ForeignKey("convention.id", ondelete="CASCADE"), index=True,
        info={"label": "Convention"})
    # A staffing rule follows the allocations this funder pays (« 6 mois après la fin d'un
    # poste ACS »); a yearly or periodic rule with a funder runs only while it pays someone.
    funder_id: Mapped[int | None] = mapped_column(
        ForeignKey("funder.id", ondelete="CASCADE"), index=True,
        info={"label": "Financeur des postes"})
    rule_type: Mapped[str] = mapped_column(String(20),
                                           info={"label": "Règle", "choices": RULE_TYPES})
    month: Mapped[int | None] = mapped_column(info={"label": "Mois"})
    day: Mapped[int | None] = mapped_column(info={"label": "Jour"})
    anchor: Mapped[str | None] = mapped_column(
        String(10), info={"label": "Par rapport à", "choices": RULE_ANCHORS})
    offset_months: Mapped[int] = mapped_column(default=0, info={"label": "Décalage (mois)"})
    offset_days: Mapped[int] = mapped_column(default=0, info={"label": "Décalage (jours)"})
    period: Mapped[str | None] = mapped_column(
        String(10), info={"label": "Période", "choices": RULE_PERIODS})
    owner_role: Mapped[str | None] = mapped_column(
        String(20), info={"label": "Rôle responsable", "choices": ROLE_VALUE_LABELS})
    owner_user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"),
                                                      info={"label": "Responsable"})
    reminders: Mapped[str] = mapped_column(String(60), default=DEFAULT_REMINDERS,
                                           info={"label": "Rappels (jours avant)"})
    # Preparation worked back from each due date: « J-30 données extraites ; J-14 projet ».
    milestones: Mapped[str] = mapped_column(String(500), default="", server_default="",
                                            info={"label": "Étapes de préparation"})
    active: Mapped[bool] = mapped_column(default=True, info={"label": "Active"})
    generated_until: Mapped[dt.date | None] = mapped_column(info={"label": "Générée jusqu'au"})

    instrument: Mapped[Instrument | None] = relationship()
    convention: Mapped[Convention | None] = relationship()
    funder: Mapped[Funder | None] = relationship()

    def __str__(self) -> str:
        return self.title


class Deadline(Audited, db.Model):
    """One dated duty. Generated ones remember their rule and the date it computed
    (`occurrence`), so regenerating never duplicates and an edited date stays edited."""

    __tablename__ = "deadline"
    __audit_label__ = "Échéance"
    # a legal obligation's key is a code its title already says in French
    __audit_ignored__ = frozenset({"obligation_key", "closed_by_event"})
    __table_args__ = (
        # a rule's date once; a staffing rule's once per allocation (two posts may end the
        # same day)
        Index("uq_deadline_rule_occurrence", "rule_id", "occurrence", unique=True,
              sqlite_where=text("allocation_id IS NULL"),
              postgresql_where=text("allocation_id IS NULL")),
        Index("uq_deadline_rule_allocation", "rule_id", "allocation_id", unique=True,
              sqlite_where=text("allocation_id IS NOT NULL"),
              postgresql_where=text("allocation_id IS NOT NULL")),
        # a legal obligation's deadline once (« ubo:start:12 », « ag_accounts:2025 »)
        Index("uq_deadline_obligation_key", "obligation_key", unique=True,
              sqlite_where=text("obligation_key IS NOT NULL"),
              postgresql_where=text("obligation_key IS NOT NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    rule_id: Mapped[int | None] = mapped_column(
        ForeignKey("deadline_rule.id", ondelete="SET NULL"), info={"label": "Règle"})
    occurrence: Mapped[dt.date | None] = mapped_column(info={"label": "Date calculée"})
    title: Mapped[str] = mapped_column(String(300), info={"label": "Intitulé"})
    kind: Mapped[str] = mapped_column(ForeignKey("deadline_kind.code"),
                                      info={"label": "Type", "choices": kind_labels})
    due_date: Mapped[dt.date] = mapped_column(index=True, info={"label": "Échéance"})
    instrument_id: Mapped[int | None] = mapped_column(
        ForeignKey("instrument.id", ondelete="SET NULL"), index=True,
        info={"label": "Instrument"})
    convention_id: Mapped[int | None] = mapped_column(
        ForeignKey("convention.id", ondelete="SET NULL"), index=True,
        info={"label": "Convention"})
    owner_role: Mapped[str | None] = mapped_column(
        String(20), info={"label": "Rôle responsable", "choices": ROLE_VALUE_LABELS})
    owner_user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"),
                                                      info={"label": "Responsable"})
    status: Mapped[str] = mapped_column(String(20), default="a_faire",
                                        info={"label": "Statut", "choices": DEADLINE_STATUSES})
    submitted_on: Mapped[dt.date | None] = mapped_column(info={"label": "Soumis le"})
    submitted_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), info={"label": "Soumis par"})
    proof_reference: Mapped[str] = mapped_column(String(300), default="",
                                                 info={"label": "Preuve (référence)"})
    proof_filename: Mapped[str | None] = mapped_column(String(255),
                                                       info={"label": "Preuve (fichier)"})
    proof_stored_as: Mapped[str | None] = mapped_column(String(80),
                                                        info={"label": "Preuve (stockage)"})
    reminders: Mapped[str] = mapped_column(String(60), default=DEFAULT_REMINDERS,
                                           info={"label": "Rappels (jours avant)"})
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow, info={"label": "Créée le"})
    # a staffing rule's deadline: the allocation whose end (or start) it follows, and the one
    # that filled the post again in time and so closed it
    allocation_id: Mapped[int | None] = mapped_column(
        ForeignKey("allocation.id", ondelete="SET NULL"), index=True,
        info={"label": "Affectation"})
    closed_by_allocation_id: Mapped[int | None] = mapped_column(
        ForeignKey("allocation.id", ondelete="SET NULL"),
        info={"label": "Fermée par l'affectation"})
    # a legal obligation's deadline (tracker.governance.obligations): its key, and whether
    # the event that fulfils it (an AG held, a filing typed) closed it
    obligation_key: Mapped[str | None] = mapped_column(String(80),
                                                       info={"label": "Obligation légale"})
    closed_by_event: Mapped[bool] = mapped_column(default=False, server_default=false(),
                                                  info={"label": "Clôturée par l'événement"})
    # its life after it was planned: why it moved, why it needs nothing, the funder's answer
    postponed_reason: Mapped[str] = mapped_column(String(300), default="", server_default="",
                                                  info={"label": "Motif du report"})
    dismissed_reason: Mapped[str] = mapped_column(String(300), default="", server_default="",
                                                  info={"label": "Motif « sans objet »"})
    answered_on: Mapped[dt.date | None] = mapped_column(
        info={"label": "Réponse du financeur le"})
    answer_note: Mapped[str] = mapped_column(String(500), default="", server_default="",
                                             info={"label": "Réponse du financeur"})

    rule: Mapped[DeadlineRule | None] = relationship()
    milestones: Mapped[list["Milestone"]] = relationship(
        back_populates="deadline", cascade="all, delete-orphan", passive_deletes=True,
        order_by="Milestone.due_date")
    instrument: Mapped[Instrument | None] = relationship()
    convention: Mapped[Convention | None] = relationship()
    submitted_by: Mapped[User | None] = relationship(foreign_keys=[submitted_by_id])
    owner_user: Mapped[User | None] = relationship(foreign_keys=[owner_user_id])

    def __str__(self) -> str:
        return f"{self.title} ({self.due_date:%d/%m/%Y})"

    def is_overdue(self, today: dt.date) -> bool:
        return self.due_date < today and self.status not in CLOSED_STATUSES

    def state(self, today: dt.date) -> str:
        """Its one state on every page, file and e-mail: « en_retard » or its status."""
        return OVERDUE if self.is_overdue(today) else self.status

    def state_label(self, today: dt.date) -> str:
        return STATE_LABELS[self.state(today)]

    @property
    def funder(self) -> Funder | None:
        """Whose duty it is: the instrument's funder, or the funder a staffing rule
        follows (« remplir un poste ACS »)."""
        if self.instrument is not None:
            return self.instrument.funder
        return self.rule.funder if self.rule is not None else None


class Reminder(db.Model):
    """One reminder owed to one recipient for one deadline, offset and date: the outbox row
    that makes sending idempotent (never twice) and durable (retried, never dropped)."""

    __tablename__ = "reminder"
    __table_args__ = (
        # once per date: a deadline moved to another date is reminded again
        UniqueConstraint("deadline_id", "offset_days", "recipient", "remind_on"),
        CheckConstraint("status IN ('pending', 'sending', 'sent', 'failed')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    deadline_id: Mapped[int] = mapped_column(ForeignKey("deadline.id", ondelete="CASCADE"),
                                             index=True)
    offset_days: Mapped[int]
    recipient: Mapped[str] = mapped_column(String(254))
    remind_on: Mapped[dt.date]
    status: Mapped[str] = mapped_column(String(10), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_error: Mapped[str] = mapped_column(String(500), default="")
    sent_at: Mapped[dt.datetime | None]

    deadline: Mapped[Deadline] = relationship()


class Milestone(Audited, db.Model):
    """A step of a deadline's preparation (« données extraites », J-30), ticked off on its
    own; its date is worked back from the deadline's."""

    __tablename__ = "milestone"
    __audit_label__ = "Étape de préparation"

    id: Mapped[int] = mapped_column(primary_key=True)
    deadline_id: Mapped[int] = mapped_column(ForeignKey("deadline.id", ondelete="CASCADE"),
                                             index=True, info={"label": "Échéance"})
    label: Mapped[str] = mapped_column(String(150), info={"label": "Étape"})
    days_before: Mapped[int] = mapped_column(info={"label": "Jours avant l'échéance"})
    due_date: Mapped[dt.date] = mapped_column(index=True, info={"label": "Pour le"})
    done_on: Mapped[dt.date | None] = mapped_column(info={"label": "Faite le"})
    done_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), info={"label": "Faite par"})

    deadline: Mapped[Deadline] = relationship(back_populates="milestones")
    done_by: Mapped[User | None] = relationship()

    def __str__(self) -> str:
        return f"{self.label} (J-{self.days_before})"
