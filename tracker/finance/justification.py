"""The justification of one instrument-year: every line charged to it (person-month costs
through the allocations, shares of operating expenses), where each stands with the funder
(à justifier, introduit, accepté, refusé), and the balance: what is still to receive, or what
is at risk of repayment. The décompte introduced closes the year."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select

from tracker.catalogue.models import JobFunction
from tracker.errors import ValidationError
from tracker.extensions import db
from tracker.finance.charging import shares
from tracker.finance.closures import closure_of, ensure_open
from tracker.finance.coverage import grant_figures
from tracker.finance.models import (
    COST_KINDS,
    JUSTIFICATION_STATUSES,
    Closure,
    Expense,
    ExpenseCategory,
    ExpenseShare,
    PersonnelCost,
    PersonnelJustification,
    expense_reference,
)
from tracker.funders.models import Instrument
from tracker.privacy import amounts_for_the_board
from tracker.staffing.models import Person

# what the funder decides after the décompte is introduced: still recorded on a closed year
DECISIONS = frozenset({"accepte", "refuse"})


@dataclass
class Line:
    """One charged line: a person-month cost (`personnel`, keyed by the cost) or an
    expense's share (`fonctionnement`, keyed by the share)."""

    kind: str
    key: int
    day: date
    label: str  # the person, or the supplier
    detail: str  # the cost's type, or the description
    group: str  # the function, or the category
    cents: int
    status: str
    reason: str = ""
    reference: str = ""  # the receipt's reference (an expense)
    receipt_name: str = ""
    receipt_stored: str = ""
    expense_id: int | None = None
    expense_cents: int = 0  # the whole expense, of which `cents` is charged here

    @property
    def status_label(self) -> str:
        return JUSTIFICATION_STATUSES[self.status]


@dataclass
class Justification:
    instrument: Instrument
    year: int
    start: date
    end: date
    granted_cents: int | None
    received_cents: int | None
    personnel: list[Line]
    operating: list[Line]
    personnel_by_function: dict[str, int]
    closure: Closure | None
    by_status: dict[str, int] = field(default_factory=dict)
    persons_by_function: dict[str, frozenset] = field(default_factory=dict)

    @property
    def personnel_by_function_for_the_board(self) -> dict[str, int]:
        """Functions held by fewer than three persons merged (tracker/privacy.py)."""
        return amounts_for_the_board(self.personnel_by_function, self.persons_by_function)

    def __post_init__(self) -> None:
        self.by_status = {status: 0 for status in JUSTIFICATION_STATUSES}
        for line in self.personnel + self.operating:
            self.by_status[line.status] += line.cents

    @property
    def label(self) -> str:
        return self.instrument.year_label(self.year)

    @property
    def personnel_cents(self) -> int:
        return sum(line.cents for line in self.personnel)

    @property
    def operating_cents(self) -> int:
        return sum(line.cents for line in self.operating)

    @property
    def charged_cents(self) -> int:
        return self.personnel_cents + self.operating_cents

    @property
    def operating_by_category(self) -> dict[str, int]:
        totals: dict[str, int] = defaultdict(int)
        for line in self.operating:
            totals[line.group] += line.cents
        return dict(sorted(totals.items(), key=lambda item: (-item[1], item[0])))

    @property
    def defensible_cents(self) -> int:
        """What can still justify the grant: everything charged but what was refused, within
        the amount granted."""
        kept = self.charged_cents - self.by_status["refuse"]
        return kept if self.granted_cents is None else min(kept, self.granted_cents)

    @property
    def balance_cents(self) -> int | None:
        """Positive: still to receive; negative: received and not covered by lines that
        still stand (at risk of repayment). None when neither a grant nor a payment is
        recorded (an employment aid paid per post)."""
        if self.granted_cents is None and self.received_cents is None:
            return None
        return self.defensible_cents - (self.received_cents or 0)

    @property
    def covered_share(self) -> float | None:
        """The share of the grant covered by lines not refused."""
        if not self.granted_cents:
            return None
        return (self.charged_cents - self.by_status["refuse"]) / self.granted_cents

    @property
    def changed_since_closure(self) -> bool:
        return self.closure is not None and self.closure.charged_cents != self.charged_cents


def personnel_lines(instrument: Instrument, start: date, end: date
                    ) -> tuple[list[Line], dict[str, int], dict[str, frozenset]]:
    """The person-month costs charged to the instrument over its year, with their status,
    their totals per function, and the persons each function's total covers."""
    charged = shares(start, end, instrument.id)
    labels = dict(db.session.execute(select(JobFunction.code, JobFunction.label)).all())
    per_cost: dict[int, int] = defaultdict(int)
    by_function: dict[str, int] = defaultdict(int)
    functions: dict[int, str] = {}
    cost_functions: list[tuple[int, str]] = []
    for cost_id, function_code, cents in db.session.execute(
            select(charged.c.cost_id, charged.c.function_code, func.sum(charged.c.cents))
            .where(charged.c.instrument_id == instrument.id)
            .group_by(charged.c.cost_id, charged.c.function_code)):
        per_cost[cost_id] += int(cents or 0)
        by_function[labels.get(function_code, function_code)] += int(cents or 0)
        functions.setdefault(cost_id, labels.get(function_code, function_code))
        cost_functions.append((cost_id, labels.get(function_code, function_code)))
    lines, person_of = [], {}
    if per_cost:
        details = db.session.execute(
            select(PersonnelCost.id, PersonnelCost.month, PersonnelCost.kind, Person.full_name,
                   PersonnelJustification.status, PersonnelJustification.reason)
            .join(Person, Person.id == PersonnelCost.person_id)
            .outerjoin(PersonnelJustification,
                       (PersonnelJustification.cost_id == PersonnelCost.id)
                       & (PersonnelJustification.instrument_id == instrument.id))
            .where(PersonnelCost.id.in_(list(per_cost))))
        for cost_id, month, kind, name, status, reason in details:
            person_of[cost_id] = name
            lines.append(Line("personnel", cost_id, month, name, COST_KINDS.get(kind, kind),
                              functions[cost_id], per_cost[cost_id], status or "a_justifier",
                              reason or ""))
    lines.sort(key=lambda line: (line.label, line.day, line.detail))
    persons: dict[str, set[str]] = defaultdict(set)
    for cost_id, label in cost_functions:
        persons[label].add(person_of[cost_id])
    return (lines, dict(sorted(by_function.items(), key=lambda item: (-item[1], item[0]))),
            {label: frozenset(names) for label, names in persons.items()})


def operating_lines(instrument: Instrument, start: date, end: date) -> list[Line]:
    rows = db.session.execute(
        select(ExpenseShare.id, ExpenseShare.cents, ExpenseShare.status, ExpenseShare.reason,
               Expense.id, Expense.spent_on, Expense.supplier, Expense.description,
               Expense.amount_cents, Expense.receipt_stored, Expense.receipt_name,
               ExpenseCategory.label)
        .join(Expense, Expense.id == ExpenseShare.expense_id)
        .join(ExpenseCategory, ExpenseCategory.code == Expense.category_code)
        .where(ExpenseShare.instrument_id == instrument.id,
               Expense.spent_on.between(start, end))
        .order_by(Expense.spent_on, Expense.id))
    return [Line("fonctionnement", share_id, spent_on, supplier, description, category,
                 cents, status, reason, expense_reference(expense_id, spent_on),
                 receipt_name if stored else "", stored or "", expense_id, amount)
            for (share_id, cents, status, reason, expense_id, spent_on, supplier, description,
                 amount, stored, receipt_name, category) in rows]


def justification_of(instrument: Instrument, year: int) -> Justification:
    start, end = instrument.year_period(year)
    personnel, by_function, persons = personnel_lines(instrument, start, end)
    granted, received = grant_figures(year, [instrument.id]).get(instrument.id, (None, None))
    return Justification(instrument, year, start, end, granted, received, personnel,
                         operating_lines(instrument, start, end), by_function,
                         closure_of(instrument.id, year), persons_by_function=persons)


def mark_lines(instrument: Instrument, year: int, *, cost_ids: list[int],
               share_ids: list[int], status: str, reason: str = "") -> int:
    """Set the status of many lines of the instrument-year at once; returns how many. A
    refusal needs the funder's reason. On a closed year only the funder's decisions
    (accepté, refusé) are recorded; anything else needs the year reopened."""
    if status not in JUSTIFICATION_STATUSES:
        raise ValidationError("status", "Choisissez un statut de la liste.")
    reason = " ".join((reason or "").split())[:300]
    if status == "refuse" and not reason:
        raise ValidationError("reason", "Indiquez le motif du refus donné par le financeur.")
    if status != "refuse":
        reason = ""
    if not cost_ids and not share_ids:
        raise ValidationError(None, "Cochez au moins une ligne.")
    if status not in DECISIONS:
        ensure_open(instrument, year)
    start, end = instrument.year_period(year)
    charged = shares(start, end, instrument.id)
    known_costs = set(db.session.scalars(
        select(charged.c.cost_id).where(charged.c.instrument_id == instrument.id,
                                        charged.c.cost_id.in_(cost_ids)).distinct()))
    existing = {row.cost_id: row for row in db.session.scalars(
        select(PersonnelJustification).where(
            PersonnelJustification.instrument_id == instrument.id,
            PersonnelJustification.cost_id.in_(known_costs)))}
    for cost_id in sorted(known_costs):
        row = existing.get(cost_id) or PersonnelJustification(cost_id=cost_id,
                                                              instrument_id=instrument.id)
        row.status, row.reason = status, reason
        db.session.add(row)
    marked = list(db.session.scalars(
        select(ExpenseShare).join(Expense, Expense.id == ExpenseShare.expense_id)
        .where(ExpenseShare.id.in_(share_ids), ExpenseShare.instrument_id == instrument.id,
               Expense.spent_on.between(start, end))))
    for share in marked:
        share.status, share.reason = status, reason
    if not known_costs and not marked:
        raise ValidationError(None, "Aucune des lignes cochées n'est imputée à ce décompte.")
    db.session.flush()
    return len(known_costs) + len(marked)


def close_year(instrument: Instrument, year: int, introduced_on: date | None) -> Closure:
    """The décompte is introduced: its lines still « à justifier » become « introduit », and
    the year is closed with the total introduced."""
    if introduced_on is None:
        raise ValidationError("introduced_on", "Indiquez la date d'introduction du décompte.")
    ensure_open(instrument, year)
    report = justification_of(instrument, year)
    if not report.charged_cents:
        raise ValidationError(None, "Rien n'est imputé à ce décompte : il n'y a rien à "
                                    "introduire.")
    waiting = [line for line in report.personnel + report.operating
               if line.status == "a_justifier"]
    if waiting:
        mark_lines(instrument, year, status="introduit",
                   cost_ids=[line.key for line in waiting if line.kind == "personnel"],
                   share_ids=[line.key for line in waiting if line.kind != "personnel"])
    closure = Closure(instrument_id=instrument.id, year=year, introduced_on=introduced_on,
                      charged_cents=report.charged_cents)
    db.session.add(closure)
    db.session.flush()
    return closure


def reopen_year(instrument: Instrument, year: int) -> None:
    closure = closure_of(instrument.id, year)
    if closure is None:
        raise ValidationError(None, "Ce décompte n'est pas introduit.")
    db.session.delete(closure)
    db.session.flush()


def instrument_years(instrument: Instrument, today: date) -> list[int]:
    """The financial years an instrument has run, latest first (at most twelve; its first
    year when it has not started yet)."""
    last = instrument.year_of(min(today, instrument.end_date or today))
    first = max(instrument.year_of(instrument.start_date), last - 11)
    return list(range(last, first - 1, -1)) or [first]
