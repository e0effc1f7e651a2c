"""Each person-month cost charged to the allocations active that month, weighted by FTE ×
days covered (« SPW 0,5 ETP jusqu'au 10/11 puis PSSP 1 ETP à partir du 12/11 » splits November
5 : 19), in SQL and in whole cents: every share is rounded down and the last allocation of the
month takes the remaining cents, so the shares of a cost add up to it exactly. A month with a
cost and no allocation is « non ventilé », never dropped."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import BigInteger, Integer, and_, case, cast, func, select

from tracker.catalogue.models import JobFunction
from tracker.extensions import db
from tracker.figure_cache import kept
from tracker.finance.models import Expense, ExpenseShare, PersonnelCost
from tracker.finance.money import euros
from tracker.funders.models import Funder, Instrument
from tracker.periods import overlaps
from tracker.privacy import amounts_for_the_board
from tracker.sql import day_number, greatest, least
from tracker.staffing.models import Allocation, Person

FTE_UNITS = 1000  # FTE are stored with three decimals: weights are whole thousandths × days


def _costs_of(start: date, end: date):
    """The cost rows of the months that start within the period."""
    return (PersonnelCost.month >= start.replace(day=1), PersonnelCost.month <= end)


def shares(start: date, end: date, instrument_id: int | None = None):
    """One row per (cost, allocation): the cents of that cost charged to that allocation, with
    the allocation, its funder, instrument, function and person. With `instrument_id`, only
    the costs of the people that instrument pays over the period (each still split over all
    of that person's allocations of the month)."""
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
    )
    if instrument_id is not None:
        weighted = weighted.where(PersonnelCost.person_id.in_(
            select(Allocation.person_id).where(Allocation.instrument_id == instrument_id,
                                               overlaps(Allocation, start.replace(day=1), end))))
    weighted = weighted.subquery("weighted")
    # in 64 bits: a month's cents × FTE thousandths × days exceeds a 32-bit integer
    rounded_down = (cast(weighted.c.amount, BigInteger) * weighted.c.weight
                    ) // weighted.c.total_weight
    floored = select(weighted.c.cost_id, weighted.c.amount, weighted.c.allocation_id,
                     weighted.c.funder_id,
                     weighted.c.instrument_id, weighted.c.function_code, weighted.c.person_id,
                     weighted.c.rank, rounded_down.label("floor")).subquery("floored")
    share = case((floored.c.rank == 1, floored.c.amount - (
        func.sum(floored.c.floor).over(partition_by=floored.c.cost_id) - floored.c.floor)),
        else_=floored.c.floor)
    return select(floored.c.cost_id, floored.c.allocation_id, floored.c.funder_id,
                  floored.c.instrument_id, floored.c.function_code, floored.c.person_id,
                  share.label("cents")).subquery("shares")


@dataclass(frozen=True)
class ChargedLine:
    """The cents of the period charged to one funder, instrument, function and person: every
    view of the costs (per funder, instrument, function, person) adds these lines up."""

    funder_id: int
    instrument_id: int | None
    function_code: str
    person_id: int
    cents: int


def charged_lines(start: date, end: date) -> list[ChargedLine]:
    """One GROUP BY over the period's shares, computed once while no cost, allocation or
    person of the period (or before) changes (tracker/figure_cache.py); a page that shows
    the costs several ways reads them once."""
    return kept(("charged_lines", start, end), end.year, lambda: _charged_lines(start, end))


def _charged_lines(start: date, end: date) -> list[ChargedLine]:
    charged = shares(start, end)
    keys = (charged.c.funder_id, charged.c.instrument_id, charged.c.function_code,
            charged.c.person_id)
    return [ChargedLine(*row[:-1], int(row[-1] or 0)) for row in db.session.execute(
        select(*keys, func.sum(charged.c.cents)).group_by(*keys))]


@dataclass
class FunderCosts:
    code: str
    label: str
    personnel_cents: int = 0
    operating_cents: int = 0
    by_instrument: dict[str, int] = field(default_factory=dict)  # personnel
    operating_by_instrument: dict[str, int] = field(default_factory=dict)
    persons: set[int] = field(default_factory=set)  # whose pay its personnel cents are


@dataclass
class ChargedCosts:
    start: date
    end: date
    by_funder: dict[str, FunderCosts] = field(default_factory=dict)
    unallocated_cents: int = 0  # personnel costs of months without an allocation
    operating_unallocated_cents: int = 0  # the parts of expenses charged to no instrument

    @property
    def total_cents(self) -> int:
        return sum(funder.personnel_cents + funder.operating_cents
                   for funder in self.by_funder.values()) \
            + self.unallocated_cents + self.operating_unallocated_cents


def charged_costs(start: date, end: date,
                  lines: list[ChargedLine] | None = None) -> ChargedCosts:
    """Personnel and operating costs of the period per funder and instrument, and what no
    allocation or instrument covers (the period's costs less what was charged: shares add up
    to their cost)."""
    lines = charged_lines(start, end) if lines is None else lines
    personnel: dict[tuple[int, int | None], int] = defaultdict(int)
    persons: dict[int, set[int]] = defaultdict(set)
    for line in lines:
        personnel[(line.funder_id, line.instrument_id)] += line.cents
        persons[line.funder_id].add(line.person_id)
    operating = {(funder_id, instrument_id): int(cents)
                 for funder_id, instrument_id, cents in db.session.execute(
                     select(Instrument.funder_id, ExpenseShare.instrument_id,
                            func.sum(ExpenseShare.cents))
                     .join(Expense, Expense.id == ExpenseShare.expense_id)
                     .join(Instrument, Instrument.id == ExpenseShare.instrument_id)
                     .where(Expense.spent_on.between(start, end))
                     .group_by(Instrument.funder_id, ExpenseShare.instrument_id))}
    keys = set(personnel) | set(operating)
    funders = {funder.id: funder for funder in db.session.scalars(
        select(Funder).where(Funder.id.in_({funder for funder, _ in keys})))}
    titles = dict(db.session.execute(select(Instrument.id, Instrument.title).where(
        Instrument.id.in_({instrument for _, instrument in keys if instrument}))).all())
    result = ChargedCosts(start, end)
    for funder_id, instrument_id in sorted(keys, key=lambda key: (
            funders[key[0]].code, titles.get(key[1], ""))):
        funder = funders[funder_id]
        costs = result.by_funder.setdefault(funder.code, FunderCosts(
            funder.code, funder.label, persons=persons.get(funder_id, set())))
        title = titles.get(instrument_id) or "(sans instrument)"
        if (funder_id, instrument_id) in personnel:
            cents = personnel[(funder_id, instrument_id)]
            costs.personnel_cents += cents
            costs.by_instrument[title] = costs.by_instrument.get(title, 0) + cents
        if (funder_id, instrument_id) in operating:
            cents = operating[(funder_id, instrument_id)]
            costs.operating_cents += cents
            costs.operating_by_instrument[title] = cents
    every_cost = int(db.session.scalar(
        select(func.coalesce(func.sum(PersonnelCost.amount_cents), 0))
        .where(*_costs_of(start, end))) or 0)
    result.unallocated_cents = every_cost - sum(
        funder.personnel_cents for funder in result.by_funder.values())
    every_expense = int(db.session.scalar(
        select(func.coalesce(func.sum(Expense.amount_cents), 0))
        .where(Expense.spent_on.between(start, end))) or 0)
    result.operating_unallocated_cents = every_expense - sum(operating.values())
    return result


def as_json(costs: ChargedCosts) -> dict:
    """The shape `tracker costs --format json` prints (euros, two decimals)."""
    return {
        "from": costs.start.isoformat(), "to": costs.end.isoformat(),
        "by_funder": {code: {"personnel": euros(funder.personnel_cents),
                             "operating": euros(funder.operating_cents),
                             "by_instrument": {title: euros(cents) for title, cents
                                               in funder.by_instrument.items()},
                             "operating_by_instrument": {
                                 title: euros(cents) for title, cents
                                 in funder.operating_by_instrument.items()}}
                      for code, funder in costs.by_funder.items()},
        "unallocated": euros(costs.unallocated_cents),
        "operating_unallocated": euros(costs.operating_unallocated_cents),
        "total": euros(costs.total_cents),
    }


def charged_by(start: date, end: date, group: str,
               lines: list[ChargedLine] | None = None,
               board: bool = False) -> list[tuple[str, int]]:
    """(label, cents) per job function (`function`) or per person (`person`, for the
    director and the secretary only), largest first; for the `board`, functions held by
    fewer than three persons are merged (tracker/privacy.py)."""
    lines = charged_lines(start, end) if lines is None else lines
    totals: dict[str, int] = defaultdict(int)
    if group == "function":
        labels = dict(db.session.execute(select(JobFunction.code, JobFunction.label)).all())
        persons: dict[str, set[int]] = defaultdict(set)
        for line in lines:
            totals[labels[line.function_code]] += line.cents
            persons[labels[line.function_code]].add(line.person_id)
        if board:
            totals = amounts_for_the_board(totals, persons)
    else:
        names = dict(db.session.execute(select(Person.id, Person.full_name).where(
            Person.id.in_({line.person_id for line in lines}))).all())
        for line in lines:
            totals[names[line.person_id]] += line.cents
    return sorted(totals.items(), key=lambda item: (-item[1], item[0]))
