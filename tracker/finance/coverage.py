"""Does each subsidy cover what it pays? Per instrument and financial year (a calendar year,
or a school year for an instrument whose year starts in September): the amount granted and
received, against the personnel and operating costs charged to it, and the surplus or
deficit."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from tracker.charts import StackedChart, stacked_bars
from tracker.extensions import db
from tracker.finance.charging import ChargedLine, charged_lines
from tracker.finance.models import Expense, ExpenseShare, Tranche
from tracker.finance.money import cents_of
from tracker.funders.models import Funder, Instrument, InstrumentAmount, financial_year


@dataclass
class Coverage:
    instrument_id: int
    funder: str
    instrument: str
    year_label: str
    granted: Decimal | None
    received: Decimal | None
    personnel_cents: int
    operating_cents: int
    funder_code: str = ""

    @property
    def charged_cents(self) -> int:
        return self.personnel_cents + self.operating_cents

    @property
    def charged(self) -> Decimal:
        return Decimal(self.charged_cents) / 100

    @property
    def balance(self) -> Decimal | None:
        """Granted less charged: positive, the grant covers what it pays; negative, a
        deficit."""
        return None if self.granted is None else self.granted - self.charged


def grant_figures(year: int, instrument_ids=None) -> dict[int, tuple[int | None, int | None]]:
    """(granted, received) in cents per instrument for the year: received is the sum of the
    tranches received when the year has tranches, else the amount recorded with the grant."""
    amounts = select(InstrumentAmount).where(InstrumentAmount.year == year)
    tranches = (select(Tranche.instrument_id, func.coalesce(func.sum(Tranche.received_cents), 0))
                .where(Tranche.year == year).group_by(Tranche.instrument_id))
    if instrument_ids is not None:
        amounts = amounts.where(InstrumentAmount.instrument_id.in_(instrument_ids))
        tranches = tranches.where(Tranche.instrument_id.in_(instrument_ids))
    received = {instrument_id: int(cents) for instrument_id, cents
                in db.session.execute(tranches)}
    figures: dict[int, tuple[int | None, int | None]] = {}
    for amount in db.session.scalars(amounts):
        figures[amount.instrument_id] = (
            None if amount.granted is None else cents_of(amount.granted),
            received.get(amount.instrument_id,
                         None if amount.received is None else cents_of(amount.received)))
    for instrument_id, cents in received.items():
        figures.setdefault(instrument_id, (None, cents))
    return figures


def operating_by_instrument(start: date, end: date) -> dict[int, int]:
    """Cents of operating expenses charged to each instrument over the period."""
    return {instrument_id: int(cents) for instrument_id, cents in db.session.execute(
        select(ExpenseShare.instrument_id, func.sum(ExpenseShare.cents))
        .join(Expense, Expense.id == ExpenseShare.expense_id)
        .where(Expense.spent_on.between(start, end)).group_by(ExpenseShare.instrument_id))}


def coverage_of_year(year: int, lines: list[ChargedLine] | None = None) -> list[Coverage]:
    """Every instrument with an amount for the year or a cost charged to it in its year
    `year`. `lines`: the calendar year's personnel shares, when the caller has them."""
    months = set(db.session.scalars(select(Instrument.year_start_month).distinct()))
    personnel: dict[int, int] = defaultdict(int)
    operating: dict[int, int] = {}
    for month in sorted(months):
        start, end = financial_year(year, month)
        period_lines = lines if (month == 1 and lines is not None) \
            else charged_lines(start, end)
        starting = set(db.session.scalars(select(Instrument.id).where(
            Instrument.year_start_month == month)))
        for line in period_lines:
            if line.instrument_id in starting:
                personnel[line.instrument_id] += line.cents
        operating.update({instrument_id: cents for instrument_id, cents
                          in operating_by_instrument(start, end).items()
                          if instrument_id in starting})
    figures = grant_figures(year)
    rows = []
    for instrument, funder in db.session.execute(
            select(Instrument, Funder).join(Funder, Funder.id == Instrument.funder_id)
            .where(Instrument.id.in_(set(personnel) | set(operating) | set(figures)))
            .order_by(Funder.code, Instrument.title)):
        granted, received = figures.get(instrument.id, (None, None))
        rows.append(Coverage(instrument.id, funder.label, instrument.title,
                             instrument.year_label(year),
                             None if granted is None else Decimal(granted).scaleb(-2),
                             None if received is None else Decimal(received).scaleb(-2),
                             personnel.get(instrument.id, 0), operating.get(instrument.id, 0),
                             funder.code))
    return rows


def coverage_chart(rows: list[Coverage]) -> StackedChart:
    """Two bars per instrument with a grant: granted, and charged (personnel and operating),
    in euros on one scale."""
    bars: dict[str, dict[str, float]] = {}
    for row in rows:
        if row.granted is None:
            continue
        name = f"{row.funder} {row.instrument}"
        name = name if len(name) <= 20 else name[:19] + "…"  # fits the chart's label column
        bars[f"{name} accordé"] = {"accorde": float(row.granted)}
        bars[f"{name} imputé"] = {"personnel": row.personnel_cents / 100,
                                    "fonctionnement": row.operating_cents / 100}
    return stacked_bars(bars, {"accorde": "Accordé", "personnel": "Personnel imputé",
                               "fonctionnement": "Fonctionnement imputé"}, unit="€", decimals=0)
