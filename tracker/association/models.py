"""One row: the association using this installation; and its sites (the seat and its
branches), each in a region."""

from sqlalchemy import CheckConstraint, String, false, true
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
    # The Maribel social fund the association belongs to (its joint committee's): the
    # intervention's ceiling is that fund's
    maribel_joint_committee: Mapped[str] = mapped_column(
        String(20), default="", server_default="", info={"label": "Commission paritaire"})
    maribel_fund: Mapped[str] = mapped_column(
        String(20), default="", server_default="", info={"label": "Fonds Maribel social"})

    def __str__(self) -> str:
        return f"{self.legal_form} {self.name}"


REGIONS = {"bruxelles": "Région de Bruxelles-Capitale", "wallonie": "Région wallonne",
           "flandre": "Région flamande"}


class Site(Audited, db.Model):
    """Where the team works: the seat or a branch, in a region (an APE post works in
    Wallonia, an ACS post in Brussels)."""

    __tablename__ = "site"
    __audit_label__ = "Site"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(150), unique=True, info={"label": "Nom"})
    region: Mapped[str] = mapped_column(String(20), info={"label": "Région",
                                                          "choices": REGIONS})
    address: Mapped[str] = mapped_column(String(300), default="", info={"label": "Adresse"})
    is_seat: Mapped[bool] = mapped_column(default=False, server_default=false(),
                                          info={"label": "Siège"})

    def __str__(self) -> str:
        return self.name
