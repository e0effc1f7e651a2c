"""The deadline list (12 months back and ahead, filtered), one deadline's page, and undoing a
submission."""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import joinedload

from tracker.deadlines.models import Deadline, DeadlineRule
from tracker.deadlines.vocabulary import CLOSED_STATUSES
from tracker.errors import ValidationError
from tracker.extensions import db
from tracker.funders.models import Instrument
from tracker.params import LARGEST

WINDOW = timedelta(days=365)


@dataclass
class DeadlineFilters:
    """What the list shows; an owner is « role:director » or « user:12 »."""

    start: date
    end: date
    funder_id: int | None = None
    kind: str | None = None
    status: str | None = None  # a status code, or « ouvertes » for every open one
    owner: str | None = None

    @classmethod
    def around(cls, today: date, **chosen) -> "DeadlineFilters":
        """Twelve months back and ahead of today, unless a start or end is chosen."""
        start = chosen.pop("start", None) or today - WINDOW
        end = chosen.pop("end", None) or today + WINDOW
        return cls(start=start, end=end, **chosen)


OPEN = "ouvertes"


def list_deadlines(filters: DeadlineFilters) -> list[Deadline]:
    query = (select(Deadline)
             .options(joinedload(Deadline.instrument).joinedload(Instrument.funder),
                      joinedload(Deadline.rule).joinedload(DeadlineRule.funder),
                      joinedload(Deadline.owner_user))
             .where(Deadline.due_date.between(filters.start, filters.end)))
    if filters.funder_id:
        query = query.where(or_(  # the instrument's funder, or the one a staffing rule follows
            Deadline.instrument.has(Instrument.funder_id == filters.funder_id),
            and_(Deadline.instrument_id.is_(None),
                 Deadline.rule.has(DeadlineRule.funder_id == filters.funder_id))))
    if filters.kind:
        query = query.where(Deadline.kind == filters.kind)
    if filters.status == OPEN:
        query = query.where(Deadline.status.not_in(CLOSED_STATUSES))
    elif filters.status:
        query = query.where(Deadline.status == filters.status)
    owner_kind, _, owner_value = (filters.owner or "").partition(":")
    if owner_kind == "role":
        query = query.where(Deadline.owner_role == owner_value)
    elif owner_kind == "user" and owner_value.isdigit():
        query = query.where(Deadline.owner_user_id == min(int(owner_value), LARGEST))
    return list(db.session.scalars(query.order_by(Deadline.due_date, Deadline.title)))


def cancel_submission(deadline: Deadline) -> None:
    """Back to « à faire » (a wrong click, a submission the funder sent back, a « sans objet »
    that was not). The audit trail keeps what had been recorded."""
    if deadline.status not in CLOSED_STATUSES:
        raise ValidationError(None, "Cette échéance n'est pas close.")
    deadline.status = "a_faire"
    deadline.submitted_on = deadline.submitted_by_id = None
    deadline.proof_reference = ""
    deadline.proof_filename = deadline.proof_stored_as = None
    deadline.answered_on, deadline.answer_note, deadline.dismissed_reason = None, "", ""
    db.session.flush()
