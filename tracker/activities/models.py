"""Dimensions (vocabularies), their values, activities, and import batches."""

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    false,
    func,
    select,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.db import Audited, utcnow
from tracker.extensions import db
from tracker.figure_versions import NO_YEAR, FigureSource, earliest_year
from tracker.partnerships.models import Partner
from tracker.staffing.models import Person

SCOPES = {"activity": "L'activité", "dossier": "Le dossier",
          "event": "Un événement du dossier"}
# An appointment held, missed without notice, or cancelled (by the person or the service).
PRESENCES = {"venu": "Venu", "absent": "Absent (non excusé)", "annule": "Annulé"}
HELD = "venu"


class Dimension(FigureSource, Audited, db.Model):
    """A named vocabulary an activity carries values of (type, genre, produits…)."""

    __tablename__ = "dimension"
    __audit_label__ = "Dimension"

    code: Mapped[str] = mapped_column(String(40), primary_key=True, info={"label": "Code"})
    label: Mapped[str] = mapped_column(String(100), info={"label": "Libellé"})
    multiple: Mapped[bool] = mapped_column(default=False, info={"label": "Plusieurs valeurs"})
    position: Mapped[int] = mapped_column(default=0, info={"label": "Ordre"})
    # « activity »: each activity carries its own value (a call's type of caller); « dossier »:
    # an attribute of the person, held by their dossier with its history (an anonymous
    # activity, a call without dossier, may still carry it itself); « event »: what describes
    # an event of a dossier (an orientation's destination).
    scope: Mapped[str] = mapped_column(String(10), default="activity", server_default="activity",
                                       info={"label": "Porté par", "choices": SCOPES})

    values: Mapped[list["DimensionValue"]] = relationship(
        back_populates="dimension", order_by="DimensionValue.position")

    def __str__(self) -> str:
        return self.label


class DimensionValue(FigureSource, Audited, db.Model):
    """One value of a dimension; retired values stay for the records that carry them."""

    __tablename__ = "dimension_value"
    __audit_label__ = "Valeur de vocabulaire"
    __table_args__ = (UniqueConstraint("dimension_code", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dimension_code: Mapped[str] = mapped_column(ForeignKey("dimension.code"),
                                                info={"label": "Dimension"})
    code: Mapped[str] = mapped_column(String(60), info={"label": "Code"})
    label: Mapped[str] = mapped_column(String(150), info={"label": "Libellé"})
    active: Mapped[bool] = mapped_column(default=True, info={"label": "Actif"})
    position: Mapped[int] = mapped_column(default=0, info={"label": "Ordre"})

    dimension: Mapped[Dimension] = relationship(back_populates="values")

    def __str__(self) -> str:
        return f"{self.dimension_code}:{self.code}"


class Service(FigureSource, Audited, db.Model):
    """A service or mission activities are logged under (« Ligne d'écoute »): a vocabulary,
    so that the field never holds free text (a name, a birth date)."""

    __tablename__ = "activity_service"
    __audit_label__ = "Service"

    code: Mapped[str] = mapped_column(String(60), primary_key=True, info={"label": "Code"})
    label: Mapped[str] = mapped_column(String(150), info={"label": "Libellé"})
    active: Mapped[bool] = mapped_column(default=True, info={"label": "Proposé"})

    def __str__(self) -> str:
        return self.label


class ImportBatch(FigureSource, Audited, db.Model):
    """One accepted import file: who, when, which file, how many rows; can be undone whole."""

    __tablename__ = "import_batch"
    __audit_label__ = "Import d'activités"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), info={"label": "Par"})
    actor: Mapped[str] = mapped_column(String(200), info={"label": "Par"})
    at: Mapped[dt.datetime] = mapped_column(default=utcnow, info={"label": "Le"})
    filename: Mapped[str] = mapped_column(String(255), info={"label": "Fichier"})
    sha256: Mapped[str] = mapped_column(String(64), index=True, info={"label": "Empreinte"})
    rows: Mapped[int] = mapped_column(info={"label": "Lignes"})
    created_partners: Mapped[str] = mapped_column(Text, default="", server_default="",
                                                  info={"label": "Partenaires créés"})
    undone_at: Mapped[dt.datetime | None] = mapped_column(info={"label": "Annulé le"})
    # A file imported again on purpose (« forcer ») may share its fingerprint; any other is
    # one live batch per file, which the database itself holds even for two imports at once.
    forced: Mapped[bool] = mapped_column(default=False, server_default=false(),
                                         info={"label": "Import forcé"})
    # Long files are written in chunks: until the last one, the batch is being written (its
    # writer refreshes `heartbeat_at`); a batch whose writer died is removed whole.
    completed_at: Mapped[dt.datetime | None] = mapped_column(info={"label": "Terminé le"})
    heartbeat_at: Mapped[dt.datetime | None]
    # The page's background job that writes it: a job cut by a crash has its batch removed
    # as soon as the scheduler starts again.
    job_id: Mapped[int | None] = mapped_column(
        ForeignKey("background_job.id", ondelete="SET NULL"), index=True)

    __audit_ignored__ = frozenset({"heartbeat_at", "completed_at", "job_id"})
    __table_args__ = (
        Index("uq_import_batch_live_file", "sha256", unique=True,
              sqlite_where=text("undone_at IS NULL AND NOT forced"),
              postgresql_where=text("undone_at IS NULL AND NOT forced")),
    )

    @property
    def writing(self) -> bool:
        return self.completed_at is None and self.undone_at is None

    def __str__(self) -> str:
        return f"{self.filename} ({self.rows} lignes)"

    bulk_changes_figures = False  # its UPDATE statements are a writer's signs of life

    def figures_from(self, session) -> int | None:
        """Its activities count once it is complete (from their first year), and no more
        once undone (they are gone then: every year)."""
        if self in session.deleted:
            return None
        if self.completed_at is None:
            return NO_YEAR  # still being written: nobody sees its rows
        first = session.scalar(select(func.min(Activity.date)).where(
            Activity.batch_id == self.id))
        return first.year if first else NO_YEAR


class Activity(FigureSource, Audited, db.Model):
    """An anonymous activity: never a beneficiary's name, contact or a note about a person."""

    __tablename__ = "activity"
    __audit_label__ = "Activité"
    __table_args__ = (
        Index("ix_activity_date_id", "date", "id"),
        # duree_min included: yearly mean durations are read from the index alone; start_time
        # too: the weekday × hour tables
        Index("ix_activity_type_date", "type_id", "date", "duree_min", "presence", "batch_id",
              "start_time"),
        Index("ix_activity_person_date", "person_id", "date"),
        # « Mes activités »: one author's records, newest first, without a scan of the table
        Index("ix_activity_author_date", "created_by_id", "date", "id"),
        # first interviews: each dossier's appointments in order, from a partial index that
        # holds only the activities of a dossier (a log of calls adds nothing to it)
        Index("ix_activity_dossier_history", "dossier_hash", "date", "id", "presence",
              "batch_id", sqlite_where=text("dossier_hash IS NOT NULL"),
              postgresql_where=text("dossier_hash IS NOT NULL")),
        CheckConstraint("presence IN ('venu', 'absent', 'annule')", name="presence_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    date: Mapped[dt.date] = mapped_column(info={"label": "Date"})
    type_id: Mapped[int] = mapped_column(ForeignKey("dimension_value.id"),
                                         info={"label": "Type"})
    # when it started (« 14:05 »); none for older years and what has no time of day
    start_time: Mapped[dt.time | None] = mapped_column(info={"label": "Heure"})
    duree_min: Mapped[int | None] = mapped_column(info={"label": "Durée (min)"})
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"),
                                                  info={"label": "Intervenant"})
    service: Mapped[str] = mapped_column(String(60), default="", info={"label": "Service"})
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partner.id", ondelete="SET NULL"),
                                                   info={"label": "Partenaire"})
    participants: Mapped[int | None] = mapped_column(info={"label": "Participants"})
    # A training, supervision or intervision the team followed rather than gave (entry.py).
    received: Mapped[bool] = mapped_column(default=False, server_default=false(),
                                           info={"label": "Reçue par l'équipe"})
    # What an institutional meeting or training was about, and where: never about a person,
    # and only on the types entry.INSTITUTIONAL lists.
    purpose: Mapped[str] = mapped_column(String(200), default="", server_default="",
                                         info={"label": "Objet"})
    place: Mapped[str] = mapped_column(String(120), default="", server_default="",
                                       info={"label": "Endroit"})
    # An appointment: held (the default, what figures count), missed or cancelled.
    presence: Mapped[str] = mapped_column(String(10), default=HELD, server_default=HELD,
                                          info={"label": "Présence", "choices": PRESENCES})
    # A keyed hash (HMAC-SHA256 with the instance secret) of the case code, never the code.
    dossier_hash: Mapped[str | None] = mapped_column(String(64), index=True,
                                                     info={"label": "Dossier (empreinte)"})
    batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batch.id", ondelete="CASCADE"), index=True,
        info={"label": "Import"})
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"),
                                                      info={"label": "Encodé par"})
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow, info={"label": "Encodé le"})

    type: Mapped[DimensionValue] = relationship()
    person: Mapped[Person | None] = relationship()
    partner: Mapped[Partner | None] = relationship()
    values: Mapped[list["ActivityValue"]] = relationship(
        back_populates="activity", cascade="all, delete-orphan", passive_deletes=True)

    def __str__(self) -> str:
        return f"{self.type.label if self.type else ''} du {self.date:%d/%m/%Y}"

    def figures_from(self, session) -> int | None:
        return earliest_year(self, "date")


class ActivityValue(FigureSource, db.Model):
    """The dimension values an activity carries (several per dimension where allowed)."""

    __tablename__ = "activity_value"
    __table_args__ = (
        Index("ix_activity_value_value_activity", "value_id", "activity_id"),
        Index("ix_activity_value_dimension", "dimension_code", "activity_id"),
    )

    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activity.id", ondelete="CASCADE"), primary_key=True)
    value_id: Mapped[int] = mapped_column(ForeignKey("dimension_value.id"), primary_key=True)
    dimension_code: Mapped[str] = mapped_column(ForeignKey("dimension.code"))

    activity: Mapped[Activity] = relationship(back_populates="values")
    value: Mapped[DimensionValue] = relationship()

    def figures_from(self, session) -> int | None:
        activity = self.activity
        return activity.date.year if activity is not None and activity.date else None
