"""« Si un financement s'arrête », in euros: what each post it pays costs a month, as the
average of the costs charged to its allocation over the last twelve months of costs (holiday
pay and year-end bonus spread over the year). The staffing scenario asks for it through the
application (`app.extensions["loss_costing"]`), so that staffing never imports finance."""

from datetime import date

from sqlalchemy import distinct, func, select

from tracker.extensions import db
from tracker.finance.charging import shares
from tracker.finance.models import PersonnelCost

WINDOW_MONTHS = 12


def monthly_costs(allocation_ids: list[int], day: date) -> dict[int, int]:
    """Cents a month per allocation, over the twelve months of costs up to `day`'s month (or
    up to the latest month imported, when `day` is later)."""
    if not allocation_ids:
        return {}
    latest = db.session.scalar(select(func.max(PersonnelCost.month)).where(
        PersonnelCost.month <= day.replace(day=1))) or db.session.scalar(
        select(func.max(PersonnelCost.month)))
    if latest is None:
        return {}
    months_back = latest.year * 12 + latest.month - WINDOW_MONTHS
    first = date(months_back // 12, months_back % 12 + 1, 1)
    charged = shares(first, latest)
    rows = db.session.execute(
        select(charged.c.allocation_id, func.sum(charged.c.cents),
               func.count(distinct(PersonnelCost.month)))
        .join(PersonnelCost, PersonnelCost.id == charged.c.cost_id)
        .where(charged.c.allocation_id.in_(allocation_ids))
        .group_by(charged.c.allocation_id))
    return {allocation_id: int(cents) // months for allocation_id, cents, months in rows
            if months}
