"""People, allocations and absences, always checked against the invariants."""

from datetime import date
from decimal import Decimal

from tracker.auth.services import get_user
from tracker.catalogue.services import get_function
from tracker.db import added_unless_taken
from tracker.errors import ValidationError
from tracker.extensions import db
from tracker.formatting import format_date
from tracker.funders.models import Funder, Instrument
from tracker.partnerships.models import Partner
from tracker.staffing.invariants import (
    Span,
    check_dates,
    check_fte,
    check_no_overload,
    check_within_instrument,
)
from tracker.staffing.models import Absence, Allocation, Person
from tracker.staffing.vocabulary import ABSENCE_KINDS


def list_people() -> list[Person]:
    return list(db.session.scalars(db.select(Person).order_by(Person.full_name)))


def find_person_by_name(full_name: str) -> Person | None:
    return db.session.scalar(db.select(Person).where(Person.full_name == full_name.strip()))


def save_person(person: Person | None, *, full_name: str, training: str = "") -> Person:
    full_name = " ".join((full_name or "").split())
    if not full_name:
        raise ValidationError("full_name", "Indiquez le nom de la personne.")
    other = find_person_by_name(full_name)
    if other is not None and other is not person:
        raise ValidationError("full_name", f"{full_name} figure déjà dans le personnel.")
    person = person or Person()
    person.full_name, person.training = full_name, (training or "").strip()
    db.session.add(person)
    db.session.flush()
    return person


def person_of_user(user_id: int) -> Person | None:
    """The member of staff a sign-in account belongs to, if the director linked them."""
    return db.session.scalar(db.select(Person).where(Person.user_id == user_id))


def link_account(person: Person, user_id: int | None) -> None:
    """Link (or unlink, with None) a sign-in account to this person: one person per account."""
    if user_id is not None:
        user = get_user(user_id)
        if user is None:
            raise ValidationError("user_id", "Compte inconnu.")
        other = person_of_user(user_id)
        if other is not None and other is not person:
            raise ValidationError(
                "user_id", f"Ce compte est déjà lié à {other.full_name} : déliez-le d'abord.")
    person.user_id = user_id
    db.session.flush()


def find_or_create_partner(name: str) -> Partner:
    name = " ".join(name.split())
    partner = db.session.scalar(db.select(Partner).where(Partner.name == name))
    if partner is None and not added_unless_taken(db.session, partner := Partner(name=name)):
        # another import created it at the same moment: that one
        partner = db.session.scalar(db.select(Partner).where(Partner.name == name))
    return partner


def spans_of(person: Person, excluding: Allocation | None = None) -> list[Span]:
    return [
        Span(allocation.fte, allocation.start_date, allocation.end_date,
             f"{allocation.funder.label} depuis le {format_date(allocation.start_date)}")
        for allocation in person.allocations
        if allocation is not excluding and allocation.id is not None
    ]


def save_allocation(allocation: Allocation | None, *, person: Person, function_code: str,
                    fte: Decimal, funder_id: int, start_date: date, end_date: date | None,
                    instrument_id: int | None = None, end_reason: str = "",
                    detached_to_id: int | None = None,
                    detachment_agreed_on: date | None = None,
                    detachment_reference: str = "",
                    site_id: int | None = None) -> Allocation:
    """Create or change an allocation; refused (ValidationError) if any invariant breaks."""
    check_fte(fte)
    check_dates(start_date, end_date)
    if get_function(function_code) is None:
        raise ValidationError("function_code", "Choisissez une fonction.")
    if db.session.get(Funder, funder_id) is None:
        raise ValidationError("funder_id", "Choisissez un financeur.")
    instrument = db.session.get(Instrument, instrument_id) if instrument_id else None
    check_within_instrument(instrument, funder_id, start_date, end_date)
    check_no_overload(person.full_name, [
        *spans_of(person, excluding=allocation), Span(fte, start_date, end_date, "cette saisie")])
    allocation = allocation or Allocation(person=person)
    allocation.function_code, allocation.fte, allocation.funder_id = function_code, fte, funder_id
    allocation.start_date, allocation.end_date = start_date, end_date
    allocation.instrument_id, allocation.detached_to_id = instrument_id, detached_to_id
    allocation.end_reason = (end_reason or "").strip()
    allocation.site_id = site_id
    allocation.detachment_agreed_on = detachment_agreed_on if detached_to_id else None
    allocation.detachment_reference = (detachment_reference or "").strip() \
        if detached_to_id else ""
    db.session.add(allocation)
    db.session.flush()
    return allocation


def delete_allocation(allocation: Allocation) -> None:
    db.session.delete(allocation)
    db.session.flush()


def save_absence(absence: Absence | None, *, person: Person, kind: str, start_date: date,
                 end_date: date | None, fte: Decimal,
                 replacement_id: int | None = None) -> Absence:
    if kind not in ABSENCE_KINDS:
        raise ValidationError("kind", "Choisissez le motif de l'absence.")
    check_fte(fte)
    check_dates(start_date, end_date)
    if replacement_id == person.id:
        raise ValidationError("replacement_id", "Une personne ne se remplace pas elle-même.")
    absence = absence or Absence(person=person)
    absence.kind, absence.start_date, absence.end_date = kind, start_date, end_date
    absence.fte, absence.replacement_id = fte, replacement_id
    db.session.add(absence)
    db.session.flush()
    return absence


def delete_absence(absence: Absence) -> None:
    db.session.delete(absence)
    db.session.flush()
