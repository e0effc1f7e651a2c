"""The posts an aid pays, at a date or ever."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from tracker.extensions import db
from tracker.funders.models import Funder
from tracker.periods import overlaps
from tracker.staffing.models import Allocation


def allocations_of(aid: str, at: date | None = None) -> list[Allocation]:
    """The allocations the aid pays (on a day, when `at` is given), oldest first."""
    query = (select(Allocation).join(Funder, Funder.id == Allocation.funder_id)
             .where(Funder.code == aid)
             .options(joinedload(Allocation.person), joinedload(Allocation.function))
             .order_by(Allocation.start_date, Allocation.id))
    if at is not None:
        query = query.where(overlaps(Allocation, at, at))
    return list(db.session.scalars(query))
