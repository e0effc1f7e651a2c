"""The legal parameters' values: the one in force on a day is the latest valid from on or
before it; the director adds a newer value from a date (the older ones stay, for the years
they governed)."""

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from tracker.errors import ValidationError
from tracker.extensions import db
from tracker.formatting import format_date, format_quantity
from tracker.governance.catalogue import PARAMETERS
from tracker.governance.models import LegalParameter


def list_legal_parameters() -> list[LegalParameter]:
    return list(db.session.scalars(select(LegalParameter).order_by(
        LegalParameter.code, LegalParameter.valid_from.desc())))


class LegalBook:
    """Every value, read once; `value(code, day)` is the one in force that day and `used`
    how an explanation names it."""

    def __init__(self) -> None:
        self.values: dict[str, list[LegalParameter]] = {}
        for row in sorted(list_legal_parameters(), key=lambda item: item.valid_from):
            self.values.setdefault(row.code, []).append(row)

    def at(self, code: str, day: date) -> LegalParameter | None:
        in_force = [row for row in self.values.get(code, []) if row.valid_from <= day]
        return in_force[-1] if in_force else None

    def value(self, code: str, day: date) -> Decimal | None:
        row = self.at(code, day)
        return row.value if row is not None else None

    def whole(self, code: str, day: date, default: int) -> int:
        value = self.value(code, day)
        return int(value) if value is not None else default

    def used(self, code: str, day: date) -> dict:
        """The parameter as `governance check` prints it: label, value, since, source."""
        meaning, row = PARAMETERS[code], self.at(code, day)
        if row is None:
            return {"code": code, "label": meaning.label, "value": None,
                    "text": "non renseigné (valeur par défaut)"}
        return {"code": code, "label": meaning.label, "value": float(row.value),
                "text": f"{format_quantity(row.value, meaning.unit)} depuis le "
                        f"{format_date(row.valid_from)}"
                        + (" (à vérifier)" if row.to_verify else ""),
                "source": row.source, "to_verify": row.to_verify}


def add_legal_parameter(*, code: str, value: Decimal | None, valid_from: date | None,
                        source: str = "") -> LegalParameter:
    """A new value from a date, typed by the director (a confirmed value: not « à
    vérifier »)."""
    if code not in PARAMETERS:
        raise ValidationError("code", "Choisissez un paramètre.")
    if value is None or value < 0 or value >= 10**10:
        raise ValidationError("value", "Indiquez une valeur positive.")
    if valid_from is None:
        raise ValidationError("valid_from", "Indiquez la date à partir de laquelle elle vaut.")
    if db.session.scalar(select(LegalParameter.id).where(
            LegalParameter.code == code, LegalParameter.valid_from == valid_from)) is not None:
        raise ValidationError("valid_from", "Une valeur existe déjà à cette date.")
    row = LegalParameter(code=code, value=value, valid_from=valid_from,
                         source=" ".join((source or "").split())[:300], to_verify=False)
    db.session.add(row)
    db.session.flush()
    return row
