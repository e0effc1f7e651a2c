"""Does each subsidy cover the posts it pays? Per instrument and year: the amount granted (and
received), against the personnel cost charged to it, and the surplus or deficit."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from tracker.extensions import db
from tracker.finance.charging import ChargedLine, charged_lines
from tracker.funders.models import Funder, Instrument, InstrumentAmount


@dataclass
class Coverage:
    funder: str
    instrument: str
    granted: Decimal | None
    received: Decimal | None
    charged_cents: int

    @property
    def charged(self) -> Decimal:
        return Decimal(self.charged_cents) / 100

    @property
    def balance(self) -> Decimal | None:
        """Granted less charged: positive, the grant covers its posts; negative, a deficit."""
        return None if self.granted is None else self.granted - self.charged


def coverage_of_year(year: int, lines: list[ChargedLine] | None = None) -> list[Coverage]:
    """Every instrument with an amount for the year or a cost charged to it that year."""
    if lines is None:
        lines = charged_lines(date(year, 1, 1), date(year, 12, 31))
    costs: dict[int, int] = defaultdict(int)
    for line in lines:
        if line.instrument_id is not None:
            costs[line.instrument_id] += line.cents
    amounts = {amount.instrument_id: amount for amount in db.session.scalars(
        select(InstrumentAmount).where(InstrumentAmount.year == year))}
    instruments = db.session.execute(
        select(Instrument, Funder).join(Funder, Funder.id == Instrument.funder_id)
        .where(Instrument.id.in_(set(costs) | set(amounts)))
        .order_by(Funder.code, Instrument.title))
    rows = []
    for instrument, funder in instruments:
        amount = amounts.get(instrument.id)
        rows.append(Coverage(funder.label, instrument.title,
                             amount.granted if amount else None,
                             amount.received if amount else None,
                             int(costs.get(instrument.id) or 0)))
    return rows
