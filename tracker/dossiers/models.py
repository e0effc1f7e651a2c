"""A dossier, its attributes valid from a date, the episodes the office closed, and the
dossier files imported (each one can be undone)."""

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.activities.models import Dimension, DimensionValue
from tracker.catalogue.models import JobFunction
from tracker.db import Audited, utcnow
from tracker.extensions import db
from tracker.figure_versions import FigureSource, earliest_year

# Why an episode ended; « sans_contact » is never typed: an episode left without contact for
# the configured months is closed at its last contact.
END_REASONS = {"fin_de_suivi": "Fin de suivi", "abandon": "Abandon", "orientation": "Orientation",
               "deces": "Décès", "autre": "Autre"}
WITHOUT_CONTACT = "Sans contact"
# Dated events of a dossier: an orientation to a function of the team (internal) or to a kind
# of service outside (external, the vocabulary « destination »), a hospitalisation.
EVENT_KINDS = {"orientation_interne": "Orientation interne",
               "orientation_externe": "Orientation externe",
               "hospitalisation": "Hospitalisation"}


class Dossier(FigureSource, Audited, db.Model):
    """One person followed: known only by the keyed hash of their case code."""

    __tablename__ = "dossier"
    __audit_label__ = "Dossier"

    id: Mapped[int] = mapped_column(primary_key=True)
    hash: Mapped[str] = mapped_column(String(64), unique=True, info={"label": "Empreinte"})
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow, info={"label": "Créé le"})

    values: Mapped[list["DossierValue"]] = relationship(
        back_populates="dossier", cascade="all, delete-orphan", passive_deletes=True,
        order_by="DossierValue.valid_from")
    episode_ends: Mapped[list["EpisodeEnd"]] = relationship(
        back_populates="dossier", cascade="all, delete-orphan", passive_deletes=True,
        order_by="EpisodeEnd.closed_on")
    events: Mapped[list["DossierEvent"]] = relationship(
        back_populates="dossier", cascade="all, delete-orphan", passive_deletes=True,
        order_by="DossierEvent.day")

    def __str__(self) -> str:
        return f"Dossier {self.hash[:8]}"


class DossierImport(Audited, db.Model):
    """One accepted dossier file: who, when, which file, how many lines; undone whole."""

    __tablename__ = "dossier_import"
    __audit_label__ = "Import de dossiers"

    id: Mapped[int] = mapped_column(primary_key=True)
    actor: Mapped[str] = mapped_column(String(200), info={"label": "Par"})
    at: Mapped[dt.datetime] = mapped_column(default=utcnow, info={"label": "Le"})
    filename: Mapped[str] = mapped_column(String(255), info={"label": "Fichier"})
    sha256: Mapped[str] = mapped_column(String(64), index=True, info={"label": "Empreinte"})
    rows: Mapped[int] = mapped_column(info={"label": "Lignes"})
    undone_at: Mapped[dt.datetime | None] = mapped_column(info={"label": "Annulé le"})

    def __str__(self) -> str:
        return f"{self.filename} ({self.rows} lignes)"


class DossierValue(FigureSource, db.Model):
    """A value the person holds from `valid_from` on, until a later record of the same
    dimension (for a dimension of several values, the values recorded on one day are the set
    held from that day). Health data: not in the audit journal, which the director reads."""

    __tablename__ = "dossier_value"
    __table_args__ = (
        UniqueConstraint("dossier_id", "dimension_code", "valid_from", "value_id"),
        Index("ix_dossier_value_dimension", "dimension_code", "dossier_id", "valid_from"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id", ondelete="CASCADE"))
    dimension_code: Mapped[str] = mapped_column(ForeignKey("dimension.code"))
    value_id: Mapped[int] = mapped_column(ForeignKey("dimension_value.id"))
    valid_from: Mapped[dt.date]
    batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("dossier_import.id", ondelete="CASCADE"), index=True)
    recorded_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    dossier: Mapped[Dossier] = relationship(back_populates="values")
    dimension: Mapped[Dimension] = relationship()
    value: Mapped[DimensionValue] = relationship()

    def figures_from(self, session) -> int | None:
        return earliest_year(self, "valid_from")


class EpisodeEnd(FigureSource, Audited, db.Model):
    """An episode of care the office closed on a date, for a reason; the next contact opens
    a new one."""

    __tablename__ = "episode_end"
    __audit_label__ = "Fin de prise en charge"
    __table_args__ = (UniqueConstraint("dossier_id", "closed_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id", ondelete="CASCADE"),
                                            info={"label": "Dossier"})
    closed_on: Mapped[dt.date] = mapped_column(info={"label": "Clôturée le"})
    reason: Mapped[str] = mapped_column(String(20),
                                        info={"label": "Motif", "choices": END_REASONS})

    dossier: Mapped[Dossier] = relationship(back_populates="episode_ends")

    def figures_from(self, session) -> int | None:
        return earliest_year(self, "closed_on")


class DossierEvent(FigureSource, db.Model):
    """An orientation or a hospitalisation on a day. Health data: not in the audit journal."""

    __tablename__ = "dossier_event"
    __table_args__ = (
        CheckConstraint("kind IN ('orientation_interne', 'orientation_externe', "
                        "'hospitalisation')", name="kind_known"),
        Index("ix_dossier_event_day", "day", "kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id", ondelete="CASCADE"),
                                            index=True)
    day: Mapped[dt.date]
    kind: Mapped[str] = mapped_column(String(20))
    # an external orientation: the kind of service (vocabulary « destination »)
    destination_id: Mapped[int | None] = mapped_column(ForeignKey("dimension_value.id"))
    # an internal orientation: the function of the team the person is sent to
    function_code: Mapped[str | None] = mapped_column(ForeignKey("job_function.code"))
    recorded_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    dossier: Mapped[Dossier] = relationship(back_populates="events")
    destination: Mapped[DimensionValue | None] = relationship()
    function: Mapped[JobFunction | None] = relationship()

    def figures_from(self, session) -> int | None:
        return earliest_year(self, "day")
