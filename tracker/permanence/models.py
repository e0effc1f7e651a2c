"""Permanence schedules, their slots, the weeks observed and the calls missed in each slot."""

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.db import Audited
from tracker.extensions import db
from tracker.figure_versions import FigureSource

# Monday first (ISO 1–7): slots, the questionnaires' weekday axis and heat map
WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
SHORT_WEEKDAYS = ["Lu", "Ma", "Me", "Je", "Ve", "Sa", "Di"]


class PermanenceSchedule(FigureSource, Audited, db.Model):
    """An organisation of the permanence from a date (« Organisation 2022 »), or a planned one
    (« Nouvelle organisation », asked for in a revision of the agrément)."""

    __tablename__ = "permanence_schedule"
    __audit_label__ = "Organisation de la permanence"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(150), info={"label": "Intitulé"})
    valid_from: Mapped[dt.date] = mapped_column(info={"label": "À partir du"})
    planned: Mapped[bool] = mapped_column(default=False, info={"label": "En projet"})

    slots: Mapped[list["PermanenceSlot"]] = relationship(
        back_populates="schedule", cascade="all, delete-orphan",
        order_by="(PermanenceSlot.weekday, PermanenceSlot.start_time)")

    @property
    def line_hours(self) -> float:
        return sum(slot.line_hours for slot in self.slots)

    def __str__(self) -> str:
        return self.label


class PermanenceSlot(FigureSource, Audited, db.Model):
    """« Lundi matin », 9 h – 13 h, two lines open."""

    __tablename__ = "permanence_slot"
    __audit_label__ = "Plage de permanence"
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 1 AND 7", name="weekday"),
        CheckConstraint("end_time > start_time", name="end_after_start"),
        CheckConstraint("lines >= 1", name="lines"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    schedule_id: Mapped[int] = mapped_column(
        ForeignKey("permanence_schedule.id", ondelete="CASCADE"), index=True,
        info={"label": "Organisation"})
    weekday: Mapped[int] = mapped_column(info={"label": "Jour"})
    start_time: Mapped[dt.time] = mapped_column(info={"label": "Début"})
    end_time: Mapped[dt.time] = mapped_column(info={"label": "Fin"})
    label: Mapped[str] = mapped_column(String(80), info={"label": "Nom de la plage"})
    lines: Mapped[int] = mapped_column(default=1, info={"label": "Lignes ouvertes"})

    schedule: Mapped[PermanenceSchedule] = relationship(back_populates="slots")

    @property
    def day_name(self) -> str:
        return WEEKDAYS[self.weekday - 1]

    @property
    def hours(self) -> float:
        return (self.end_time.hour * 60 + self.end_time.minute
                - self.start_time.hour * 60 - self.start_time.minute) / 60

    @property
    def line_hours(self) -> float:
        return self.hours * self.lines

    @property
    def span(self) -> str:
        """« 9 h-13 h », « 17 h 30-21 h »."""
        return f"{_clock(self.start_time)}-{_clock(self.end_time)}"

    def __str__(self) -> str:
        return f"{self.label} ({self.span})"


def _clock(value: dt.time) -> str:
    return f"{value.hour} h" + (f" {value.minute:02d}" if value.minute else "")


class ObservationWeek(FigureSource, Audited, db.Model):
    """A week when the missed calls were counted (a phone system's report, or a sampling
    sheet), from its Monday."""

    __tablename__ = "observation_week"
    __audit_label__ = "Semaine d'observation"

    id: Mapped[int] = mapped_column(primary_key=True)
    week_start: Mapped[dt.date] = mapped_column(unique=True, info={"label": "Semaine du"})
    # the missed calls are the log's « appel manqué » activities of the week (a phone system's
    # export, imported with their time), not counts typed per slot
    from_log: Mapped[bool] = mapped_column(default=False, server_default=false(),
                                           info={"label": "Depuis le journal"})

    counts: Mapped[list["MissedCalls"]] = relationship(
        back_populates="week", cascade="all, delete-orphan")

    def __str__(self) -> str:
        return f"semaine du {self.week_start:%d/%m/%Y}"


class MissedCalls(FigureSource, Audited, db.Model):
    """The calls missed in one slot of an observed week."""

    __tablename__ = "missed_calls"
    __audit_label__ = "Appels manqués"
    __table_args__ = (
        UniqueConstraint("week_id", "slot_id"),
        CheckConstraint("missed >= 0", name="missed"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    week_id: Mapped[int] = mapped_column(ForeignKey("observation_week.id", ondelete="CASCADE"),
                                         index=True, info={"label": "Semaine"})
    slot_id: Mapped[int] = mapped_column(ForeignKey("permanence_slot.id", ondelete="CASCADE"),
                                         index=True, info={"label": "Plage"})
    missed: Mapped[int] = mapped_column(info={"label": "Appels manqués"})

    week: Mapped[ObservationWeek] = relationship(back_populates="counts")
    slot: Mapped[PermanenceSlot] = relationship()

    def __str__(self) -> str:
        return f"{self.missed}"
