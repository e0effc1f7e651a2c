"""The director's dashboard, the month calendar and the iCalendar feed."""

import calendar
import secrets
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from tracker.aids.checks import Check, foreseen_problems
from tracker.auth.models import User
from tracker.db import utcnow
from tracker.deadlines.milestones import upcoming_milestones
from tracker.deadlines.models import Deadline, Milestone, kind_labels
from tracker.deadlines.reminders import failed_reminders
from tracker.deadlines.vocabulary import CLOSED_STATUSES
from tracker.errors import ValidationError
from tracker.extensions import db
from tracker.finance.models import Tranche
from tracker.finance.tranches import late_tranches
from tracker.formatting import format_date
from tracker.funders.models import Instrument
from tracker.partnerships.models import Convention


@dataclass
class Dashboard:
    today: date
    overdue: list[Deadline] = field(default_factory=list)
    next_30: list[Deadline] = field(default_factory=list)
    next_90: list[Deadline] = field(default_factory=list)
    pending_decisions: list[Deadline] = field(default_factory=list)
    ending_instruments: list[Instrument] = field(default_factory=list)
    ending_conventions: list[Convention] = field(default_factory=list)
    failed: list = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)
    late_tranches: list[Tranche] = field(default_factory=list)
    aid_problems: list[Check] = field(default_factory=list)


def build_dashboard(today: date) -> Dashboard:
    board = Dashboard(today)
    open_deadlines = db.session.scalars(
        select(Deadline).where(Deadline.status.not_in(CLOSED_STATUSES),
                               Deadline.due_date <= today + timedelta(days=90))
        .order_by(Deadline.due_date, Deadline.title))
    for deadline in open_deadlines:
        days = (deadline.due_date - today).days
        if days < 0:
            board.overdue.append(deadline)
        elif days <= 30:
            board.next_30.append(deadline)
        else:
            board.next_90.append(deadline)
    board.pending_decisions = list(db.session.scalars(
        select(Deadline).where(Deadline.status.not_in(CLOSED_STATUSES),
                               Deadline.kind.in_(("evaluation", "decision_ca")))
        .order_by(Deadline.due_date).limit(20)))
    board.ending_instruments = _ending_within_a_year(Instrument, today)
    board.ending_conventions = _ending_within_a_year(Convention, today,
                                                     Convention.status != "terminee")
    board.failed = failed_reminders()
    board.milestones = upcoming_milestones(today)
    board.late_tranches = late_tranches(today)
    board.aid_problems = foreseen_problems(today)
    return board


def _ending_within_a_year(model, today: date, *conditions) -> list:
    """Agréments, conventions…: rows of a dated model whose end falls in the next 12 months."""
    return list(db.session.scalars(
        select(model).where(*conditions, model.end_date.is_not(None),
                            model.end_date >= today,
                            model.end_date <= today + timedelta(days=365))
        .order_by(model.end_date)))


def mark_submitted(deadline: Deadline, *, submitted_on: date | None, reference: str,
                   stored_as: str | None = None, filename: str | None = None,
                   by_user_id: int | None = None) -> Deadline:
    """Submitted: the date and a proof (a file or a reference) are required."""
    if submitted_on is None:
        raise ValidationError("submitted_on", "Indiquez la date de soumission.")
    if submitted_on > date.today() + timedelta(days=1):
        raise ValidationError("submitted_on", "La date de soumission est dans le futur.")
    if not (reference or "").strip() and not stored_as:
        raise ValidationError("proof_reference", "Joignez une preuve : un fichier (accusé de "
                                                 "réception, courriel) ou une référence.")
    deadline.status, deadline.submitted_on = "soumis", submitted_on
    deadline.submitted_by_id = by_user_id
    deadline.proof_reference = (reference or "").strip()
    if stored_as:
        deadline.proof_stored_as, deadline.proof_filename = stored_as, filename
    db.session.flush()
    return deadline


def month_grid(year: int, month: int) -> tuple[list[list[date | None]], dict[date, list]]:
    """Weeks (Monday first) of the month, and the deadlines of each day."""
    weeks = [[day if day.month == month else None for day in week]
             for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)]
    first, last = date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    by_day: dict[date, list] = {}
    for deadline in db.session.scalars(select(Deadline).where(
            Deadline.due_date.between(first, last)).order_by(Deadline.title)):
        by_day.setdefault(deadline.due_date, []).append(deadline)
    return weeks, by_day


def renew_calendar_token(user: User) -> str:
    user.ical_token = secrets.token_urlsafe(32)
    db.session.flush()
    return user.ical_token


def revoke_calendar_token(user: User) -> None:
    user.ical_token = None
    db.session.flush()


def user_for_calendar_token(token: str) -> User | None:
    if not token:
        return None
    user = db.session.scalar(select(User).where(User.ical_token == token))
    return user if user and user.active else None


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """RFC 5545: lines of at most 75 octets, continued with a leading space."""
    encoded, parts = line.encode(), []
    while len(encoded) > 75:
        cut = 75
        while (encoded[cut] & 0xC0) == 0x80:  # never split a UTF-8 character
            cut -= 1
        parts.append(encoded[:cut].decode())
        encoded = b" " + encoded[cut:]
    parts.append(encoded.decode())
    return "\r\n".join(parts)


def calendar_feed(host: str) -> str:
    """All-day events for the association's deadlines (open ones and those of the last year);
    the caller has already checked the feed's token."""
    since = date.today() - timedelta(days=365)
    deadlines = db.session.scalars(select(Deadline).where(
        or_(Deadline.due_date >= since, Deadline.status.not_in(CLOSED_STATUSES)))
        .options(selectinload(Deadline.milestones)).order_by(Deadline.due_date))
    stamp, kinds = utcnow().strftime("%Y%m%dT%H%M%SZ"), kind_labels()
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Suivi ASBL//Echeances//FR",
             "CALSCALE:GREGORIAN", "X-WR-CALNAME:Échéances de l'association"]
    for deadline in deadlines:
        funder = f" ({deadline.funder.label})" if deadline.funder else ""
        status = "soumis" if deadline.status in CLOSED_STATUSES else "à faire"
        lines += [
            "BEGIN:VEVENT",
            f"UID:deadline-{deadline.id}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{deadline.due_date:%Y%m%d}",
            f"DTEND;VALUE=DATE:{deadline.due_date + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape(deadline.title + funder)}",
            f"DESCRIPTION:{_escape(kinds.get(deadline.kind, deadline.kind))} – "
            f"{_escape(status)}",
            "END:VEVENT",
        ]
        for milestone in deadline.milestones:  # each preparation step on its own day
            done = f"faite le {format_date(milestone.done_on)}" if milestone.done_on \
                else "à faire"
            lines += [
                "BEGIN:VEVENT",
                f"UID:milestone-{milestone.id}@{host}",
                f"DTSTAMP:{stamp}",
                f"DTSTART;VALUE=DATE:{milestone.due_date:%Y%m%d}",
                f"DTEND;VALUE=DATE:{milestone.due_date + timedelta(days=1):%Y%m%d}",
                f"SUMMARY:{_escape(f'Étape : {milestone.label} – {deadline.title}')}",
                f"DESCRIPTION:{_escape(f'J-{milestone.days_before} avant l’échéance du ')}"
                f"{format_date(deadline.due_date)} – {_escape(done)}",
                "END:VEVENT",
            ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


