"""One row: the association using this installation."""

from sqlalchemy import CheckConstraint, String, true
from sqlalchemy.orm import Mapped, mapped_column

from tracker.db import Audited
from tracker.extensions import db


class Association(Audited, db.Model):
    __tablename__ = "association"
    __audit_label__ = "Association"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True, default=1)
    name: Mapped[str] = mapped_column(String(200), info={"label": "Dénomination"})
    legal_form: Mapped[str] = mapped_column(
        String(20), default="ASBL", info={"label": "Forme juridique"}
    )
    enterprise_number: Mapped[str] = mapped_column(
        String(20), default="", info={"label": "Numéro d'entreprise"}
    )
    street: Mapped[str] = mapped_column(String(200), default="", info={"label": "Rue"})
    postcode: Mapped[str] = mapped_column(String(10), default="", info={"label": "Code postal"})
    city: Mapped[str] = mapped_column(String(100), default="", info={"label": "Localité"})
    phone: Mapped[str] = mapped_column(String(40), default="", info={"label": "Téléphone"})
    email: Mapped[str] = mapped_column(String(254), default="", info={"label": "E-mail"})
    website: Mapped[str] = mapped_column(String(200), default="", info={"label": "Site web"})

    # The director may switch off the pseudonymous case code on activities.
    dossier_enabled: Mapped[bool] = mapped_column(
        default=True, server_default=true(), info={"label": "Code dossier activé"})

    def __str__(self) -> str:
        return f"{self.legal_form} {self.name}"
