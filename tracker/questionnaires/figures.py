"""Figures and tables of a questionnaire, each one GROUP BY query on the activity log.

A figure is `count`, `sum:FIELD`, `avg:FIELD` or `distinct:FIELD` over the activities of the
period that meet `where`. A table groups the same by one dimension, two (cross-table), or by
year, quarter or month. With `funded_by`, each activity counts for the share of its
performer's FTE that the funder pays on that day (an activity by someone paid 0,5 by PSSP and
0,5 by SPW counts 0,5 for each).
"""

from datetime import date

from sqlalchemy import and_, exists, false, or_
from sqlalchemy.orm import aliased

from tracker.activities.models import ActivityValue
from tracker.activities.vocabulary import Vocabulary
from tracker.extensions import db
from tracker.permanence.models import WEEKDAYS, PermanenceSchedule, PermanenceSlot
from tracker.permanence.services import observed_weeks, schedule_in_force, week_days
from tracker.questionnaires.figure_events import (
    events_by_function,
    events_by_value,
    events_total,
)
from tracker.questionnaires.figure_persons import (
    care_path_table,
    function_table,
    persons_by_value,
    persons_total,
)
from tracker.questionnaires.figure_rows import (
    MISSING,
    Row,
    TableResult,
    apply_shares,
    number_of,
)
from tracker.questionnaires.figure_time import time_table
from tracker.questionnaires.schema import CLOCK_AXES, TIME_AXES, Item
from tracker.questionnaires.source import Source
from tracker.sql import hour_of, iso_weekday

OUTSIDE_SLOTS = "Hors des plages de permanence ou sans heure"


class Figures:
    """The figures and tables of one report for one period.

    Items that read the same activities (same `where`, `funded_by` and metric) share their
    queries: one total, and one GROUP BY over every value those activities carry, from which
    each single-dimension table takes its own (value ids are unique across dimensions, so this
    gives exactly what one query per table would, reading the activities once, through the
    primary key of activity_value, instead of once per table).
    """

    def __init__(self, start: date, end: date, vocabulary: Vocabulary):
        self.start, self.end, self.vocabulary = start, end, vocabulary
        self._totals: dict[tuple, object] = {}
        self._values: dict[tuple, dict] = {}

    def figure(self, item: Item):
        if item.metric.in_persons:
            key = (*_shared_key(item), item.event)
            if key not in self._totals:
                self._totals[key] = (
                    events_total(item, self.start, self.end) if item.event
                    else persons_total(item, self.start, self.end, self.vocabulary))
            return self._totals[key]
        source = Source(item, self.start, self.end, self.vocabulary)
        return number_of(self._total(item, source), item.metric, source.weight is not None)

    def table(self, item: Item) -> TableResult:
        if item.event and item.by[0] == "fonction":
            return events_by_function(item, self.start, self.end, self.figure(item))
        if item.event:
            counts = events_by_value(item, self.start, self.end)
            return _dimension_rows(item, self.vocabulary, counts, self.figure(item), False)
        if item.by[0] in ("fonction", "parcours"):
            build = function_table if item.by[0] == "fonction" else care_path_table
            return build(item, self.start, self.end, self.vocabulary, self.figure(item))
        if item.metric.in_persons:
            counts = persons_by_value(item, self.start, self.end, self.vocabulary)
            return _dimension_rows(item, self.vocabulary, counts, self.figure(item), False)
        if item.by[0] in TIME_AXES:
            return time_table(item, self.start, self.end, self.vocabulary)
        if any(code in CLOCK_AXES for code in item.by):
            return self._clock_table(item)
        return self._dimension_table(item)

    def _clock_table(self, item: Item) -> TableResult:
        """By day of the week and/or hour, alone or crossed with each other or a dimension;
        activities without a time fall into « Non renseigné » (an hour of None)."""
        source = Source(item, self.start, self.end, self.vocabulary)
        weighted = source.weight is not None
        weeks = observed_weeks(self.start, self.end) if item.per == "slot_occurrence" else None
        extra = [] if weeks is None else [or_(false(), *[
            source.column("date").between(*week_days(week)) for week in weeks])]
        counts = _grouped(item, source, extra)
        if weeks is not None:  # a mean per occurrence of each slot over the observed weeks
            counts = {key: value / len(weeks) for key, value in counts.items()} if weeks else {}
            weighted = True
        axes = [_clock_axis(code, counts, position, self.end) if code in CLOCK_AXES
                else [(value.id, value.code, value.label)
                      for value in _axis_values(code, item, self.vocabulary, counts, position)]
                for position, code in enumerate(item.by)]
        rows = []
        for combination in _product(axes):
            labels = tuple(label for _key, _code, label in combination)
            rows.append(Row(keys={code: value for code, (_key, value, _label)
                                  in zip(item.by, combination, strict=True)},
                            label=" – ".join(labels), labels=labels,
                            value=number_of(counts.get(tuple(key for key, _code, _label
                                                           in combination)),
                                          item.metric, weighted)))
        if weeks is not None:
            total = number_of(sum(counts.values()), item.metric, weighted)
            return TableResult(by=item.by, rows=rows, total=total)
        total = number_of(self._total(item, source), item.metric, weighted)
        if item.by == ("permanence",):  # activities outside every slot, or without a time
            outside = total - sum(row.value for row in rows)
            if round(outside, 2) > 0:
                rows.append(Row(keys={"permanence": None}, label=OUTSIDE_SLOTS, value=outside,
                                labels=(OUTSIDE_SLOTS,)))
        apply_shares(item.metric, rows, total)
        return TableResult(by=item.by, rows=rows, total=total)

    def _total(self, item: Item, source: Source):
        key = _shared_key(item)
        if key not in self._totals:
            self._totals[key] = db.session.scalar(source.select(source.aggregate(item.metric)))
        return self._totals[key]

    def _values_by_id(self, item: Item, source: Source) -> dict:
        key = _shared_key(item)
        if key not in self._values:
            link = aliased(ActivityValue)
            statement = (source.select(link.value_id, source.aggregate(item.metric))
                         .join(link, link.activity_id == source.column("id"))
                         .group_by(link.value_id))
            self._values[key] = dict(db.session.execute(statement).all())
        return self._values[key]

    def _dimension_table(self, item: Item) -> TableResult:
        source = Source(item, self.start, self.end, self.vocabulary)
        if _by_one_dimension(item):
            counts = {(value_id,): value
                      for value_id, value in self._values_by_id(item, source).items()}
        else:
            counts = _grouped(item, source)
        total = number_of(self._total(item, source), item.metric, source.weight is not None)
        return _dimension_rows(item, self.vocabulary, counts, total, source.weight is not None)


def _shared_key(item: Item) -> tuple:
    return item.where, item.funded_by, str(item.metric)


def _by_one_dimension(item: Item) -> bool:
    return len(item.by) == 1 and item.by[0] not in ("type", *TIME_AXES)


def _grouped(item: Item, source: Source, extra: list | None = None) -> dict[tuple, object]:
    """A cross-table, a table by type, by the clock or by permanence slot: one GROUP BY of
    its own."""
    group_columns, joins = [], []
    for code in item.by:
        if code == "permanence":
            day, started = source.column("date"), source.column("heure")
            later = aliased(PermanenceSchedule)
            joins.append((PermanenceSlot, and_(
                PermanenceSlot.weekday == iso_weekday(day), PermanenceSlot.start_time <= started,
                started < PermanenceSlot.end_time)))
            joins.append((PermanenceSchedule, and_(
                PermanenceSchedule.id == PermanenceSlot.schedule_id,
                PermanenceSchedule.planned.is_(False), PermanenceSchedule.valid_from <= day,
                ~exists().where(later.planned.is_(False), later.valid_from <= day,
                                later.valid_from > PermanenceSchedule.valid_from))))
            group_columns.append(PermanenceSlot.label)
            continue
        if code == "type":
            group_columns.append(source.column("type"))
        elif code == "weekday":
            group_columns.append(iso_weekday(source.column("date")))
        elif code == "hour":
            group_columns.append(hour_of(source.column("heure")))
        else:
            link = aliased(ActivityValue)
            joins.append((link, and_(link.activity_id == source.column("id"),
                                     link.dimension_code == code)))
            group_columns.append(link.value_id)
    statement = source.select(*group_columns, source.aggregate(item.metric)).where(
        *(extra or []))
    for link, condition in joins:
        statement = statement.join(link, condition)
    return {tuple(row[:-1]): row[-1] for row in db.session.execute(
        statement.group_by(*group_columns))}


def _dimension_rows(item: Item, vocabulary: Vocabulary, counts: dict, total,
                    weighted: bool) -> TableResult:
    axes = [_axis_values(code, item, vocabulary, counts, position)
            for position, code in enumerate(item.by)]
    rows = []
    for combination in _product(axes):
        key = tuple(value.id for value in combination)
        value = number_of(counts.get(key), item.metric, weighted)
        rows.append(Row(keys={code: value.code for code, value in zip(item.by, combination,
                                                                       strict=True)},
                        label=" – ".join(value.label for value in combination), value=value,
                        labels=tuple(value.label for value in combination)))
    if item.groups:
        rows = _merge_groups(item, rows)
    if item.top:
        rows = sorted((row for row in rows if row.value), key=lambda row: -row.value)[:item.top]
    dimension = vocabulary.dimensions.get(item.by[0])
    if (len(item.by) == 1 and item.by[0] != "type" and dimension is not None
            and not dimension.multiple and not item.top
            and (item.metric.kind in ("count", "sum") or item.metric.in_persons)):
        missing = total - sum(row.value for row in rows)
        if round(missing, 2) > 0:
            rows.append(Row(keys={item.by[0]: None}, label=MISSING,
                            value=number_of(missing, item.metric, weighted), labels=(MISSING,)))
    apply_shares(item.metric, rows, total)
    return TableResult(by=item.by, rows=rows, total=total)


def _merge_groups(item: Item, rows: list[Row]) -> list[Row]:
    """Rows whose first value belongs to a group become one row per group (and per value of
    the second dimension), where the group's first member stood."""
    first = item.by[0]
    group_of = {code: group for group in item.groups for code in group.values}
    merged: dict[tuple, Row] = {}
    for row in rows:
        group = group_of.get(row.keys[first])
        if group is None:
            merged[(row.keys[first], *row.labels[1:])] = row
            continue
        key = (f"groupe:{group.code}", *row.labels[1:])
        if key not in merged:
            labels = (group.label, *row.labels[1:])
            merged[key] = Row(keys=dict(row.keys) | {first: group.code},
                              label=" – ".join(labels), value=0, labels=labels)
        merged[key].value += row.value
    return list(merged.values())


def _axis_values(code: str, item: Item, vocabulary: Vocabulary, counts: dict, position: int):
    """The values a table shows for a dimension: those `where` lists, in its order (table 12's
    RW before BXL), else every active one and every retired one that has data, in the
    vocabulary's order."""
    listed = item.conditions.get(code)
    if listed:
        return [vocabulary.find(code, value_code) for value_code in listed]
    used = {key[position] for key in counts}
    return [value for value in vocabulary.values.get(code, [])
            if value.active or value.id in used]


def _clock_axis(code: str, counts: dict, position: int, end: date) -> list[tuple]:
    """(GROUP BY key, row key, label): the days 1–7 from Monday, the hours 0–23 and, when
    some activities have no time, « Non renseigné », or the slots of the permanence in force
    at the period's end (and any other slot with activities)."""
    if code == "permanence":
        schedule = schedule_in_force(end)
        labels = [slot.label for slot in schedule.slots] if schedule else []
        labels += sorted({key[position] for key in counts} - set(labels))
        return [(label, label, label) for label in labels]
    if code == "weekday":
        return [(day, day, WEEKDAYS[day - 1]) for day in range(1, 8)]
    hours = [(hour, hour, f"{hour} h") for hour in range(24)]
    if any(key[position] is None for key in counts):
        hours.append((None, None, MISSING))
    return hours


def _product(axes: list[list]) -> list[tuple]:
    combinations = [()]
    for values in axes:
        combinations = [combination + (value,) for combination in combinations
                        for value in values]
    return combinations
