"""The FTE the employment aids count: the contracts' FTE (as `tracker staffing` averages
them), less the absences the aids do not treat as worked, for the days the employer no
longer pays (a sickness after its guaranteed month, an unpaid or parental leave);
staffing/vocabulary.py's ABSENCE_RULES say which."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.extensions import db
from tracker.periods import Period, overlaps
from tracker.staffing.fte import fte_by_funder
from tracker.staffing.models import Absence, Allocation, Person
from tracker.staffing.vocabulary import ABSENCE_RULES, AbsenceRule

PAID_ALL_ALONG = AbsenceRule(None, True)


@dataclass
class CountedFte:
    """One period's average FTE: under contract, and as the aids count it."""

    contract: float
    not_counted: float

    @property
    def counted(self) -> float:
        return max(self.contract - self.not_counted, 0.0)


def counted_fte(period: Period, funder_code: str | None = None) -> CountedFte:
    """The association's FTE, or (`funder_code`) those of the posts one aid pays."""
    aid, association = counted_ftes(period, funder_code)
    return aid if funder_code else association


def counted_ftes(period: Period, funder_code: str | None) -> tuple[CountedFte, CountedFte]:
    """The aid's posts and the whole association, from one FTE query and one read of the
    absences (the aid page's quarters show both)."""
    summary = fte_by_funder(period)
    aid_off = association_off = 0.0
    absences = db.session.scalars(
        select(Absence).where(overlaps(Absence, period))
        .options(selectinload(Absence.person).selectinload(Person.allocations)
                 .selectinload(Allocation.funder)))
    for absence in absences:
        rule = ABSENCE_RULES.get(absence.kind, PAID_ALL_ALONG)
        first = rule.unpaid_from(absence.start_date)
        if rule.assimilated or first is None:
            continue
        days = period.overlap_days(first, absence.end_date)
        if days <= 0:
            continue
        off = float(absence.fte) * days / period.days
        association_off += off
        if funder_code:
            aid_off += off * _share(absence, first, funder_code)
    aid = summary.by_funder.get(funder_code, {}).get("total", 0.0) if funder_code else 0.0
    return (CountedFte(aid, round(aid_off, 6)),
            CountedFte(summary.total, round(association_off, 6)))


def _share(absence: Absence, day, funder_code: str) -> float:
    """The part of the absent person's FTE the aid pays, on the absence's first day counted."""
    current = [allocation for allocation in absence.person.allocations
               if allocation.start_date <= day
               and (allocation.end_date is None or allocation.end_date >= day)]
    everything = sum(float(allocation.fte) for allocation in current)
    paid = sum(float(allocation.fte) for allocation in current
               if allocation.funder.code == funder_code)
    return paid / everything if everything else 0.0
