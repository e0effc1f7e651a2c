"""An intern's placement and a volunteer's period: each with its dates and hours."""

from datetime import date
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.db import Audited
from tracker.extensions import db
from tracker.staffing.models import Person


class Intern(Audited, db.Model):
    """A student placed with the team (school, field), supervised by a staff member."""

    __tablename__ = "intern"
    __audit_label__ = "Stagiaire"
    __table_args__ = (
        CheckConstraint("end_date >= start_date", name="period"),
        CheckConstraint("hours >= 0", name="hours"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(String(200), info={"label": "Nom"})
    school: Mapped[str] = mapped_column(String(200), default="", info={"label": "École"})
    field: Mapped[str] = mapped_column(String(200), default="", info={"label": "Filière"})
    start_date: Mapped[date] = mapped_column(info={"label": "Début"})
    end_date: Mapped[date] = mapped_column(info={"label": "Fin"})
    hours: Mapped[int] = mapped_column(default=0, info={"label": "Heures de stage"})
    supervisor_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), info={"label": "Maître de stage"})

    supervisor: Mapped[Person | None] = relationship()

    def __str__(self) -> str:
        return self.full_name


class Volunteer(Audited, db.Model):
    """A volunteer's period with the association, its hours and, optionally, their value."""

    __tablename__ = "volunteer"
    __audit_label__ = "Bénévole"
    __table_args__ = (
        CheckConstraint("end_date >= start_date", name="period"),
        CheckConstraint("hours >= 0", name="hours"),
        CheckConstraint("hourly_value IS NULL OR hourly_value >= 0", name="hourly_value"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(String(200), info={"label": "Nom"})
    mission: Mapped[str] = mapped_column(String(200), default="", info={"label": "Mission"})
    start_date: Mapped[date] = mapped_column(info={"label": "Début"})
    end_date: Mapped[date] = mapped_column(info={"label": "Fin"})
    hours: Mapped[int] = mapped_column(default=0, info={"label": "Heures"})
    hourly_value: Mapped[Decimal | None] = mapped_column(
        Numeric(8, 2), info={"label": "Valorisation (€/h)"})

    def __str__(self) -> str:
        return self.full_name
