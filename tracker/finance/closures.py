"""A décompte introduced closes its instrument-year: what it holds (statuses, expenses charged
to it) cannot change until the year is reopened, which the audit trail records."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from tracker.errors import ValidationError
from tracker.extensions import db
from tracker.finance.models import Closure
from tracker.funders.models import Instrument
from tracker.periods import overlaps
from tracker.staffing.models import Allocation


def closure_of(instrument_id: int, year: int) -> Closure | None:
    return db.session.scalar(select(Closure).where(Closure.instrument_id == instrument_id,
                                                   Closure.year == year))


def ensure_open(instrument: Instrument, year: int) -> None:
    """A French error (on the whole form) when the instrument-year's décompte has been
    introduced."""
    closure = closure_of(instrument.id, year)
    if closure is not None:
        raise ValidationError(
            None, f"Le décompte {instrument.title} {instrument.year_label(year)} a été introduit "
            f"le {closure.introduced_on:%d/%m/%Y} : rouvrez-le (page Justification) avant "
            "de le modifier.")


@dataclass(frozen=True)
class ClosedStretch:
    """Days of a person's allocation charged to an instrument-year already introduced."""

    person_id: int
    start: date
    end: date
    decompte: str  # « Agrément … 2025 »


def closed_stretches(person_ids: set[int]) -> list[ClosedStretch]:
    """Where these people's costs feed a décompte already introduced: a cost of those months
    would change it."""
    closures = db.session.execute(select(Closure, Instrument).join(
        Instrument, Instrument.id == Closure.instrument_id)).all()
    stretches = []
    for closure, instrument in closures:
        start, end = instrument.year_period(closure.year)
        for allocation in db.session.scalars(select(Allocation).where(
                Allocation.instrument_id == instrument.id, Allocation.person_id.in_(person_ids),
                overlaps(Allocation, start, end))):
            stretches.append(ClosedStretch(
                allocation.person_id, max(start, allocation.start_date),
                min(end, allocation.end_date or end),
                f"{instrument.title} {instrument.year_label(closure.year)}"))
    return stretches
