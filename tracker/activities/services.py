"""Recording, changing, deleting and listing activities."""

import hashlib
import hmac
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from flask import current_app
from sqlalchemy import func

from tracker.activities.entry import ABOUT_A_PERSON, DIRECTED, INSTITUTIONAL, NO_PARTNER
from tracker.activities.models import HELD, PRESENCES, Activity, ActivityValue, DimensionValue
from tracker.activities.vocabulary import Vocabulary, check_service
from tracker.association.services import get_association
from tracker.auth.models import User
from tracker.auth.roles import Role
from tracker.errors import ValidationError
from tracker.extensions import db
from tracker.partnerships.models import Partner
from tracker.staffing.models import Person
from tracker.staffing.services import person_of_user

MAX_DURATION_MIN = 24 * 60
EMPTY_ACTIVITY = ("Rien n'a été enregistré : indiquez au moins la durée ou une précision "
                  "(par exemple le type d'appelant) avant d'enregistrer.")
# Functions of modules above this one, called with each activity saved through the entry form
# and the values it carries (tracker.dossiers records the person's data on their dossier).
ACTIVITY_SAVED = "activity_saved"


def dossier_enabled() -> bool:
    association = get_association()
    return association is None or association.dossier_enabled


def hash_dossier(code: str) -> str | None:
    """The keyed hash stored instead of a case code (same code, same hash; not reversible)."""
    code = " ".join((code or "").split()).casefold()
    if not code:
        return None
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, code.encode(), hashlib.sha256).hexdigest()


@dataclass
class ActivityInput:
    date: date
    type_code: str
    duree_min: int | None = None
    start_time: time | None = None
    person_id: int | None = None
    service: str = ""
    partner_id: int | None = None
    participants: int | None = None
    dossier: str = ""
    values: dict[str, list[str]] = field(default_factory=dict)  # dimension -> value codes
    received: bool | None = None  # a training, supervision… followed; None: the type's usual
    purpose: str = ""  # institutional types only
    place: str = ""
    presence: str = HELD  # an appointment held, missed (absent) or cancelled (annule)


def check_core(data: ActivityInput, today: date | None = None) -> None:
    if data.date is None:
        raise ValidationError("date", "Indiquez la date.")
    if data.date > (today or date.today()) + timedelta(days=1):
        raise ValidationError("date", "La date est dans le futur.")
    if data.duree_min is not None and not 0 <= data.duree_min <= MAX_DURATION_MIN:
        raise ValidationError("duree_min", "La durée se compte en minutes, de 0 à 1440.")
    if data.presence not in PRESENCES:
        raise ValidationError("presence", "Choisissez venu, absent ou annulé.")
    if data.participants is not None and data.participants < 0:
        raise ValidationError("participants", "Le nombre de participants ne peut être négatif.")


def _has_details(data: ActivityInput) -> bool:
    return (data.duree_min is not None or data.participants is not None
            or data.partner_id is not None or bool((data.dossier or "").strip())
            or bool(data.purpose.strip()))


def direction_of(type_code: str, received: bool | None) -> bool:
    """Whether the team received this activity: only trainings, supervisions and intervisions
    can be received; left unsaid, each takes its type's usual direction."""
    if type_code not in DIRECTED:
        if received:
            raise ValidationError("direction", "Seules les formations, supervisions et "
                                               "intervisions peuvent être reçues par l'équipe.")
        return False
    return DIRECTED[type_code] if received is None else received


def check_institutional_text(type_code: str, purpose: str, place: str) -> tuple[str, str]:
    """The purpose and place, trimmed; refused on any type that may concern a person."""
    purpose, place = " ".join(purpose.split()), " ".join(place.split())
    if (purpose or place) and type_code not in INSTITUTIONAL:
        raise ValidationError("purpose", "L'objet et l'endroit ne s'écrivent que pour une "
                                         "réunion, une formation, une supervision ou une "
                                         "intervision (jamais pour un appel ou une "
                                         "consultation).")
    if len(purpose) > 200 or len(place) > 120:
        raise ValidationError("purpose", "L'objet tient en 200 caractères, l'endroit en 120.")
    return purpose, place


def _resolve_values(data: ActivityInput, vocabulary: Vocabulary,
                    keep: set[int]) -> list[DimensionValue]:
    chosen = []
    for dimension_code, codes in data.values.items():
        dimension = vocabulary.dimensions.get(dimension_code)
        if dimension is None or dimension_code == "type":
            raise ValidationError(None, f"Dimension « {dimension_code} » inconnue.")
        codes = [code for code in codes if code]
        if len(codes) > 1 and not dimension.multiple:
            raise ValidationError(dimension_code, f"Une seule valeur pour {dimension.label}.")
        for code in codes:
            value = vocabulary.find(dimension_code, code)
            if value is None or (not value.active and value.id not in keep):
                raise ValidationError(dimension_code,
                                      f"Valeur « {code} » inconnue pour {dimension.label}.")
            chosen.append(value)
    return chosen


def save_activity(activity: Activity | None, data: ActivityInput,
                  created_by_id: int | None = None) -> Activity:
    """Create or change one activity (audited); raises ValidationError in French."""
    vocabulary = Vocabulary.load()
    check_core(data)
    activity_type = vocabulary.find("type", data.type_code)
    if activity_type is None or (not activity_type.active and
                                 (activity is None or activity.type_id != activity_type.id)):
        raise ValidationError("type", "Choisissez le type d'activité.")
    if data.person_id is not None and db.session.get(Person, data.person_id) is None:
        raise ValidationError("person_id", "Intervenant inconnu.")
    if data.partner_id is not None and db.session.get(Partner, data.partner_id) is None:
        raise ValidationError("partner_id", "Partenaire inconnu.")
    if data.partner_id is not None and activity_type.code in ABOUT_A_PERSON:
        raise ValidationError("partner_id", NO_PARTNER)
    received = direction_of(activity_type.code, data.received)
    purpose, place = check_institutional_text(activity_type.code, data.purpose, data.place)
    keep = {link.value_id for link in activity.values} if activity else set()
    values = _resolve_values(data, vocabulary, keep)
    if not values and not _has_details(data):
        raise ValidationError(None, EMPTY_ACTIVITY)
    if data.person_id is None and activity is None and _unlinked_staff(created_by_id):
        raise ValidationError("person_id", UNLINKED_MUST_CHOOSE)
    service = check_service(data.service, keep=activity.service if activity else "")
    activity = activity or Activity(created_by_id=created_by_id)
    activity.date, activity.type_id = data.date, activity_type.id
    activity.duree_min, activity.person_id = data.duree_min, data.person_id
    activity.start_time = data.start_time
    activity.service, activity.partner_id = service, data.partner_id
    activity.participants = data.participants
    activity.received, activity.purpose, activity.place = received, purpose, place
    activity.presence = data.presence
    if dossier_enabled() and data.dossier:
        activity.dossier_hash = hash_dossier(data.dossier)
    activity.values = [ActivityValue(value_id=value.id, dimension_code=value.dimension_code)
                       for value in values]
    db.session.add(activity)
    db.session.flush()
    for hook in current_app.extensions.get(ACTIVITY_SAVED, []):
        hook(activity, values)  # a module above keeps what concerns it (the dossier's data)
    return activity


UNLINKED_MUST_CHOOSE = ("Choisissez l'intervenant(e) : votre compte n'est pas encore relié à "
                        "une personne de l'équipe (la direction le fait sous « Personnel »).")


def _unlinked_staff(user_id: int | None) -> bool:
    """A member of staff's account that the director has not linked to its person yet: it
    names the performer of what it logs (the figures by function count them)."""
    if user_id is None:
        return False
    user = db.session.get(User, user_id)
    return user is not None and user.role == Role.STAFF and person_of_user(user_id) is None


def default_performer_id(user_id: int) -> int | None:
    """Who a new activity of this user is pre-filled with: the staff member their account is
    linked to, else the performer they chose last time."""
    person = person_of_user(user_id)
    if person is not None:
        return person.id
    return db.session.scalar(
        db.select(Activity.person_id).where(Activity.created_by_id == user_id,
                                            Activity.person_id.is_not(None))
        .order_by(Activity.id.desc()).limit(1))


def count_without_performer(since: date | None = None) -> int:
    """Activities credited to nobody (they count 0 in every funded_by figure)."""
    query = db.select(func.count()).select_from(Activity).where(Activity.person_id.is_(None))
    if since is not None:
        query = query.where(Activity.date >= since)
    return db.session.scalar(query)


def delete_activity(activity: Activity) -> None:
    db.session.delete(activity)
    db.session.flush()
