"""A dossier's dated events: an orientation (to a function of the team, or to a kind of
service outside) or a hospitalisation, recorded on its page."""

from datetime import date

from sqlalchemy import select

from tracker.activities.models import Dimension, DimensionValue
from tracker.catalogue.models import JobFunction
from tracker.dossiers.models import EVENT_KINDS, DossierEvent
from tracker.errors import ValidationError
from tracker.extensions import db

DESTINATION = "destination"


def destinations() -> list[DimensionValue]:
    dimension = db.session.get(Dimension, DESTINATION)
    return [value for value in dimension.values if value.active] if dimension else []


def functions() -> list[JobFunction]:
    return list(db.session.scalars(select(JobFunction).where(JobFunction.active)
                                   .order_by(JobFunction.position)))


def add_event(dossier, day: date, kind: str, destination_id: int | None,
              function_code: str | None, today: date) -> DossierEvent:
    if day is None or day > today:
        raise ValidationError("day", "Indiquez une date qui n'est pas dans le futur.")
    if kind not in EVENT_KINDS:
        raise ValidationError("kind", "Choisissez orientation interne, orientation externe ou "
                                      "hospitalisation.")
    event = DossierEvent(dossier=dossier, day=day, kind=kind)
    db.session.add(event)
    if kind == "orientation_externe":
        destination = db.session.get(DimensionValue, destination_id) if destination_id else None
        if destination is None or destination.dimension_code != DESTINATION:
            raise ValidationError("destination_id", "Choisissez vers quel service.")
        event.destination = destination
    if kind == "orientation_interne":
        function = db.session.get(JobFunction, function_code) if function_code else None
        if function is None:
            raise ValidationError("function_code", "Choisissez vers quelle fonction de "
                                                   "l'équipe.")
        event.function = function
    db.session.flush()
    return event
