"""Reminders: planned as outbox rows, sent as one digest per recipient, retried with back-off.

Each (deadline, offset, recipient, date) has one row, so planning twice creates nothing and
sending twice sends nothing; a deadline moved to another date is reminded again. Rows are
claimed (pending -> sending) before the e-mail leaves and marked sent after; an SMTP failure
puts them back to pending with a later next attempt (10 minutes, then twice as long each time,
at most 6 hours apart), for three days; then they show as failed on the director's dashboard
and the association's own address is told which reminders could not reach whom. Reminders
missed while nothing ran are created late and go out once, in the next digest.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import select, update

from tracker.aids.checks import Check, foreseen_problems
from tracker.association.services import get_association
from tracker.audit.services import record_event
from tracker.auth.models import User
from tracker.auth.roles import Role
from tracker.db import added_unless_taken, utcnow
from tracker.deadlines.models import Deadline, Reminder, kind_labels
from tracker.deadlines.vocabulary import CLOSED_STATUSES
from tracker.extensions import db
from tracker.finance.models import Tranche
from tracker.finance.tranches import late_tranches
from tracker.formatting import format_date, format_money
from tracker.mail import MailError, build_message, send_message

GIVE_UP_AFTER = timedelta(days=3)  # of retries, before a reminder shows as failed
LONGEST_WAIT = timedelta(hours=6)  # between two attempts
MAX_OFFSET = timedelta(days=366)  # reminders are planned at most a year before the due date
FIRST_RETRY = timedelta(minutes=10)
STALE_CLAIM = timedelta(hours=1)


@dataclass
class SendReport:
    planned: int = 0
    digests_sent: int = 0
    reminders_sent: int = 0
    failures: int = 0


def offsets(deadline: Deadline) -> list[int]:
    return sorted({int(part) for part in (deadline.reminders or "").split(",")
                   if part.strip()}, reverse=True)


def remind_on(deadline: Deadline, offset: int) -> date:
    """The day a reminder `offset` days before the due date goes out (-1: the day after)."""
    return deadline.due_date - timedelta(days=offset)


def recipients(deadline: Deadline) -> list[str]:
    if deadline.owner_user_id:
        user = db.session.get(User, deadline.owner_user_id)
        return [user.email] if user and user.active else []
    if deadline.owner_role:
        return list(db.session.scalars(select(User.email).where(
            User.role == Role(deadline.owner_role), User.active.is_(True))))
    return list(db.session.scalars(select(User.email).where(
        User.role == Role.DIRECTOR, User.active.is_(True))))


def plan_reminders(today: date, now: datetime) -> int:
    """Create the outbox rows owed by today (late ones included, once), due at `now`."""
    created = 0
    open_deadlines = db.session.scalars(select(Deadline).where(
        Deadline.status.not_in(CLOSED_STATUSES), Deadline.due_date <= today + MAX_OFFSET))
    for deadline in open_deadlines:
        existing = {(row.offset_days, row.recipient, row.remind_on)
                    for row in db.session.scalars(
                        select(Reminder).where(Reminder.deadline_id == deadline.id))}
        for offset in offsets(deadline):
            day = remind_on(deadline, offset)
            if day > today:
                continue
            for recipient in recipients(deadline):
                if (offset, recipient, day) in existing:
                    continue
                # another process may have planned it first: nothing to do then
                created += added_unless_taken(db.session, Reminder(
                    deadline_id=deadline.id, offset_days=offset, recipient=recipient,
                    remind_on=day, next_attempt_at=now))
    return created


def _claim(now: datetime) -> list[Reminder]:
    """Take the due rows (and any claim left behind by a crashed sender) for this run, and
    only those this run changed: on PostgreSQL the due rows are locked (rows another sender
    holds are skipped), and the UPDATE … RETURNING names exactly the rows it moved from
    pending to sending, so two senders never take the same row."""
    db.session.execute(update(Reminder).where(
        Reminder.status == "sending", Reminder.next_attempt_at < now - STALE_CLAIM
    ).values(status="pending"))
    due = select(Reminder.id).where(Reminder.status == "pending",
                                    Reminder.next_attempt_at <= now)
    due_ids = list(db.session.scalars(due.with_for_update(skip_locked=True)))
    if not due_ids:
        db.session.commit()
        return []
    claimed = list(db.session.scalars(
        update(Reminder).where(Reminder.id.in_(due_ids), Reminder.status == "pending")
        .values(status="sending", next_attempt_at=now).returning(Reminder.id)))
    db.session.commit()  # the claim is visible before any e-mail leaves
    return list(db.session.scalars(select(Reminder).where(Reminder.id.in_(claimed))))


def retry_delay(attempts: int) -> timedelta:
    """The wait after the `attempts`-th failure: 10 min, 20, 40… at most LONGEST_WAIT."""
    return min(FIRST_RETRY * (2 ** (attempts - 1)), LONGEST_WAIT)


def gave_up(attempts: int) -> bool:
    """Whether the `attempts`-th failure comes GIVE_UP_AFTER or more after the first."""
    return sum((retry_delay(number) for number in range(1, attempts)),
               timedelta()) >= GIVE_UP_AFTER


def retry_failed(now: datetime | None = None) -> int:
    """Put the reminders that gave up (after three days of retries) back in the queue, their
    count of attempts reset: after a long mail outage nothing is lost. Returns how many."""
    now = now or utcnow()
    ids = list(db.session.scalars(select(Reminder.id).where(Reminder.status == "failed")))
    if ids:
        db.session.execute(update(Reminder).where(Reminder.id.in_(ids)).values(
            status="pending", attempts=0, next_attempt_at=now))
        record_event("Rappels", "relance", f"{len(ids)} rappel(s) en échec remis en envoi",
                     {"identifiants": [str(value) for value in ids]})
    return len(ids)


def _when(deadline: Deadline, today: date) -> str:
    days = (deadline.due_date - today).days
    if days > 1:
        return f"dans {days} jours"
    if days == 1:
        return "demain"
    if days == 0:
        return "aujourd'hui"
    return f"en retard de {-days} jour{'s' if days < -1 else ''}"


def digest_text(deadlines: list[Deadline], today: date,
                tranches: list[Tranche] | None = None,
                aid_problems: list[Check] | None = None) -> str:
    """The day's deadlines of one recipient (each with its preparation steps) and, for the
    office, the grant tranches awaited for more than 30 days and the employment aids' rules
    broken or foreseen to break."""
    lines = [f"Bonjour,\n\nVoici les échéances à suivre au {format_date(today)} :\n"]
    kinds = kind_labels()
    for deadline in sorted(deadlines, key=lambda item: item.due_date):
        funder = f" ({deadline.funder.label})" if deadline.funder else ""
        kind = kinds.get(deadline.kind, deadline.kind)
        lines.append(f"- {format_date(deadline.due_date)}, {_when(deadline, today)} : "
                     f"{deadline.title}{funder} [{kind}]")
        for milestone in deadline.milestones:  # its preparation, step by step
            if milestone.done_on:
                state = f"faite le {format_date(milestone.done_on)}"
            elif milestone.due_date < today:
                state = "EN RETARD"
            else:
                state = "à faire"
            lines.append(f"    · étape « {milestone.label} » pour le "
                         f"{format_date(milestone.due_date)} (J-{milestone.days_before}) : "
                         f"{state}")
    if tranches:
        lines.append("\nTranches de subsides attendues depuis plus de 30 jours :")
        for tranche in tranches:
            lines.append(f"- {tranche.instrument} : {tranche.label} {tranche.year}, "
                         f"{format_money(tranche.expected_cents / 100)} attendus le "
                         f"{format_date(tranche.expected_on)}")
    if aid_problems:
        lines.append("\nAides à l'emploi à surveiller :")
        lines += [f"- [{problem.state_label}] {problem.explanation}" for problem in aid_problems]
    lines.append("\nUne fois le document introduit, marquez l'échéance comme soumise dans "
                 "l'application pour arrêter les rappels.\n\nSuivi ASBL")
    return "\n".join(lines)


def send_reminders(today: date, now: datetime | None = None) -> SendReport:
    """Plan what is owed today, then send one digest per recipient. Commits as it goes, and
    holds no transaction while an e-mail leaves (on SQLite a slow mail server would otherwise
    keep everyone else from writing)."""
    now = now or utcnow()
    report = SendReport(planned=plan_reminders(today, now))
    db.session.commit()
    by_recipient: dict[str, list[Reminder]] = defaultdict(list)
    for reminder in _claim(now):
        by_recipient[reminder.recipient].append(reminder)
    awaited, aid_problems = late_tranches(today), foreseen_problems(today)
    office = set(db.session.scalars(select(User.email).where(
        User.role.in_([Role.DIRECTOR, Role.SECRETARY]))))
    digests = []
    for recipient, rows in sorted(by_recipient.items()):
        deadlines = list({row.deadline_id: row.deadline for row in rows}.values())
        count = len(deadlines)
        subject = f"Suivi ASBL : {count} échéance{'s' if count > 1 else ''} à suivre"
        digests.append(([row.id for row in rows], build_message([recipient], subject, digest_text(
            deadlines, today, awaited if recipient in office else None,
            aid_problems if recipient in office else None))))
    db.session.commit()
    given_up: list[Reminder] = []
    for ids, message in digests:
        try:
            send_message(message)
        except MailError as error:
            report.failures += 1
            for row in db.session.scalars(select(Reminder).where(Reminder.id.in_(ids))):
                row.attempts += 1
                row.last_error = str(error)[:500]
                row.status = "failed" if gave_up(row.attempts) else "pending"
                row.next_attempt_at = now + retry_delay(row.attempts)
                if row.status == "failed":
                    given_up.append(row)
        else:
            report.digests_sent += 1
            report.reminders_sent += len(ids)
            db.session.execute(update(Reminder).where(Reminder.id.in_(ids)).values(
                status="sent", sent_at=utcnow(), last_error=""))
        db.session.commit()
    if given_up:
        tell_the_association(given_up, today)
    return report


def tell_the_association(rows: list[Reminder], today: date) -> None:
    """The association's own address learns which reminders reached nobody after three days
    (the director's dashboard lists them too); a failure here is only logged: the dashboard
    still shows them."""
    association = get_association()
    if association is None or not association.email:
        return
    lines = [f"- {row.deadline.title} ({format_date(row.deadline.due_date)}) : pour "
             f"{row.recipient}, dernière erreur « {row.last_error} »" for row in rows]
    message = build_message(
        [association.email], "Suivi ASBL : rappels non remis depuis trois jours",
        "Ces rappels n'ont pas pu être envoyés malgré trois jours d'essais :\n"
        + "\n".join(lines) + f"\n\nLe tableau de bord de la direction les montre ; le "
        f"bouton « Renvoyer » les remet en envoi. (Message du {format_date(today)}.)\n")
    try:
        send_message(message)
    except MailError as error:
        current_app.logger.warning("Adresse de l'association injoignable : %s", error)


def failed_reminders() -> list[Reminder]:
    return list(db.session.scalars(select(Reminder).where(Reminder.status == "failed")
                                   .order_by(Reminder.remind_on)))
