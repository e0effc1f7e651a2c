"""The invariants hold for every allocation, whatever the way in."""

from datetime import date
from decimal import Decimal

import pytest

from tests.factories import funder, make_allocation, make_person
from tracker.errors import ValidationError
from tracker.funders.services import save_instrument
from tracker.staffing.invariants import Span, first_overload


@pytest.mark.parametrize("fte", ["0", "-0.5", "1.01"])
def test_fte_must_be_above_zero_and_at_most_one(db, fte):
    with pytest.raises(ValidationError, match="supérieur à 0 et au plus 1"):
        make_allocation(make_person(f"ETP {fte}"), fte, "SPW", date(2014, 1, 1))


def test_end_before_start_is_refused(db):
    with pytest.raises(ValidationError, match="précède"):
        make_allocation(make_person("Dates"), 0.5, "SPW", date(2014, 5, 1), date(2014, 4, 30))


def test_nobody_exceeds_one_fte_and_the_message_names_person_days_and_total(db):
    person = make_person("Claire Surcharge")
    make_allocation(person, 0.7, "PSSP", date(2014, 1, 1), date(2014, 8, 31))
    make_allocation(person, 0.5, "PSSP", date(2014, 9, 1))  # fine: the periods follow each other
    with pytest.raises(ValidationError) as refused:
        make_allocation(person, 0.5, "SPW", date(2014, 6, 1), date(2014, 12, 31))
    message = refused.value.message
    assert "Claire Surcharge" in message
    assert "du 01/06/2014 au 31/08/2014" in message
    assert "1,2 ETP" in message


def test_allocation_outside_its_instrument_is_refused(db):
    instrument = save_instrument(
        None, funder_id=funder("AVIQ").id, kind="agrement", title="Promotion santé 2023-2028",
        start_date=date(2023, 1, 1), end_date=date(2028, 12, 31), status="en_cours")
    person = make_person("Hors Période")
    with pytest.raises(ValidationError, match="sort de la période"):
        make_allocation(person, 0.5, "AVIQ", date(2022, 12, 1), instrument_id=instrument.id)
    with pytest.raises(ValidationError, match="sort de la période"):
        make_allocation(person, 0.5, "AVIQ", date(2024, 1, 1), instrument_id=instrument.id)
    inside = make_allocation(person, 0.5, "AVIQ", date(2024, 1, 1), date(2028, 12, 31),
                             instrument_id=instrument.id)
    assert inside.instrument_id == instrument.id


def test_database_refuses_what_a_service_would_refuse(db):
    from sqlalchemy.exc import IntegrityError

    from tracker.staffing.models import Allocation

    person = make_person("Contrainte")
    savepoint = db.session.begin_nested()
    db.session.add(Allocation(person=person, function_code="psychologue", fte=Decimal("1.5"),
                              funder_id=funder("SPW").id, start_date=date(2014, 1, 1)))
    with pytest.raises(IntegrityError):
        db.session.flush()
    savepoint.rollback()


def test_first_overload_finds_open_ended_runs():
    spans = [Span(Decimal("0.6"), date(2014, 1, 1), None, "a"),
             Span(Decimal("0.6"), date(2014, 3, 1), None, "b")]
    assert first_overload(spans) == (date(2014, 3, 1), None, Decimal("1.2"), ["a", "b"])
    assert first_overload(spans[:1]) is None
