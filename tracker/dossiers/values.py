"""A dossier's attributes through time: what a dossier holds on a day (one value, or the set
recorded on one day for a dimension of several), in Python for a page and in SQL for a
table; recording a change, dated."""

from collections import defaultdict
from datetime import date

from sqlalchemy import and_, func, select

from tracker.activities.models import Dimension, DimensionValue
from tracker.dossiers.models import Dossier, DossierValue
from tracker.errors import ValidationError
from tracker.extensions import db


def person_dimensions() -> list[Dimension]:
    """The dimensions a dossier holds, in the vocabulary's order."""
    return list(db.session.scalars(select(Dimension).where(Dimension.scope == "dossier")
                                   .order_by(Dimension.position)))


def held_on(day: date, dimension_code: str):
    """(dossier_id, value_id) of every dossier's value of one dimension on a day: the values
    of its latest record on or before that day (a subquery)."""
    latest = (select(DossierValue.dossier_id, func.max(DossierValue.valid_from).label("since"))
              .where(DossierValue.dimension_code == dimension_code,
                     DossierValue.valid_from <= day)
              .group_by(DossierValue.dossier_id).subquery("latest"))
    return (select(DossierValue.dossier_id, DossierValue.value_id)
            .join(latest, and_(DossierValue.dossier_id == latest.c.dossier_id,
                               DossierValue.valid_from == latest.c.since))
            .where(DossierValue.dimension_code == dimension_code)
            .subquery("held"))


def history(dossier: Dossier) -> dict[str, list[tuple[date, list[DimensionValue]]]]:
    """Per dimension, each record (from which day, which values), oldest first."""
    by_day: dict[str, dict[date, list]] = defaultdict(lambda: defaultdict(list))
    for record in dossier.values:
        by_day[record.dimension_code][record.valid_from].append(record.value)
    return {code: sorted(days.items()) for code, days in by_day.items()}


def values_on(dossier: Dossier, day: date) -> dict[str, list[DimensionValue]]:
    """What the dossier holds on a day, per dimension."""
    held = {}
    for code, records in history(dossier).items():
        current = [values for since, values in records if since <= day]
        if current:
            held[code] = current[-1]
    return held


def record_values(dossier: Dossier, valid_from: date, values: dict[str, list[DimensionValue]],
                  batch_id: int | None = None) -> int:
    """Record the values held from a day, for each dimension given; a dimension whose values
    do not change is not recorded again. Returns how many dimensions changed."""
    if valid_from is None:
        raise ValidationError("valid_from", "Indiquez la date à partir de laquelle ces valeurs "
                                            "valent.")
    held = values_on(dossier, valid_from)
    changed = 0
    for code, chosen in values.items():
        before = {value.id for value in held.get(code, [])}
        if not chosen or {value.id for value in chosen} == before:
            continue
        for record in [r for r in dossier.values
                       if r.dimension_code == code and r.valid_from == valid_from]:
            dossier.values.remove(record)  # a same-day correction replaces that day's record
        db.session.flush()
        for value in chosen:
            dossier.values.append(DossierValue(dimension_code=code, value=value,
                                               valid_from=valid_from, batch_id=batch_id))
        changed += 1
    db.session.flush()
    return changed
