"""Tranches of a grant: expected, then received; one still awaited 30 days after its date is
shown on the dashboard and in the reminder digest."""

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from tracker.errors import ValidationError
from tracker.extensions import db
from tracker.finance.models import Tranche
from tracker.finance.money import cents_of
from tracker.funders.models import Instrument

GRACE = timedelta(days=30)


def _cents(amount: Decimal | None, field: str) -> int:
    if amount is None or amount < 0 or amount >= 10**8:
        raise ValidationError(field, "Indiquez un montant en euros (ex. 12.000,00).")
    try:
        return cents_of(amount)
    except ValueError as problem:
        raise ValidationError(field, "Deux décimales au plus.") from problem


def tranches_of_year(year: int) -> list[Tranche]:
    return list(db.session.scalars(
        select(Tranche).where(Tranche.year == year).options(joinedload(Tranche.instrument))
        .order_by(Tranche.expected_on, Tranche.id)))


def add_tranche(*, instrument_id: int | None, year: int | None, label: str,
                expected_on: date | None, expected_amount: Decimal | None) -> Tranche:
    if instrument_id is None or db.session.get(Instrument, instrument_id) is None:
        raise ValidationError("instrument_id", "Choisissez l'instrument.")
    if year is None or not 2000 <= year <= 2100:
        raise ValidationError("year", "Indiquez l'année du subside (ex. 2025).")
    label = " ".join((label or "").split())
    if not label:
        raise ValidationError("label", "Nommez la tranche (ex. avance, solde).")
    if expected_on is None:
        raise ValidationError("expected_on", "Indiquez la date attendue.")
    tranche = Tranche(instrument_id=instrument_id, year=year, label=label[:100],
                      expected_on=expected_on,
                      expected_cents=_cents(expected_amount, "expected_amount"))
    db.session.add(tranche)
    db.session.flush()
    return tranche


def mark_received(tranche: Tranche, received_on: date | None,
                  amount: Decimal | None) -> Tranche:
    if received_on is None:
        raise ValidationError("received_on", "Indiquez la date de réception.")
    if received_on > date.today() + timedelta(days=1):
        raise ValidationError("received_on", "La date de réception est dans le futur.")
    tranche.received_on = received_on
    tranche.received_cents = _cents(amount, "received_amount") if amount is not None \
        else tranche.expected_cents
    db.session.flush()
    return tranche


def late_tranches(today: date) -> list[Tranche]:
    """Expected more than 30 days ago and still not received."""
    return list(db.session.scalars(
        select(Tranche).where(Tranche.received_on.is_(None),
                              Tranche.expected_on < today - GRACE)
        .options(joinedload(Tranche.instrument)).order_by(Tranche.expected_on)))
