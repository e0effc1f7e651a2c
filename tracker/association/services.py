"""Reading and updating the association's identity."""

import re

from sqlalchemy import select

from tracker.association.models import REGIONS, Association, Site
from tracker.errors import ValidationError
from tracker.extensions import db

ENTERPRISE_NUMBER = re.compile(r"^[01]\d{3}\.\d{3}\.\d{3}$")
FIELDS = ("name", "legal_form", "enterprise_number", "street", "postcode", "city", "phone",
          "email", "website", "maribel_joint_committee", "maribel_fund")


def get_association() -> Association | None:
    return db.session.get(Association, 1)


def save_association(dossier_enabled: bool = True, **values: str) -> Association:
    """Create or update the single association row."""
    values = {key: (values.get(key) or "").strip() for key in FIELDS}
    if not values["name"]:
        raise ValidationError("name", "Indiquez le nom de l'association.")
    number = values["enterprise_number"]
    if number and not ENTERPRISE_NUMBER.match(number):
        raise ValidationError(
            "enterprise_number",
            "Le numéro d'entreprise s'écrit sur 10 chiffres, par exemple 0412.345.678.",
        )
    association = get_association() or Association(id=1)
    for key, value in values.items():
        setattr(association, key, value or ("ASBL" if key == "legal_form" else ""))
    association.dossier_enabled = dossier_enabled
    db.session.add(association)
    db.session.flush()
    return association


def list_sites() -> list[Site]:
    return list(db.session.scalars(select(Site).order_by(Site.is_seat.desc(), Site.name)))


def seat() -> Site | None:
    return db.session.scalar(select(Site).where(Site.is_seat.is_(True)))


def add_site(*, name: str, region: str, address: str = "", is_seat: bool = False) -> Site:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError("name", "Indiquez le nom du site.")
    if region not in REGIONS:
        raise ValidationError("region", "Choisissez la région.")
    if db.session.scalar(select(Site.id).where(Site.name == name)) is not None:
        raise ValidationError("name", "Un site porte déjà ce nom.")
    if is_seat:
        for other in db.session.scalars(select(Site).where(Site.is_seat.is_(True))):
            other.is_seat = False  # one seat: the new one replaces it
    site = Site(name=name, region=region, address=(address or "").strip(), is_seat=is_seat)
    db.session.add(site)
    db.session.flush()
    return site


def delete_site(site: Site) -> None:
    db.session.delete(site)
    db.session.flush()
