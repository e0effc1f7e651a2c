"""The aids' parameter values: the one in force on a day is the latest valid from on or
before it, so that a new value from a date changes the checks after that date only."""

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from tracker.aids.catalogue import AIDS, PARAMETERS
from tracker.aids.models import AidParameter
from tracker.association.services import get_association
from tracker.errors import ValidationError
from tracker.extensions import db
from tracker.formatting import format_date, format_quantity


def list_parameters() -> list[AidParameter]:
    return list(db.session.scalars(select(AidParameter).order_by(
        AidParameter.aid, AidParameter.code, AidParameter.valid_from.desc())))


class ParameterBook:
    """Every value, read once; `at(aid, code, day)` is the one in force that day."""

    def __init__(self) -> None:
        self.values: dict[tuple[str, str], list[AidParameter]] = {}
        for value in sorted(list_parameters(), key=lambda item: item.valid_from):
            self.values.setdefault((value.aid, value.code), []).append(value)

    def at(self, aid: str, code: str, day: date) -> AidParameter | None:
        in_force = None
        for value in self.values.get((aid, code), []):
            if value.valid_from <= day:
                in_force = value
        return in_force

    def used(self, aid: str, code: str, day: date) -> tuple[str, str]:
        """(label, « 1 ETP depuis le 01/01/2022 ») for a check's explanation."""
        meaning = PARAMETERS[aid][code]
        value = self.at(aid, code, day)
        if value is None:
            return meaning.label, "à renseigner"
        return meaning.label, f"{format_quantity(value.value, meaning.unit)} depuis le " \
                              f"{format_date(value.valid_from)}"


def add_parameter(*, aid: str, code: str, value: Decimal | None, valid_from: date | None,
                  source: str = "", to_verify: bool = False) -> AidParameter:
    if aid not in AIDS:
        raise ValidationError("aid", "Choisissez l'aide.")
    if code not in PARAMETERS[aid]:
        raise ValidationError("code", "Choisissez un paramètre de cette aide.")
    if value is None or value < 0 or value >= 10**10:
        raise ValidationError("value", "Indiquez une valeur positive.")
    if valid_from is None:
        raise ValidationError("valid_from", "Indiquez la date à partir de laquelle elle vaut.")
    if db.session.scalar(select(AidParameter).where(
            AidParameter.aid == aid, AidParameter.code == code,
            AidParameter.valid_from == valid_from)) is not None:
        raise ValidationError("valid_from", "Une valeur existe déjà à cette date : "
                                            "supprimez-la d'abord.")
    association = get_association()
    parameter = AidParameter(aid=aid, code=code, value=value, valid_from=valid_from,
                             source=" ".join((source or "").split())[:300],
                             to_verify=bool(to_verify),
                             fund=association.maribel_fund if association and aid == "MARIBEL"
                             else "")
    db.session.add(parameter)
    db.session.flush()
    return parameter


def delete_parameter(parameter: AidParameter) -> None:
    db.session.delete(parameter)
    db.session.flush()
