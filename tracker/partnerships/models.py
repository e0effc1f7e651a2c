"""Partners (other associations, services) staff can be detached to."""

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from tracker.audit.models import Audited
from tracker.extensions import db


class Partner(Audited, db.Model):
    __tablename__ = "partner"
    __audit_label__ = "Partenaire"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True, info={"label": "Nom"})
    kind: Mapped[str] = mapped_column(String(100), default="", info={"label": "Type"})

    def __str__(self) -> str:
        return self.name
