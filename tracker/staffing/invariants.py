"""The rules every allocation obeys, whether typed in a form or read from an import."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from tracker.errors import ValidationError
from tracker.formatting import format_date, format_fte, quoted
from tracker.funders.models import Instrument

ONE = Decimal("1")


@dataclass(frozen=True)
class Span:
    """The part of an allocation the overlap rule needs, with where it came from."""

    fte: Decimal
    start: date
    end: date | None
    source: str = ""  # e.g. "ligne 4", for error messages


def check_fte(fte: Decimal | None, field: str = "fte") -> None:
    if fte is None or not (Decimal(0) < fte <= ONE):
        raise ValidationError(field, "L'ETP doit être supérieur à 0 et au plus 1 (ex. 0,5).")


def check_dates(start: date | None, end: date | None) -> None:
    if start is None:
        raise ValidationError("start_date", "Indiquez la date de début.")
    if end is not None and end < start:
        raise ValidationError("end_date", "La date de fin précède la date de début.")


def check_within_instrument(instrument: Instrument | None, funder_id: int, start: date,
                            end: date | None) -> None:
    if instrument is None:
        return
    if instrument.funder_id != funder_id:
        raise ValidationError("instrument_id", "Cet instrument relève d'un autre financeur.")
    too_early = start < instrument.start_date
    too_late = instrument.end_date is not None and (end is None or end > instrument.end_date)
    if too_early or too_late:
        ends = format_date(instrument.end_date) if instrument.end_date else "sans fin"
        raise ValidationError(
            "instrument_id",
            f"L'affectation sort de la période de l'instrument {quoted(instrument.title)} "
            f"({format_date(instrument.start_date)} – {ends}).",
        )


def first_overload(spans: list[Span]) -> tuple[date, date | None, Decimal, list[str]] | None:
    """The first run of days on which the spans add up to more than 1 FTE, with the total
    (the highest in that run) and the sources involved; None if there is none."""
    changes: dict[date, Decimal] = {}
    for span in spans:
        changes[span.start] = changes.get(span.start, Decimal(0)) + span.fte
        if span.end is not None:
            after = span.end + timedelta(days=1)
            changes[after] = changes.get(after, Decimal(0)) - span.fte
    total = Decimal(0)
    run_start, peak = None, Decimal(0)
    for day in sorted(changes):
        total += changes[day]
        if total > ONE and run_start is None:
            run_start, peak = day, total
        elif total > ONE:
            peak = max(peak, total)
        elif run_start is not None:
            return run_start, day - timedelta(days=1), peak, _sources(spans, run_start)
    if run_start is not None:
        return run_start, None, peak, _sources(spans, run_start)
    return None


def _sources(spans: list[Span], day: date) -> list[str]:
    return [s.source for s in spans if s.start <= day and (s.end is None or s.end >= day)
            and s.source]


def overload_message(person_name: str, overload) -> str:
    start, end, total, sources = overload
    until = f"au {format_date(end)}" if end else "sans date de fin"
    where = f" ({', '.join(sources)})" if sources else ""
    return (f"{person_name} dépasserait 1 ETP du {format_date(start)} {until} : "
            f"{format_fte(total)} au total{where}.")


def check_no_overload(person_name: str, spans: list[Span]) -> None:
    overload = first_overload(spans)
    if overload:
        raise ValidationError("fte", overload_message(person_name, overload))
