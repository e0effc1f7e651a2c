"""An intern's placement and a volunteer's period: each with its dates and hours."""

from datetime import date
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.db import Audited
from tracker.extensions import db
from tracker.figure_versions import FigureSource, earliest_year
from tracker.staffing.models import Person


class HoursOverAPeriod:
    """What an intern's placement and a volunteer's period share: who, when, how many hours
    (end date required: one record per period)."""

    full_name: Mapped[str] = mapped_column(String(200), info={"label": "Nom"})
    start_date: Mapped[date] = mapped_column(info={"label": "Début"})
    end_date: Mapped[date] = mapped_column(info={"label": "Fin"})
    hours: Mapped[int] = mapped_column(default=0, info={"label": "Heures"})

    def __str__(self) -> str:
        return self.full_name


class Intern(FigureSource, HoursOverAPeriod, Audited, db.Model):
    """A student placed with the team (school, field), supervised by a staff member."""

    __tablename__ = "intern"
    __audit_label__ = "Stagiaire"
    __table_args__ = (
        CheckConstraint("end_date >= start_date", name="period"),
        CheckConstraint("hours >= 0", name="hours"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    school: Mapped[str] = mapped_column(String(200), default="", info={"label": "École"})
    field: Mapped[str] = mapped_column(String(200), default="", info={"label": "Filière"})
    supervisor_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), info={"label": "Maître de stage"})

    supervisor: Mapped[Person | None] = relationship()

    def figures_from(self, session) -> int | None:
        return earliest_year(self, "start_date")


class Volunteer(FigureSource, HoursOverAPeriod, Audited, db.Model):
    """A volunteer's period with the association, its hours and, optionally, their value."""

    __tablename__ = "volunteer"
    __audit_label__ = "Bénévole"
    __table_args__ = (
        CheckConstraint("end_date >= start_date", name="period"),
        CheckConstraint("hours >= 0", name="hours"),
        CheckConstraint("hourly_value IS NULL OR hourly_value >= 0", name="hourly_value"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mission: Mapped[str] = mapped_column(String(200), default="", info={"label": "Mission"})
    hourly_value: Mapped[Decimal | None] = mapped_column(
        Numeric(8, 2), info={"label": "Valorisation (€/h)"})

    def figures_from(self, session) -> int | None:
        return earliest_year(self, "start_date")
