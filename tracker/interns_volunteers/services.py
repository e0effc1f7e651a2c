"""Recording interns and volunteers, and what a period holds of them (hours shared out by day
when a placement runs across two reporting years)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tracker.errors import ValidationError
from tracker.extensions import db
from tracker.interns_volunteers.models import Intern, Volunteer
from tracker.periods import overlaps
from tracker.staffing.models import Person

MAX_HOURS = 10_000


def list_interns() -> list[Intern]:
    return list(db.session.scalars(db.select(Intern).order_by(Intern.start_date.desc(),
                                                              Intern.full_name)))


def list_volunteers() -> list[Volunteer]:
    return list(db.session.scalars(db.select(Volunteer).order_by(Volunteer.start_date.desc(),
                                                                 Volunteer.full_name)))


def _check_common(full_name: str, start_date: date | None, end_date: date | None,
                  hours: int | None) -> str:
    full_name = " ".join((full_name or "").split())
    if not full_name:
        raise ValidationError("full_name", "Indiquez le nom.")
    if start_date is None:
        raise ValidationError("start_date", "Indiquez la date de début.")
    if end_date is None:
        raise ValidationError("end_date", "Indiquez la date de fin (une fiche par période : "
                                          "une nouvelle fiche pour l'année suivante).")
    if end_date < start_date:
        raise ValidationError("end_date", "La date de fin précède la date de début.")
    if hours is None or not 0 <= hours <= MAX_HOURS:
        raise ValidationError("hours", f"Indiquez les heures prestées (0 à {MAX_HOURS}).")
    return full_name


def save_intern(intern: Intern | None, *, full_name: str, school: str, field: str,
                start_date: date | None, end_date: date | None, hours: int | None,
                supervisor_id: int | None) -> Intern:
    full_name = _check_common(full_name, start_date, end_date, hours)
    if supervisor_id is not None and db.session.get(Person, supervisor_id) is None:
        raise ValidationError("supervisor_id", "Maître de stage inconnu.")
    intern = intern or Intern()
    intern.full_name, intern.school, intern.field = full_name, school.strip(), field.strip()
    intern.start_date, intern.end_date, intern.hours = start_date, end_date, hours
    intern.supervisor_id = supervisor_id
    db.session.add(intern)
    db.session.flush()
    return intern


def save_volunteer(volunteer: Volunteer | None, *, full_name: str, mission: str,
                   start_date: date | None, end_date: date | None, hours: int | None,
                   hourly_value: Decimal | None) -> Volunteer:
    full_name = _check_common(full_name, start_date, end_date, hours)
    if hourly_value is not None and not 0 <= hourly_value < 1000:
        raise ValidationError("hourly_value", "La valorisation horaire va de 0 à 999,99 €.")
    volunteer = volunteer or Volunteer()
    volunteer.full_name, volunteer.mission = full_name, mission.strip()
    volunteer.start_date, volunteer.end_date, volunteer.hours = start_date, end_date, hours
    volunteer.hourly_value = hourly_value
    db.session.add(volunteer)
    db.session.flush()
    return volunteer


def delete_record(record: Intern | Volunteer) -> None:
    db.session.delete(record)
    db.session.flush()


@dataclass
class Presence:
    """A placement or volunteer period as a reporting period holds it."""

    record: Intern | Volunteer
    hours: float  # the share of its hours that falls within the period

    @property
    def value(self) -> Decimal | None:
        rate = getattr(self.record, "hourly_value", None)
        return None if rate is None else (rate * Decimal(str(self.hours))).quantize(
            Decimal("0.01"))


def present_during(model: type[Intern] | type[Volunteer], start: date,
                   end: date) -> list[Presence]:
    """Everyone present during the period, each with the hours of the days within it (a
    placement from 01/10 to 31/03 counts its hours by day in each year)."""
    records = db.session.scalars(db.select(model).where(overlaps(model, start, end))
                                 .order_by(model.start_date, model.full_name))
    presences = []
    for record in records:
        days = (record.end_date - record.start_date).days + 1
        within = (min(record.end_date, end) - max(record.start_date, start)).days + 1
        presences.append(Presence(record, round(record.hours * within / days, 1)))
    return presences
