"""The posts an aid pays at a date."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from tracker.extensions import db
from tracker.funders.models import Funder
from tracker.periods import overlaps
from tracker.staffing.models import Allocation


def posts_of(aid: str, at: date) -> list[Allocation]:
    return list(db.session.scalars(
        select(Allocation).join(Funder, Funder.id == Allocation.funder_id)
        .where(Funder.code == aid, overlaps(Allocation, at, at))
        .options(joinedload(Allocation.person), joinedload(Allocation.function))
        .order_by(Allocation.start_date)))
