"""Figures about a dossier's dated events (orientations, hospitalisations): how many in the
period (`metric: events`) or how many persons had one (`metric: persons`), by the kind of
service oriented to (`by: destination`), by the function of the team (`by: fonction`), or by
a dimension the dossier holds at the period's end."""

from datetime import date

from sqlalchemy import distinct, func, select

from tracker.dossiers.models import DossierEvent
from tracker.dossiers.values import held_on
from tracker.extensions import db
from tracker.questionnaires.figure_persons import function_rows
from tracker.questionnaires.figure_rows import TableResult
from tracker.questionnaires.schema import Item

ORIENTATIONS = ("orientation_interne", "orientation_externe")


def _kinds(item: Item) -> tuple[str, ...]:
    return ORIENTATIONS if item.event == "orientation" else (item.event,)


def _counted(item: Item):
    return (func.count() if item.metric.kind == "events"
            else func.count(distinct(DossierEvent.dossier_id)))


def _of_period(item: Item, start: date, end: date) -> list:
    return [DossierEvent.day >= start, DossierEvent.day <= end,
            DossierEvent.kind.in_(_kinds(item))]


def events_total(item: Item, start: date, end: date) -> int:
    return db.session.scalar(select(_counted(item)).where(*_of_period(item, start, end))) or 0


def events_by_value(item: Item, start: date, end: date) -> dict:
    """{(value id,): count} by the destination, or by a dimension the dossier holds."""
    code = item.by[0]
    if code == "destination":
        key = DossierEvent.destination_id
        statement = select(key, _counted(item)).where(*_of_period(item, start, end))
    else:
        held = held_on(end, code)
        key = held.c.value_id
        statement = (select(key, _counted(item)).join(held, held.c.dossier_id
                                                      == DossierEvent.dossier_id)
                     .where(*_of_period(item, start, end)))
    return {(value_id,): count for value_id, count in db.session.execute(
        statement.group_by(key)) if value_id is not None}


def events_by_function(item: Item, start: date, end: date, total) -> TableResult:
    return function_rows(item, dict(db.session.execute(
        select(DossierEvent.function_code, _counted(item))
        .where(*_of_period(item, start, end)).group_by(DossierEvent.function_code)).all()),
        total)


