"""Reading and updating the association's identity."""

import re

from tracker.association.models import Association
from tracker.errors import ValidationError
from tracker.extensions import db

ENTERPRISE_NUMBER = re.compile(r"^[01]\d{3}\.\d{3}\.\d{3}$")
FIELDS = ("name", "legal_form", "enterprise_number", "street", "postcode", "city", "phone",
          "email", "website")


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
