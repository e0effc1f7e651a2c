"""Each person-month cost charged to the allocations active that month, weighted by FTE ×
days covered (« SPW 0,5 ETP jusqu'au 10/11 puis PSSP 1 ETP à partir du 12/11 » splits November
5 : 19), in SQL and in whole cents: every share is rounded down and the last allocation of the
month takes the remaining cents, so the shares of a cost add up to it exactly. A month with a
cost and no allocation is « non ventilé », never dropped."""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import BigInteger, Integer, and_, case, cast, func, select

from tracker.catalogue.models import JobFunction
from tracker.extensions import db
from tracker.finance.models import PersonnelCost
from tracker.finance.money import euros
from tracker.funders.models import Funder, Instrument
from tracker.periods import overlaps
from tracker.sql import day_number, greatest, least
from tracker.staffing.models import Allocation, Person

FTE_UNITS = 1000  # FTE are stored with three decimals: weights are whole thousandths × days


def _costs_of(start: date, end: date):
    """The cost rows of the months that start within the period."""
    return (PersonnelCost.month >= start.replace(day=1), PersonnelCost.month <= end)


def shares(start: date, end: date):
    """One row per (cost, allocation): the cents of that cost charged to that allocation, with
    the allocation's funder, instrument, function and person."""
    covered_days = (day_number(least(func.coalesce(Allocation.end_date,
                                                   PersonnelCost.month_end),
                                     PersonnelCost.month_end))
                    - day_number(greatest(Allocation.start_date, PersonnelCost.month)) + 1)
    weight = cast(func.round(Allocation.fte * FTE_UNITS), Integer) * covered_days
    weighted = (
        select(PersonnelCost.id.label("cost_id"), PersonnelCost.amount_cents.label("amount"),
               Allocation.id.label("allocation_id"), Allocation.funder_id,
               Allocation.instrument_id, Allocation.function_code, Allocation.person_id,
               weight.label("weight"),
               func.sum(weight).over(partition_by=PersonnelCost.id).label("total_weight"),
               func.row_number().over(partition_by=PersonnelCost.id,
                                      order_by=Allocation.id.desc()).label("rank"))
        .join(Allocation, and_(Allocation.person_id == PersonnelCost.person_id,
                               overlaps(Allocation, PersonnelCost.month,
                                        PersonnelCost.month_end)))
        # only the allocations of the period: the join then meets far fewer candidates
        .where(*_costs_of(start, end), overlaps(Allocation, start.replace(day=1), end))
    ).subquery("weighted")
    # in 64 bits: a month's cents × FTE thousandths × days exceeds a 32-bit integer
    rounded_down = (cast(weighted.c.amount, BigInteger) * weighted.c.weight
                    ) // weighted.c.total_weight
    floored = select(weighted.c.cost_id, weighted.c.amount, weighted.c.funder_id,
                     weighted.c.instrument_id, weighted.c.function_code, weighted.c.person_id,
                     weighted.c.rank, rounded_down.label("floor")).subquery("floored")
    share = case((floored.c.rank == 1, floored.c.amount - (
        func.sum(floored.c.floor).over(partition_by=floored.c.cost_id) - floored.c.floor)),
        else_=floored.c.floor)
    return select(floored.c.cost_id, floored.c.funder_id, floored.c.instrument_id,
                  floored.c.function_code, floored.c.person_id,
                  share.label("cents")).subquery("shares")


@dataclass
class FunderCosts:
    code: str
    label: str
    personnel_cents: int = 0
    by_instrument: dict[str, int] = field(default_factory=dict)


@dataclass
class ChargedCosts:
    start: date
    end: date
    by_funder: dict[str, FunderCosts] = field(default_factory=dict)
    unallocated_cents: int = 0

    @property
    def total_cents(self) -> int:
        return sum(funder.personnel_cents for funder in self.by_funder.values()) \
            + self.unallocated_cents


def charged_costs(start: date, end: date) -> ChargedCosts:
    """Personnel costs of the period per funder and instrument, and what no allocation
    covers (the period's costs less what was charged: shares add up to their cost)."""
    charged = shares(start, end)
    result = ChargedCosts(start, end)
    per_instrument = (select(charged.c.funder_id, charged.c.instrument_id,
                             func.sum(charged.c.cents).label("cents"))
                      .group_by(charged.c.funder_id, charged.c.instrument_id).subquery())
    rows = db.session.execute(
        select(Funder.code, Funder.short_name, Funder.name, Instrument.title,
               per_instrument.c.cents)
        .join(Funder, Funder.id == per_instrument.c.funder_id)
        .outerjoin(Instrument, Instrument.id == per_instrument.c.instrument_id)
        .order_by(Funder.code, Instrument.title))
    for code, short_name, name, instrument, cents in rows:
        funder = result.by_funder.setdefault(code, FunderCosts(code, short_name or name))
        funder.personnel_cents += int(cents or 0)
        key = instrument or "(sans instrument)"
        funder.by_instrument[key] = funder.by_instrument.get(key, 0) + int(cents or 0)
    every_cost = int(db.session.scalar(
        select(func.coalesce(func.sum(PersonnelCost.amount_cents), 0))
        .where(*_costs_of(start, end))) or 0)
    result.unallocated_cents = every_cost - sum(
        funder.personnel_cents for funder in result.by_funder.values())
    return result


def as_json(costs: ChargedCosts) -> dict:
    """The shape `tracker costs --format json` prints (euros, two decimals)."""
    return {
        "from": costs.start.isoformat(), "to": costs.end.isoformat(),
        "by_funder": {code: {"personnel": euros(funder.personnel_cents), "operating": 0.0,
                             "by_instrument": {title: euros(cents) for title, cents
                                               in funder.by_instrument.items()}}
                      for code, funder in costs.by_funder.items()},
        "unallocated": euros(costs.unallocated_cents),
        "total": euros(costs.total_cents),
    }


def charged_by(start: date, end: date, group: str) -> list[tuple[str, int]]:
    """(label, cents) per job function (`function`, what the board sees) or per person
    (`person`, for the director and the secretary only), largest first."""
    charged = shares(start, end)
    if group == "function":
        label, key = JobFunction.label, charged.c.function_code
        joined = (JobFunction, JobFunction.code == charged.c.function_code)
    else:
        label, key = Person.full_name, charged.c.person_id
        joined = (Person, Person.id == charged.c.person_id)
    total = func.sum(charged.c.cents)
    rows = db.session.execute(select(label, total).select_from(charged).join(*joined)
                              .group_by(key, label).order_by(total.desc(), label))
    return [(name, int(cents or 0)) for name, cents in rows]
