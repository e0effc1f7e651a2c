"""Preparation milestones worked back from a due date (« J-30 données extraites ; J-14 projet ;
J-7 relecture CA »): written once on a rule, copied to each deadline it generates, or added to
one deadline; each ticked off on its own."""

import re
from datetime import date, timedelta

from sqlalchemy import select

from tracker.deadlines.models import Deadline, Milestone
from tracker.deadlines.vocabulary import CLOSED_STATUSES
from tracker.errors import ValidationError
from tracker.extensions import db

STEP = re.compile(r"^J\s*-\s*(\d{1,3})(?!\d)\s*[:–-]?\s*(\S.*)$", re.IGNORECASE)
MAX_DAYS_BEFORE = 365
SPEC_HELP = "Ex. « J-30 données extraites ; J-14 projet ; J-7 relecture CA »."


def parse_milestones(text: str | None) -> list[tuple[int, str]]:
    """[(30, 'données extraites'), …] from « J-30 données extraites ; J-14 projet »."""
    steps = []
    for part in re.split(r"[;\n]", text or ""):
        part = " ".join(part.split())
        if not part:
            continue
        match = STEP.match(part)
        if match is None or not 0 <= int(match[1]) <= MAX_DAYS_BEFORE:
            raise ValidationError("milestones", f"Étape « {part} » illisible : écrivez J-N puis "
                                                f"l'étape (N de 0 à 365 jours). {SPEC_HELP}")
        steps.append((int(match[1]), match[2][:150]))
    return sorted(steps, key=lambda step: -step[0])


def normalized(text: str | None) -> str:
    """The rule's steps as they will be shown again: « J-30 données extraites ; J-14 projet »."""
    return " ; ".join(f"J-{days} {label}" for days, label in parse_milestones(text))


def plan(deadline: Deadline, spec: str | None) -> None:
    """Give a new deadline the steps of its rule."""
    for days_before, label in parse_milestones(spec):
        deadline.milestones.append(Milestone(label=label, days_before=days_before,
                                             due_date=deadline.due_date
                                             - timedelta(days=days_before)))


def add_milestone(deadline: Deadline, label: str, days_before: int | None) -> Milestone:
    label = " ".join((label or "").split())
    if not label:
        raise ValidationError("label", "Indiquez l'étape (ex. relecture par le CA).")
    if days_before is None or not 0 <= days_before <= MAX_DAYS_BEFORE:
        raise ValidationError("days_before", "Indiquez combien de jours avant l'échéance "
                                             "(0 à 365).")
    milestone = Milestone(label=label[:150], days_before=days_before,
                          due_date=deadline.due_date - timedelta(days=days_before))
    deadline.milestones.append(milestone)
    db.session.flush()
    return milestone


def tick(milestone: Milestone, user_id: int | None, today: date) -> Milestone:
    """Done (today, by this user), or, ticked again, to do once more."""
    if milestone.done_on is None:
        milestone.done_on, milestone.done_by_id = today, user_id
    else:
        milestone.done_on, milestone.done_by_id = None, None
    db.session.flush()
    return milestone


def delete_milestone(milestone: Milestone) -> None:
    db.session.delete(milestone)
    db.session.flush()


def upcoming_milestones(today: date, within_days: int = 30) -> list[Milestone]:
    """Steps still to do, late or due within the coming days, of deadlines still open."""
    return list(db.session.scalars(
        select(Milestone).join(Milestone.deadline)
        .where(Milestone.done_on.is_(None), Deadline.status.not_in(CLOSED_STATUSES),
               Milestone.due_date <= today + timedelta(days=within_days))
        .order_by(Milestone.due_date, Deadline.due_date)))
