"""The job functions: data, not code."""

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from tracker.db import Audited
from tracker.extensions import db
from tracker.figure_versions import FigureSource


class JobFunction(FigureSource, Audited, db.Model):
    """The vocabulary of functions (psychologue, assistant_social…): data, not code."""

    __tablename__ = "job_function"
    __audit_label__ = "Fonction"

    code: Mapped[str] = mapped_column(String(40), primary_key=True, info={"label": "Code"})
    label: Mapped[str] = mapped_column(String(100), info={"label": "Libellé"})
    position: Mapped[int] = mapped_column(default=0, info={"label": "Ordre"})
    active: Mapped[bool] = mapped_column(default=True, info={"label": "Actif"})

    def __str__(self) -> str:
        return self.label
