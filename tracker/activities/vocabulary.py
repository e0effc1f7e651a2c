"""The dimensions and their values: read once per request or import, edited by the office."""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from sqlalchemy import exists, func
from sqlalchemy.exc import IntegrityError

from tracker.activities.models import (
    Activity,
    ActivityValue,
    Dimension,
    DimensionValue,
    Service,
)
from tracker.errors import ValidationError
from tracker.extensions import db
from tracker.figure_cache import kept
from tracker.figure_versions import LAST_YEAR
from tracker.text import normalize

VALUE_CODE = re.compile(r"^[a-z0-9][a-z0-9_+\-]{0,59}$")


@lru_cache(maxsize=4096)
def _normal(text: str) -> str:
    return normalize(text)


@dataclass
class Vocabulary:
    """A snapshot of every dimension and value, with lookups by code or French label."""

    dimensions: dict[str, Dimension]
    values: dict[str, list[DimensionValue]]
    by_id: dict[int, DimensionValue] = field(default_factory=dict)
    _lookup: dict[str, dict[str, DimensionValue]] = field(default_factory=dict)

    @classmethod
    def load(cls) -> "Vocabulary":
        dimensions = {d.code: d for d in db.session.scalars(
            db.select(Dimension).order_by(Dimension.position))}
        values: dict[str, list[DimensionValue]] = {code: [] for code in dimensions}
        for value in db.session.scalars(
                db.select(DimensionValue).order_by(DimensionValue.position)):
            values.setdefault(value.dimension_code, []).append(value)
        vocabulary = cls(dimensions, values)
        vocabulary.by_id = {value.id: value for items in values.values() for value in items}
        for code, items in values.items():
            lookup = {}
            for value in items:  # labels first, so that a code always wins over a label
                lookup.setdefault(_normal(value.label), value)
            for value in items:
                lookup[value.code] = value
                lookup[_normal(value.code)] = value
            vocabulary._lookup[code] = lookup
        return vocabulary

    def find(self, dimension_code: str, text: str) -> DimensionValue | None:
        """A value by code or label, case and accents ignored."""
        lookup = self._lookup.get(dimension_code, {})
        return lookup.get(text) or lookup.get(_normal(text))

    def activity_dimensions(self) -> list[str]:
        """The codes of the dimensions an activity may carry (not its type, nor what
        describes a dossier's event), in the vocabulary's order."""
        return [code for code, dimension in self.dimensions.items()
                if code != "type" and dimension.scope != "event"]

    def active_values(self, dimension_code: str) -> list[DimensionValue]:
        return [value for value in self.values.get(dimension_code, []) if value.active]

    def label(self, dimension_code: str, value_code: str) -> str:
        value = self._lookup.get(dimension_code, {}).get(value_code)
        return value.label if value else value_code


def value_in_use(value: DimensionValue) -> bool:
    used_as_type = exists().where(Activity.type_id == value.id)
    used_as_value = exists().where(ActivityValue.value_id == value.id)
    return bool(db.session.scalar(db.select(used_as_type | used_as_value)))


def usage_counts() -> dict[int, int]:
    """How many activities use each value (and each type), kept while no activity or value
    changes anywhere: a million activities are counted once, not at every view."""
    return kept(("vocabulary_usage",), LAST_YEAR, _count_usage)


def _count_usage() -> dict[int, int]:
    counts = dict(db.session.execute(
        db.select(ActivityValue.value_id, func.count()).group_by(ActivityValue.value_id)).all())
    for type_id, count in db.session.execute(
            db.select(Activity.type_id, func.count()).group_by(Activity.type_id)):
        counts[type_id] = counts.get(type_id, 0) + count
    return counts


def add_value(dimension_code: str, code: str, label: str) -> DimensionValue:
    dimension = db.session.get(Dimension, dimension_code)
    if dimension is None:
        raise ValidationError("dimension_code", "Dimension inconnue.")
    code = (code or "").strip().lower()
    if not VALUE_CODE.match(code):
        raise ValidationError("code", "Le code s'écrit en minuscules sans accents ni espaces "
                                      "(ex. protoxyde_azote).")
    if not (label or "").strip():
        raise ValidationError("label", "Indiquez le libellé en français.")
    if db.session.scalar(db.select(DimensionValue).where(
            DimensionValue.dimension_code == dimension_code, DimensionValue.code == code)):
        raise ValidationError("code", f"La valeur « {code} » existe déjà dans {dimension.label}.")
    position = db.session.scalar(db.select(func.max(DimensionValue.position)).where(
        DimensionValue.dimension_code == dimension_code)) or 0
    value = DimensionValue(dimension_code=dimension_code, code=code, label=label.strip(),
                           position=position + 1, active=True)
    db.session.add(value)
    db.session.flush()
    return value


def update_value(value: DimensionValue, *, label: str, active: bool) -> DimensionValue:
    """Relabel or retire a value; its code, and every record carrying it, stay as they are."""
    if not (label or "").strip():
        raise ValidationError("label", "Indiquez le libellé en français.")
    value.label, value.active = label.strip(), active
    db.session.flush()
    return value


def delete_value(value: DimensionValue) -> None:
    if value_in_use(value):
        raise ValidationError(None, f"« {value.label} » est utilisée par des activités : "
                                    "retirez-la plutôt que de la supprimer.")
    # Modules above this one point at values too (a dossier's data, an event's destination):
    # the database's own refusal says so, whatever holds it.
    savepoint = db.session.begin_nested()
    try:
        db.session.delete(value)
        db.session.flush()
    except IntegrityError:
        savepoint.rollback()
        raise ValidationError(None, f"« {value.label} » est utilisée par des dossiers : "
                                    "retirez-la plutôt que de la supprimer.") from None
    savepoint.commit()


def list_services() -> list[Service]:
    return list(db.session.scalars(db.select(Service).order_by(Service.label)))


def service_lookup() -> dict[str, Service]:
    """Every service by code and by label (case and accents ignored), for imports."""
    lookup: dict[str, Service] = {}
    for service in list_services():
        lookup.setdefault(_normal(service.label), service)
    for service in list_services():
        lookup[service.code] = service
        lookup[_normal(service.code)] = service
    return lookup


def check_service(code: str, keep: str = "") -> str:
    """A service code of the vocabulary ('' for none); a retired one only where it was."""
    code = (code or "").strip()
    if not code:
        return ""
    service = db.session.get(Service, code)
    if service is None or (not service.active and code != keep):
        raise ValidationError("service", f"Service « {code} » inconnu : choisissez-en un "
                                         "de la liste (Vocabulaires › Services).")
    return code


def add_service(code: str, label: str) -> Service:
    code = (code or "").strip().lower()
    if not VALUE_CODE.match(code):
        raise ValidationError("code", "Le code s'écrit en minuscules sans accents ni espaces "
                                      "(ex. ligne_ecoute).")
    if not (label or "").strip():
        raise ValidationError("label", "Indiquez le libellé en français.")
    if db.session.get(Service, code) is not None:
        raise ValidationError("code", f"Le service « {code} » existe déjà.")
    service = Service(code=code, label=label.strip(), active=True)
    db.session.add(service)
    db.session.flush()
    return service


def toggle_service(service: Service) -> Service:
    """Retire a service from the entry form, or offer it again; activities keep it."""
    service.active = not service.active
    db.session.flush()
    return service
