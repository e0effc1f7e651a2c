"""Deadlines that follow staffing events: « 6 mois après la fin d'un poste ACS ». Each
allocation the rule's funder pays, once its end (or start) is recorded, gets its deadline, so
the director sees it months ahead; when an allocation of that funder of at least the same FTE
starts in time, the post is filled again and the deadline closes by itself (the audit trail
names the allocation that closed it). A recorded end removed, or an allocation deleted,
removes its open deadline."""

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from tracker.catalogue.services import function_labels
from tracker.db import added_unless_taken
from tracker.deadlines import milestones, rules
from tracker.deadlines.following import Follower
from tracker.deadlines.models import Deadline, DeadlineRule
from tracker.deadlines.vocabulary import CLOSED_STATUSES
from tracker.extensions import db
from tracker.formatting import format_date
from tracker.staffing.models import Allocation
from tracker.staffing.vacancies import post_label, replacement_for

FILLED = "sans_objet"  # the status of a deadline the post's refilling made pointless


def _title(rule: DeadlineRule, allocation: Allocation, labels: dict[str, str]) -> str:
    event_text = (f"fin le {format_date(allocation.end_date)}" if rule.anchor == "end"
                  else f"début le {format_date(allocation.start_date)}")
    return f"{rule.title} – {post_label(allocation, labels)}, {event_text}"[:300]


def sync_rule(rule: DeadlineRule, today: date, until: date) -> int:
    """Bring one staffing rule's deadlines in line with the allocations; returns how many
    were added."""
    allocations = list(db.session.scalars(
        select(Allocation).where(Allocation.funder_id == rule.funder_id)
        .options(joinedload(Allocation.person)).order_by(Allocation.start_date, Allocation.id)))
    existing = {deadline.allocation_id: deadline for deadline in db.session.scalars(
        select(Deadline).where(Deadline.rule_id == rule.id))}
    labels, taken, created = function_labels(), set(), 0
    for allocation in sorted(allocations, key=lambda item: (item.end_date or date.max, item.id)):
        anchor = allocation.end_date if rule.anchor == "end" else allocation.start_date
        deadline = existing.pop(allocation.id, None)
        if anchor is None:
            if deadline is not None and deadline.status not in CLOSED_STATUSES:
                db.session.delete(deadline)  # the end was removed: nothing to refill
            continue
        due = rules.relative(anchor, rule.offset_months, rule.offset_days)
        filled = replacement_for(allocation, due, allocations, taken) \
            if rule.anchor == "end" else None
        if filled is not None:
            taken.add(filled.id)
        if deadline is None:
            if filled is None and today <= due <= until:
                deadline = Deadline(
                    rule_id=rule.id, occurrence=due, due_date=due, kind=rule.kind,
                    title=_title(rule, allocation, labels), allocation_id=allocation.id,
                    instrument_id=allocation.instrument_id, owner_role=rule.owner_role,
                    owner_user_id=rule.owner_user_id, reminders=rule.reminders)
                milestones.plan(deadline, rule.milestones)
                # the one insert-or-skip: a second sync at the same moment (a form's commit
                # beside the morning job) skips the deadline the first wrote
                created += added_unless_taken(db.session, deadline)
            continue
        if deadline.status not in CLOSED_STATUSES:
            if filled is not None:
                deadline.status, deadline.closed_by_allocation_id = FILLED, filled.id
            elif deadline.occurrence != due:
                deadline.occurrence = deadline.due_date = due
                deadline.title = _title(rule, allocation, labels)
        elif deadline.closed_by_allocation_id is not None and filled is None:
            deadline.status, deadline.closed_by_allocation_id = "a_faire", None  # reopened
    for deadline in existing.values():  # their allocation is gone
        if deadline.status not in CLOSED_STATUSES:
            db.session.delete(deadline)
    db.session.flush()
    return created


def sync_staffing_deadlines(today: date, until: date) -> int:
    return sum(sync_rule(rule, today, until) for rule in db.session.scalars(
        select(DeadlineRule).where(DeadlineRule.rule_type == "staffing",
                                   DeadlineRule.active.is_(True))))


def funder_pays_around(rule: DeadlineRule, occurrence: date) -> bool:
    """A yearly or periodic rule with a funder runs only when that funder paid someone in
    the year before the occurrence (a Maribel report is due for a year with a Maribel post)."""
    if rule.funder_id is None:
        return True
    return db.session.scalar(select(Allocation.id).where(
        Allocation.funder_id == rule.funder_id,
        Allocation.start_date <= occurrence,
        (Allocation.end_date.is_(None))
        | (Allocation.end_date >= occurrence - timedelta(days=365))).limit(1)) is not None


def _touches_allocations(session: Session) -> bool:
    return any(isinstance(obj, Allocation)
               for obj in (*session.new, *session.dirty, *session.deleted))


# a staffing rule's deadlines follow the allocations at once
install_staffing_listener = Follower("allocations_changed", _touches_allocations,
                                     sync_staffing_deadlines).install
