"""Finding a dossier by its code, who may open it, and what its page shows: its attributes
with their history, its episodes, its appointments and activities."""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import joinedload

from tracker.activities.models import HELD, Activity, DimensionValue
from tracker.activities.services import hash_dossier
from tracker.auth.models import User
from tracker.auth.roles import OFFICE
from tracker.dossiers.episodes import Episode, episodes_of
from tracker.dossiers.events import add_event
from tracker.dossiers.models import (
    END_REASONS,
    Dossier,
    DossierEvent,
    DossierImport,
    EpisodeEnd,
)
from tracker.dossiers.values import history, person_dimensions, record_values, values_on
from tracker.errors import DomainError, ValidationError
from tracker.extensions import db
from tracker.staffing.models import Person

NOT_YOURS = "Aucun dossier que vous avez suivi ne porte ce code."


def hash_of(code: str) -> str:
    dossier_hash = hash_dossier(code)
    if dossier_hash is None:
        raise ValidationError("code", "Tapez le code du dossier.")
    return dossier_hash


def consulted(dossier_hash: str, user: User) -> bool:
    """Whether this member of staff performed or logged an activity of the dossier."""
    return bool(db.session.scalar(select(exists().where(
        Activity.dossier_hash == dossier_hash,
        or_(Activity.created_by_id == user.id,
            Activity.person_id.in_(select(Person.id).where(Person.user_id == user.id)))))))


def may_open(dossier_hash: str, user: User) -> bool:
    """The office opens every dossier; staff those they consulted; the board none."""
    return user.role in OFFICE or (user.role == "staff" and consulted(dossier_hash, user))


def dossier_by_hash(dossier_hash: str) -> Dossier | None:
    return db.session.scalar(select(Dossier).where(Dossier.hash == dossier_hash))


def known(dossier_hash: str) -> bool:
    return dossier_by_hash(dossier_hash) is not None or bool(db.session.scalar(select(
        exists().where(Activity.dossier_hash == dossier_hash))))


@dataclass
class AttributeLine:
    label: str
    code: str
    multiple: bool
    current: list[DimensionValue]
    history: list[tuple[date, list[DimensionValue]]]
    choices: list[DimensionValue] = field(default_factory=list)


@dataclass
class DossierPage:
    hash: str
    attributes: list[AttributeLine]
    episodes: list[Episode]
    activities: list[Activity]
    events: list[DossierEvent]


def dossier_page(dossier_hash: str, today: date) -> DossierPage:
    dossier = dossier_by_hash(dossier_hash)
    records = history(dossier) if dossier else {}
    lines = []
    for dimension in person_dimensions():
        past = records.get(dimension.code, [])
        current = [values for since, values in past if since <= today]
        lines.append(AttributeLine(
            label=dimension.label, code=dimension.code, multiple=dimension.multiple,
            current=current[-1] if current else [], history=past,
            choices=[value for value in dimension.values if value.active]))
    activities = list(db.session.scalars(
        select(Activity).options(joinedload(Activity.type), joinedload(Activity.person))
        .where(Activity.dossier_hash == dossier_hash)
        .order_by(Activity.date.desc(), Activity.id.desc())))
    return DossierPage(dossier_hash, lines, episodes_of(dossier_hash, dossier, today),
                       activities, list(reversed(dossier.events)) if dossier else [])


def _dossier_for_writing(dossier_hash: str) -> Dossier:
    dossier = dossier_by_hash(dossier_hash)
    if dossier is None:
        dossier = Dossier(hash=dossier_hash)
        db.session.add(dossier)
        db.session.flush()
    return dossier


def change_values(dossier_hash: str, valid_from: date, chosen: dict[str, list[int]],
                  today: date) -> int:
    """Record the values the person holds from a day (the page's form); returns how many
    dimensions changed."""
    if valid_from is not None and valid_from > today:
        raise ValidationError("valid_from", "La date est dans le futur.")
    dimensions = {dimension.code: dimension for dimension in person_dimensions()}
    values = {}
    for code, ids in chosen.items():
        dimension = dimensions.get(code)
        if dimension is None:
            raise ValidationError(None, f"Dimension « {code} » inconnue.")
        allowed = {value.id: value for value in dimension.values}
        if any(value_id not in allowed for value_id in ids):
            raise ValidationError(code, "Valeur inconnue.")
        if len(ids) > 1 and not dimension.multiple:
            raise ValidationError(code, "Une seule valeur permise.")
        values[code] = [allowed[value_id] for value_id in ids]
    changed = record_values(_dossier_for_writing(dossier_hash), valid_from, values)
    if not changed:
        raise ValidationError(None, "Rien n'a changé : choisissez au moins une valeur "
                                    "différente de celles du dossier à cette date.")
    return changed


def record_event(dossier_hash: str, day: date, kind: str, destination_id: int | None,
                 function_code: str | None, today: date) -> DossierEvent:
    return add_event(_dossier_for_writing(dossier_hash), day, kind, destination_id,
                     function_code or None, today)


def close_episode(dossier_hash: str, closed_on: date, reason: str, today: date) -> EpisodeEnd:
    if closed_on is None or closed_on > today:
        raise ValidationError("closed_on", "Indiquez une date de clôture qui n'est pas dans le "
                                           "futur.")
    if reason not in END_REASONS:
        raise ValidationError("reason", "Choisissez le motif.")
    dossier = _dossier_for_writing(dossier_hash)
    episodes = episodes_of(dossier_hash, dossier, today)
    current = next((episode for episode in episodes if episode.opened <= closed_on
                    and (episode.closed is None or episode.closed >= closed_on)), None)
    if current is None or current.closed is not None:
        raise ValidationError("closed_on", "Aucune prise en charge en cours à cette date.")
    if closed_on < current.last_contact:
        raise ValidationError("closed_on", f"La dernière rencontre de cette prise en charge "
                                           f"date du {current.last_contact:%d/%m/%Y} : "
                                           f"clôturez-la ce jour-là ou après.")
    end = EpisodeEnd(dossier=dossier, closed_on=closed_on, reason=reason)
    db.session.add(end)
    db.session.flush()
    return end


def list_imports() -> list[DossierImport]:
    return list(db.session.scalars(select(DossierImport).order_by(DossierImport.id.desc())
                                   .limit(20)))


def import_to_undo(batch_id: int) -> DossierImport:
    batch = db.session.get(DossierImport, batch_id)
    if batch is None:
        raise DomainError(f"Import de dossiers n° {batch_id} introuvable.")
    return batch


@dataclass
class DossierLookup:
    """What the entry form shows once a code is typed."""

    status: str  # known | new | not_shown
    message: str
    values: dict[str, list[str]] = field(default_factory=dict)


def lookup_for_entry(code: str, user: User, today: date) -> DossierLookup:
    dossier_hash = hash_of(code)
    if not known(dossier_hash):
        return DossierLookup("new", "Nouveau dossier : les données cochées seront enregistrées "
                                    "dans le dossier à la date de la consultation.")
    if not may_open(dossier_hash, user):
        return DossierLookup("not_shown", "Dossier connu, suivi par d'autres : ses données ne "
                                          "vous sont pas montrées ; celles que vous cochez "
                                          "seront enregistrées à la date de la consultation.")
    dossier = dossier_by_hash(dossier_hash)
    held = values_on(dossier, today) if dossier else {}
    return DossierLookup("known", "Données du dossier reprises : corrigez celles qui ont "
                                  "changé, la correction sera datée de la consultation.",
                         {code: [value.code for value in values] for code, values in held.items()})


def record_from_activity(activity: Activity, values: list[DimensionValue]) -> None:
    """After an entry: the values of the person's dimensions it carries are recorded on the
    dossier from the activity's day (nothing when they do not change)."""
    if not activity.dossier_hash or activity.presence != HELD:
        return
    scoped = {dimension.code for dimension in person_dimensions()}
    chosen: dict[str, list[DimensionValue]] = {}
    for value in values:
        if value.dimension_code in scoped:
            chosen.setdefault(value.dimension_code, []).append(value)
    if chosen:
        record_values(_dossier_for_writing(activity.dossier_hash), activity.date, chosen)
