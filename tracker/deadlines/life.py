"""A deadline's life once planned: corrected (title, date, owner), postponed with a reason,
« sans objet » with a reason, the funder's answer after submission. Every change is audited;
a new date moves the preparation steps and the reminders still owed."""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import delete, select

from tracker.auth.models import User
from tracker.deadlines.models import Deadline, Reminder
from tracker.deadlines.reminders import offsets, remind_on
from tracker.deadlines.vocabulary import ANSWERS, CLOSED_STATUSES
from tracker.errors import ValidationError
from tracker.extensions import db
from tracker.formatting import format_date

OWNER_ROLES = ("director", "secretary", "staff")


def edit_deadline(deadline: Deadline, *, title: str, due_date: date | None,
                  owner: str = "") -> Deadline:
    """Correct a deadline: its title, its date (a typing error; a delay is a postponement)
    and who answers for it (« role:secretary », « user:12 », or nobody named: the direction)."""
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError("title", "Indiquez l'intitulé.")
    if due_date is None:
        raise ValidationError("due_date", "Indiquez la date d'échéance.")
    deadline.title = title[:300]
    deadline.owner_role, deadline.owner_user_id = _owner(owner)
    _move(deadline, due_date)
    db.session.flush()
    return deadline


def postpone_deadline(deadline: Deadline, new_date: date | None, reason: str) -> Deadline:
    if deadline.status in CLOSED_STATUSES:
        raise ValidationError(None, "Cette échéance est close : annulez d'abord la soumission "
                                    "ou le « sans objet ».")
    if new_date is None:
        raise ValidationError("new_date", "Indiquez la nouvelle date.")
    if new_date <= deadline.due_date:
        raise ValidationError("new_date", "La nouvelle date doit suivre l'échéance actuelle "
                                          f"({format_date(deadline.due_date)}).")
    deadline.postponed_reason = _reason(reason, "reason")
    _move(deadline, new_date)
    db.session.flush()
    return deadline


def dismiss_deadline(deadline: Deadline, reason: str) -> Deadline:
    """« Sans objet »: nothing to file (the call was not renewed, the post was not filled…);
    no more reminders."""
    if deadline.status in CLOSED_STATUSES:
        raise ValidationError(None, "Cette échéance est déjà close.")
    deadline.dismissed_reason = _reason(reason, "reason")
    deadline.status = "sans_objet"
    _drop_reminders_owed(deadline)
    db.session.flush()
    return deadline


def record_answer(deadline: Deadline, answer: str, answered_on: date | None,
                  note: str = "") -> Deadline:
    """The funder's answer to what was submitted: accepted or refused, on a date."""
    if deadline.status not in ("soumis", *ANSWERS):
        raise ValidationError(None, "La réponse du financeur se note après la soumission.")
    if answer not in ANSWERS:
        raise ValidationError("answer", "Choisissez « Accepté » ou « Refusé ».")
    if answered_on is None:
        raise ValidationError("answered_on", "Indiquez la date de la réponse.")
    if deadline.submitted_on and answered_on < deadline.submitted_on:
        raise ValidationError("answered_on", "La réponse ne peut précéder la soumission "
                                             f"({format_date(deadline.submitted_on)}).")
    deadline.status, deadline.answered_on = answer, answered_on
    deadline.answer_note = " ".join((note or "").split())[:500]
    db.session.flush()
    return deadline


@dataclass
class PlannedReminder:
    """One reminder of the deadline's page: when, and what became of it."""

    remind_on: date
    offset_days: int
    state: str  # « envoyé le 12/03/2026 à a@b », « prévu », « dû, part au prochain envoi »…


def reminder_plan(deadline: Deadline, today: date) -> list[PlannedReminder]:
    """Every reminder of the deadline at its current date (sent, failed, owed or to come),
    then those sent for an earlier date."""
    rows = list(db.session.scalars(select(Reminder).where(Reminder.deadline_id == deadline.id)
                                   .order_by(Reminder.remind_on, Reminder.recipient)))
    plan = []
    for offset in offsets(deadline):
        day = remind_on(deadline, offset)
        mine = [row for row in rows if row.offset_days == offset and row.remind_on == day]
        if mine:
            plan += [PlannedReminder(day, offset, _row_state(row)) for row in mine]
        elif deadline.status in CLOSED_STATUSES:
            plan.append(PlannedReminder(day, offset, "sans objet (échéance close)"))
        elif day <= today:
            plan.append(PlannedReminder(day, offset, "dû : part au prochain envoi"))
        else:
            plan.append(PlannedReminder(day, offset, "prévu"))
    current = {(row.remind_on, row.offset_days) for row in rows
               if row.remind_on == remind_on(deadline, row.offset_days)}
    earlier = [PlannedReminder(row.remind_on, row.offset_days,
                               _row_state(row) + " (pour une date antérieure)")
               for row in rows if (row.remind_on, row.offset_days) not in current]
    return sorted(plan, key=lambda item: item.remind_on) + earlier


def _row_state(row: Reminder) -> str:
    if row.status == "sent" and row.sent_at:
        return f"rappel envoyé le {format_date(row.sent_at.date())} à {row.recipient}"
    if row.status == "failed":
        return f"échec de l'envoi à {row.recipient} : {row.last_error}"
    if row.status == "pending" and row.attempts:
        return f"nouvel essai d'envoi à {row.recipient} (échec : {row.last_error})"
    return f"en cours d'envoi à {row.recipient}"


def _move(deadline: Deadline, due_date: date) -> None:
    if due_date == deadline.due_date:
        return
    deadline.due_date = due_date
    for milestone in deadline.milestones:
        milestone.due_date = due_date - timedelta(days=milestone.days_before)
    _drop_reminders_owed(deadline)


def _drop_reminders_owed(deadline: Deadline) -> None:
    """Reminders not sent yet name the old date or a closed deadline: dropped (those sent
    stay, as history; the new date's are planned by the next run)."""
    db.session.execute(delete(Reminder).where(Reminder.deadline_id == deadline.id,
                                              Reminder.status.in_(("pending", "failed"))))


def _owner(owner: str) -> tuple[str | None, int | None]:
    kind, _, value = (owner or "").partition(":")
    if kind == "role" and value in OWNER_ROLES:
        return value, None
    if kind == "user" and value.isdigit():
        user = db.session.get(User, int(value))
        if user is None or not user.active:
            raise ValidationError("owner", "Cette personne n'a pas (ou plus) de compte actif.")
        return None, user.id
    if owner:
        raise ValidationError("owner", "Responsable inconnu.")
    return None, None


def _reason(reason: str, field: str) -> str:
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError(field, "Indiquez le motif.")
    return reason[:300]
