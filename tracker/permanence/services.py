"""Schedules and their slots; the weeks observed and the calls missed; the means a funder's
table 3 bis prints."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.activities.models import Activity, DimensionValue
from tracker.activities.visible import written_whole
from tracker.errors import ValidationError
from tracker.extensions import db
from tracker.permanence.models import (
    MissedCalls,
    ObservationWeek,
    PermanenceSchedule,
    PermanenceSlot,
)


def list_schedules() -> list[PermanenceSchedule]:
    return list(db.session.scalars(select(PermanenceSchedule).options(
        selectinload(PermanenceSchedule.slots)).order_by(PermanenceSchedule.planned,
                                                         PermanenceSchedule.valid_from.desc())))


def schedule_in_force(day: date) -> PermanenceSchedule | None:
    """The organisation in force on a day: the latest one not planned from on or before it."""
    return db.session.scalar(select(PermanenceSchedule).where(
        PermanenceSchedule.planned.is_(False), PermanenceSchedule.valid_from <= day)
        .order_by(PermanenceSchedule.valid_from.desc()).limit(1))


def planned_schedule() -> PermanenceSchedule | None:
    return db.session.scalar(select(PermanenceSchedule).where(
        PermanenceSchedule.planned.is_(True))
        .order_by(PermanenceSchedule.valid_from.desc()).limit(1))


def add_schedule(*, label: str, valid_from: date | None, planned: bool,
                 copy_of: PermanenceSchedule | None = None) -> PermanenceSchedule:
    """A new organisation from a date; `copy_of` starts it from another's slots (a revision
    changes a few)."""
    label = " ".join((label or "").split())
    if not label:
        raise ValidationError("label", "Nommez l'organisation (ex. Nouvelle organisation).")
    if valid_from is None:
        raise ValidationError("valid_from", "Indiquez la date à partir de laquelle elle vaut.")
    schedule = PermanenceSchedule(label=label[:150], valid_from=valid_from, planned=planned)
    if copy_of is not None:
        schedule.slots = [PermanenceSlot(weekday=slot.weekday, start_time=slot.start_time,
                                         end_time=slot.end_time, label=slot.label,
                                         lines=slot.lines) for slot in copy_of.slots]
    db.session.add(schedule)
    db.session.flush()
    return schedule


def add_slot(schedule: PermanenceSchedule, *, weekday: int | None, start: time | None,
             end: time | None, label: str, lines: int | None) -> PermanenceSlot:
    if weekday is None or not 1 <= weekday <= 7:
        raise ValidationError("weekday", "Choisissez le jour.")
    if start is None or end is None or end <= start:
        raise ValidationError("end_time", "Indiquez le début et la fin (la fin après le début).")
    if lines is None or not 1 <= lines <= 20:
        raise ValidationError("lines", "De 1 à 20 lignes ouvertes.")
    for slot in schedule.slots:
        if slot.weekday == weekday and slot.start_time < end and start < slot.end_time:
            raise ValidationError("start_time", f"Chevauche la plage « {slot.label} ».")
    label = " ".join((label or "").split())
    if not label:
        raise ValidationError("label", "Nommez la plage (ex. Lundi matin).")
    slot = PermanenceSlot(weekday=weekday, start_time=start, end_time=end, label=label[:80],
                          lines=lines)
    schedule.slots.append(slot)
    db.session.flush()
    return slot


def delete_slot(slot: PermanenceSlot) -> None:
    db.session.delete(slot)
    db.session.flush()


def record_week(week_start: date | None, missed: dict[int, int | None],
                from_log: bool = False) -> ObservationWeek:
    """The calls missed in each slot of an observed week (a Monday), in the organisation in
    force that week, or (`from_log`) the week's « appel manqué » activities; recording a week
    again replaces it."""
    if week_start is None or week_start.isoweekday() != 1:
        raise ValidationError("week_start", "Indiquez le lundi de la semaine observée.")
    schedule = schedule_in_force(week_start)
    if schedule is None:
        raise ValidationError("week_start", "Aucune organisation de la permanence n'est en "
                                            "vigueur cette semaine-là.")
    counts = {}
    for slot in [] if from_log else schedule.slots:
        value = missed.get(slot.id)
        if value is None or value < 0:
            raise ValidationError(None, f"Indiquez les appels manqués de chaque plage "
                                        f"(« {slot.label} » : 0 ou plus).")
        counts[slot.id] = value
    week = db.session.scalar(select(ObservationWeek).where(
        ObservationWeek.week_start == week_start)) or ObservationWeek(week_start=week_start)
    week.from_log = from_log
    week.counts = [MissedCalls(slot_id=slot_id, missed=value)
                   for slot_id, value in counts.items()]
    db.session.add(week)
    db.session.flush()
    return week


def observed_weeks(start: date, end: date) -> list[date]:
    """The Mondays of the weeks observed in the period."""
    return list(db.session.scalars(select(ObservationWeek.week_start).where(
        ObservationWeek.week_start.between(start, end)).order_by(ObservationWeek.week_start)))


def list_weeks() -> list[ObservationWeek]:
    return list(db.session.scalars(select(ObservationWeek).options(
        selectinload(ObservationWeek.counts)).order_by(ObservationWeek.week_start.desc())))


@dataclass
class MissedMeans:
    """Table 3 bis: the mean calls missed per slot over the observed weeks."""

    weeks: list[date]
    per_slot: list[tuple[str, float]] = field(default_factory=list)  # (slot, mean)

    @property
    def mean_per_slot(self) -> float | None:
        """« Sur une semaine »: the mean of the slots' means (2,33 for Infor-Drogues 2021)."""
        if not self.per_slot:
            return None
        return sum(mean for _slot, mean in self.per_slot) / len(self.per_slot)

    @property
    def per_week(self) -> float | None:
        """Calls missed in a whole week, on average (2,33 × 16 slots ≈ 37,3)."""
        return sum(mean for _slot, mean in self.per_slot) if self.per_slot else None


def missed_means(start: date, end: date) -> MissedMeans:
    """Over the weeks observed in the period; a slot is named as its organisation names it
    (a slot renamed or moved in a new organisation is a new line)."""
    weeks = list(db.session.scalars(select(ObservationWeek).where(
        ObservationWeek.week_start.between(start, end)).options(
        selectinload(ObservationWeek.counts).selectinload(MissedCalls.slot))
        .order_by(ObservationWeek.week_start)))
    sums: dict[tuple, int] = defaultdict(int)
    seen: dict[tuple, int] = defaultdict(int)
    for week in weeks:
        counts = logged_missed_calls(week.week_start) if week.from_log else [
            (count.slot, count.missed) for count in week.counts]
        for slot, missed in counts:
            key = (slot.weekday, slot.start_time, slot.label)
            sums[key] += missed
            seen[key] += 1
    return MissedMeans([week.week_start for week in weeks],
                       [(key[2], sums[key] / seen[key]) for key in sorted(sums)])


def week_days(week_start: date) -> tuple[date, date]:
    return week_start, week_start + timedelta(days=6)


MISSED_TYPE = "appel_manque"


def logged_missed_calls(week_start: date) -> list[tuple[PermanenceSlot, int]]:
    """The week's « appel manqué » activities, each counted in the slot of the organisation in
    force whose day and hours hold its time (one without a time, or outside every slot, is
    left out)."""
    schedule = schedule_in_force(week_start)
    if schedule is None:
        return []
    rows = db.session.execute(
        select(Activity.date, Activity.start_time).join(
            DimensionValue, DimensionValue.id == Activity.type_id)
        .where(DimensionValue.code == MISSED_TYPE, Activity.start_time.is_not(None),
               written_whole(),
               Activity.date.between(*week_days(week_start)))).all()
    counts = {slot.id: 0 for slot in schedule.slots}
    for day, started in rows:
        slot = next((slot for slot in schedule.slots if slot.weekday == day.isoweekday()
                     and slot.start_time <= started < slot.end_time), None)
        if slot is not None:
            counts[slot.id] += 1
    return [(slot, counts[slot.id]) for slot in schedule.slots]
