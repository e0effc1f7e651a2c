"""Figures in persons, and tables by function and by care path.

A person is a dossier. `persons` counts the distinct dossiers with an activity of the period
that meets `where`; `new_persons` those of them whose first episode opened in the period (no
contact held before it); `episodes` the episodes of care opened in the period. By a dimension
the dossier holds, each person is in the one row of the value held at the period's end (the
value of a dimension of several values each once). By `fonction`, activities (or the persons
they concern) go under the function their performer held that day; by `parcours`, each
person under the combination of functions that saw them.
"""

from datetime import date

from sqlalchemy import distinct, exists, func, select
from sqlalchemy.orm import aliased

from tracker.activities.models import HELD, Activity
from tracker.activities.vocabulary import Vocabulary
from tracker.catalogue.models import JobFunction
from tracker.dossiers.episodes import openings
from tracker.dossiers.models import Dossier
from tracker.dossiers.values import held_on
from tracker.extensions import db
from tracker.questionnaires.figure_rows import (
    MISSING,
    Row,
    TableResult,
    apply_shares,
    number_of,
)
from tracker.questionnaires.schema import Item
from tracker.questionnaires.source import activity_conditions, function_on_day

ALONE = "seul"


def counted_units(item: Item, start: date, end: date, vocabulary: Vocabulary):
    """What a person metric counts, as (hash, unit): the persons, or the episodes opened."""
    conditions = activity_conditions(item, start, end, vocabulary)
    if item.metric.kind == "episodes":
        opened = openings(end)
        statement = select(opened.c.hash, opened.c.id.label("unit")).where(opened.c.day >= start)
        if item.where:
            statement = statement.where(opened.c.id.in_(select(Activity.id).where(*conditions)))
        return statement.subquery("units")
    statement = (select(Activity.dossier_hash.label("hash"))
                 .where(*conditions, Activity.dossier_hash.is_not(None)).distinct())
    if item.metric.kind == "new_persons":
        earlier = aliased(Activity)
        statement = statement.where(~exists().where(
            earlier.dossier_hash == Activity.dossier_hash, earlier.presence == HELD,
            earlier.date < start))
    people = statement.subquery("people")
    return select(people.c.hash, people.c.hash.label("unit")).subquery("units")


def persons_total(item: Item, start: date, end: date, vocabulary: Vocabulary) -> int:
    units = counted_units(item, start, end, vocabulary)
    return db.session.scalar(select(func.count(distinct(units.c.unit)))) or 0


def persons_by_value(item: Item, start: date, end: date, vocabulary: Vocabulary) -> dict:
    """{(value id,): persons} of the dimension the dossier holds at the period's end."""
    units = counted_units(item, start, end, vocabulary)
    held = held_on(end, item.by[0])
    statement = (select(held.c.value_id, func.count(distinct(units.c.unit)))
                 .select_from(units)
                 .join(Dossier, Dossier.hash == units.c.hash)
                 .join(held, held.c.dossier_id == Dossier.id)
                 .group_by(held.c.value_id))
    return {(value_id,): count for value_id, count in db.session.execute(statement)}


def _functions() -> dict[str, JobFunction]:
    return {function.code: function for function in db.session.scalars(
        select(JobFunction).order_by(JobFunction.position, JobFunction.code))}


def function_table(item: Item, start: date, end: date, vocabulary: Vocabulary,
                   total) -> TableResult:
    """Activities (count, sum) or persons by the function of who performed them that day."""
    conditions = activity_conditions(item, start, end, vocabulary)
    function = function_on_day(Activity.person_id, Activity.date).label("function")
    if item.metric.in_persons:
        units = counted_units(item, start, end, vocabulary)
        statement = (select(function, func.count(distinct(Activity.dossier_hash)))
                     .where(*conditions, Activity.dossier_hash.in_(select(units.c.hash))))
    elif item.metric.kind == "sum":
        statement = select(function, func.sum(getattr(Activity, item.metric.field))).where(
            *conditions)
    else:
        statement = select(function, func.count()).where(*conditions)
    return function_rows(item, dict(db.session.execute(statement.group_by(function)).all()),
                         total)


def function_rows(item: Item, counts: dict, total) -> TableResult:
    """{function code (None: no performer): count} as a table's rows: the functions `where`
    lists, else those with a count in the catalogue's order, then « Non renseigné »."""
    functions = _functions()
    listed = item.conditions.get("fonction")
    codes = list(listed) if listed else [code for code in functions if code in counts]
    rows = [Row(keys={"fonction": code}, label=functions[code].label,
                labels=(functions[code].label,), value=number_of(counts.get(code), item.metric,
                                                                 False))
            for code in codes]
    if None in counts and not listed:
        rows.append(Row(keys={"fonction": None}, label=MISSING, labels=(MISSING,),
                        value=number_of(counts[None], item.metric, False)))
    apply_shares(item.metric, rows, total)
    return TableResult(by=item.by, rows=rows, total=total)


def care_path_table(item: Item, start: date, end: date, vocabulary: Vocabulary,
                    total) -> TableResult:
    """Each person under the functions that saw them in the period (« Médecin +
    psychologue »); a person seen only by activities without performer: « Non renseigné »."""
    conditions = activity_conditions(item, start, end, vocabulary)
    units = counted_units(item, start, end, vocabulary)
    function = function_on_day(Activity.person_id, Activity.date)
    pairs = db.session.execute(select(Activity.dossier_hash, function).where(
        *conditions, Activity.dossier_hash.in_(select(units.c.hash))).distinct())
    seen: dict[str, set] = {}
    for dossier_hash, code in pairs:
        seen.setdefault(dossier_hash, set())
        if code is not None:
            seen[dossier_hash].add(code)
    functions = _functions()
    order = {code: rank for rank, code in enumerate(functions)}
    paths: dict[tuple, int] = {}
    for codes in seen.values():
        path = tuple(sorted(codes, key=lambda code: (order.get(code, len(order)), code)))
        paths[path] = paths.get(path, 0) + 1
    rows = []
    for path in sorted(paths, key=lambda path: (len(path) or 99,
                                                [order.get(code, 0) for code in path])):
        label = _path_label(path, functions)
        rows.append(Row(keys={"parcours": "+".join(path) or None}, label=label, labels=(label,),
                        value=paths[path]))
    apply_shares(item.metric, rows, total)
    return TableResult(by=item.by, rows=rows, total=total)


def _path_label(path: tuple, functions: dict[str, JobFunction]) -> str:
    if not path:
        return MISSING
    labels = [functions[code].label if code in functions else code for code in path]
    if len(labels) == 1:
        return f"{labels[0]} {ALONE}"
    return " + ".join([labels[0]] + [label[:1].lower() + label[1:] for label in labels[1:]])
