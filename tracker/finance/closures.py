"""A décompte introduced closes its instrument-year: what it holds (statuses, expenses charged
to it) cannot change until the year is reopened, which the audit trail records."""

from sqlalchemy import select

from tracker.errors import ValidationError
from tracker.extensions import db
from tracker.finance.models import Closure
from tracker.funders.models import Instrument


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
