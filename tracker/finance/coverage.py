"""Does each subsidy cover the posts it pays? Per instrument and year: the amount granted (and
received), against the personnel cost charged to it, and the surplus or deficit."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from tracker.extensions import db
from tracker.finance.charging import shares
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


def coverage_of_year(year: int) -> list[Coverage]:
    """Every instrument with an amount for the year or a cost charged to it that year."""
    charged = shares(date(year, 1, 1), date(year, 12, 31))
    costs = dict(db.session.execute(
        select(charged.c.instrument_id, func.sum(charged.c.cents))
        .where(charged.c.instrument_id.is_not(None))
        .group_by(charged.c.instrument_id)).all())
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
