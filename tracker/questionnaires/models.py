"""A questionnaire's answers for one year, its corrections, its archived versions, and the
definitions the director uploaded."""

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.db import Audited, utcnow
from tracker.extensions import db

FIGURE = Numeric(14, 2)
RESPONSE_STATUSES = {"brouillon": "Brouillon", "final": "Finalisé"}
NOT_STARTED = "À préparer"  # a year nobody has written anything for yet


def response_status_label(response: "QuestionnaireResponse | None") -> str:
    """The one wording of a questionnaire's state, on its list and on its page."""
    return NOT_STARTED if response is None else RESPONSE_STATUSES[response.status]


class UploadedDefinition(Audited, db.Model):
    """A definition file the director uploaded (same schema as the shipped ones)."""

    __tablename__ = "questionnaire_definition"
    __audit_label__ = "Définition de questionnaire"

    id: Mapped[int] = mapped_column(primary_key=True)
    definition_id: Mapped[str] = mapped_column(String(80), unique=True,
                                               info={"label": "Identifiant"})
    filename: Mapped[str] = mapped_column(String(255), info={"label": "Fichier"})
    content: Mapped[str] = mapped_column(Text, info={"label": "Contenu"})
    sha256: Mapped[str] = mapped_column(String(64), info={"label": "Empreinte"})
    uploaded_by: Mapped[str] = mapped_column(String(200), info={"label": "Déposée par"})
    uploaded_at: Mapped[dt.datetime] = mapped_column(default=utcnow,
                                                     info={"label": "Déposée le"})

    def __str__(self) -> str:
        return self.definition_id


class QuestionnaireResponse(Audited, db.Model):
    """One definition for one year: draft, then final once archived."""

    __tablename__ = "questionnaire_response"
    __audit_label__ = "Questionnaire"
    __table_args__ = (
        UniqueConstraint("definition_id", "year"),
        CheckConstraint("status IN ('brouillon', 'final')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    definition_id: Mapped[str] = mapped_column(String(80), info={"label": "Questionnaire"})
    year: Mapped[int] = mapped_column(info={"label": "Année"})
    status: Mapped[str] = mapped_column(String(10), default="brouillon",
                                        info={"label": "Statut", "choices": RESPONSE_STATUSES})

    answers: Mapped[list["NarrativeAnswer"]] = relationship(
        back_populates="response", cascade="all, delete-orphan")
    indicators: Mapped[list["IndicatorValue"]] = relationship(
        back_populates="response", cascade="all, delete-orphan")
    corrections: Mapped[list["FigureCorrection"]] = relationship(
        back_populates="response", cascade="all, delete-orphan",
        order_by="FigureCorrection.id")
    archives: Mapped[list["QuestionnaireArchive"]] = relationship(
        back_populates="response", order_by="QuestionnaireArchive.version")

    def __str__(self) -> str:
        return f"{self.definition_id} {self.year}"


class NarrativeAnswer(Audited, db.Model):
    """A narrative section as the office wrote it (about the service, never about a person)."""

    __tablename__ = "narrative_answer"
    __audit_label__ = "Réponse rédigée"
    __table_args__ = (UniqueConstraint("response_id", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("questionnaire_response.id", ondelete="CASCADE"), index=True,
        info={"label": "Questionnaire de l'année"})
    item_id: Mapped[str] = mapped_column(String(80), info={"label": "Rubrique"})
    text: Mapped[str] = mapped_column(Text, default="", info={"label": "Texte"})
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow,
                                                    info={"label": "Modifié le"})

    response: Mapped[QuestionnaireResponse] = relationship(back_populates="answers")

    def __str__(self) -> str:
        return self.item_id


class IndicatorValue(Audited, db.Model):
    """A yearly figure no log holds (« la presse nous a contacté à 21 reprises »), typed by
    the office for the year, with its source; next year's report prints it beside its own."""

    __tablename__ = "indicator_value"
    __audit_label__ = "Chiffre tapé"
    __audit_ignored__ = frozenset({"item_id"})  # the trail names it by its label
    __table_args__ = (UniqueConstraint("response_id", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("questionnaire_response.id", ondelete="CASCADE"), index=True,
        info={"label": "Questionnaire de l'année"})
    item_id: Mapped[str] = mapped_column(String(80), info={"label": "Rubrique (code)"})
    label: Mapped[str] = mapped_column(String(300), default="", info={"label": "Rubrique"})
    value: Mapped[Decimal] = mapped_column(FIGURE, info={"label": "Valeur"})
    source: Mapped[str] = mapped_column(String(300), default="", info={"label": "Source"})
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow,
                                                    info={"label": "Modifié le"})

    response: Mapped[QuestionnaireResponse] = relationship(back_populates="indicators")

    def __str__(self) -> str:
        return self.label or self.item_id


class FigureCorrection(Audited, db.Model):
    """A computed figure replaced by hand, with the reason; both values are kept."""

    __tablename__ = "figure_correction"
    __audit_label__ = "Correction de chiffre"
    __table_args__ = (UniqueConstraint("response_id", "item_id", "row_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("questionnaire_response.id", ondelete="CASCADE"), index=True,
        info={"label": "Questionnaire de l'année"})
    item_id: Mapped[str] = mapped_column(String(80), info={"label": "Rubrique"})
    row_key: Mapped[str] = mapped_column(String(200), default="", info={"label": "Ligne"})
    computed: Mapped[Decimal | None] = mapped_column(FIGURE, info={"label": "Valeur calculée"})
    corrected: Mapped[Decimal] = mapped_column(FIGURE, info={"label": "Valeur corrigée"})
    reason: Mapped[str] = mapped_column(String(500), info={"label": "Motif"})
    corrected_by: Mapped[str] = mapped_column(String(200), info={"label": "Par"})
    corrected_at: Mapped[dt.datetime] = mapped_column(default=utcnow, info={"label": "Le"})

    response: Mapped[QuestionnaireResponse] = relationship(back_populates="corrections")

    def __str__(self) -> str:
        return f"{self.item_id} {self.row_key}".strip()


class QuestionnaireArchive(Audited, db.Model):
    """One finalised version: the files as sent, never changed (a re-run is a new version)."""

    __tablename__ = "questionnaire_archive"
    __audit_label__ = "Version archivée"
    __audit_hidden__ = frozenset({"definition_text"})
    __table_args__ = (UniqueConstraint("response_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("questionnaire_response.id"), index=True,
        info={"label": "Questionnaire de l'année"})
    version: Mapped[int] = mapped_column(info={"label": "Version"})
    definition_sha256: Mapped[str] = mapped_column(String(64),
                                                   info={"label": "Empreinte de la définition"})
    # The definition as it was used, so that a version can be explained years later.
    definition_text: Mapped[str] = mapped_column(Text, default="",
                                                 info={"label": "Définition utilisée"})
    finalised_by: Mapped[str] = mapped_column(String(200), info={"label": "Finalisé par"})
    finalised_at: Mapped[dt.datetime] = mapped_column(default=utcnow,
                                                      info={"label": "Finalisé le"})

    response: Mapped[QuestionnaireResponse] = relationship(back_populates="archives")
    files: Mapped[list["ArchivedFile"]] = relationship(
        back_populates="archive", order_by="ArchivedFile.id")

    def __str__(self) -> str:
        return f"version {self.version}"


class ArchivedFile(Audited, db.Model):
    __tablename__ = "archived_file"
    __audit_label__ = "Fichier archivé"
    __table_args__ = (UniqueConstraint("archive_id", "filename"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    archive_id: Mapped[int] = mapped_column(ForeignKey("questionnaire_archive.id"), index=True,
                                            info={"label": "Version archivée"})
    format: Mapped[str] = mapped_column(String(5), info={"label": "Format"})
    filename: Mapped[str] = mapped_column(String(255), info={"label": "Fichier"})
    path: Mapped[str] = mapped_column(String(500), info={"label": "Chemin"})
    sha256: Mapped[str] = mapped_column(String(64), info={"label": "SHA-256"})
    size: Mapped[int] = mapped_column(info={"label": "Taille (octets)"})
    # a funder's own form, filled (None: the tracker's own rendering of the questionnaire)
    template_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("funder_template_version.id"), info={"label": "Formulaire du financeur"})
    # the board's rendering: groups of fewer than three persons read « < 3 »
    for_board: Mapped[bool] = mapped_column(default=False, server_default=false(),
                                            info={"label": "Version du conseil"})

    archive: Mapped[QuestionnaireArchive] = relationship(back_populates="files")
    template_version: Mapped["FunderTemplateVersion | None"] = relationship()

    def __str__(self) -> str:
        return self.filename


TEMPLATE_FORMATS = {"docx": "Word", "xlsx": "Excel"}


class FunderTemplate(Audited, db.Model):
    """A funder's own form (Word or Excel) the office brought, bound to a questionnaire
    definition; each upload is a new version, and a form the funder replaced is retired."""

    __tablename__ = "funder_template"
    __audit_label__ = "Formulaire du financeur"

    id: Mapped[int] = mapped_column(primary_key=True)
    definition_id: Mapped[str] = mapped_column(String(80), index=True,
                                               info={"label": "Questionnaire"})
    title: Mapped[str] = mapped_column(String(200), info={"label": "Intitulé"})
    format: Mapped[str] = mapped_column(String(5), info={"label": "Format",
                                                         "choices": TEMPLATE_FORMATS})
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow, info={"label": "Créé le"})
    retired_at: Mapped[dt.datetime | None] = mapped_column(info={"label": "Retiré le"})

    versions: Mapped[list["FunderTemplateVersion"]] = relationship(
        back_populates="template", order_by="FunderTemplateVersion.number")

    def __str__(self) -> str:
        return self.title

    @property
    def format_name(self) -> str:
        """« Word » or « Excel »."""
        return TEMPLATE_FORMATS[self.format]

    @property
    def latest(self) -> "FunderTemplateVersion | None":
        return self.versions[-1] if self.versions else None


class FunderTemplateVersion(Audited, db.Model):
    __tablename__ = "funder_template_version"
    __audit_label__ = "Version d'un formulaire du financeur"
    # the stored file's random name, and what the check read from the file (its SHA-256 is
    # in the journal): nothing a reader of the journal decides on
    __audit_ignored__ = frozenset({"stored", "unused_items"})
    __table_args__ = (UniqueConstraint("template_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("funder_template.id"), index=True,
                                             info={"label": "Formulaire du financeur"})
    number: Mapped[int] = mapped_column(info={"label": "Version"})
    filename: Mapped[str] = mapped_column(String(255), info={"label": "Fichier"})
    stored: Mapped[str] = mapped_column(String(255), info={"label": "Fichier enregistré"})
    sha256: Mapped[str] = mapped_column(String(64), info={"label": "SHA-256"})
    size: Mapped[int] = mapped_column(info={"label": "Taille (octets)"})
    unused_items: Mapped[str] = mapped_column(Text, default="",
                                              info={"label": "Rubriques non utilisées"})
    uploaded_by: Mapped[str] = mapped_column(String(200), info={"label": "Déposé par"})
    uploaded_at: Mapped[dt.datetime] = mapped_column(default=utcnow,
                                                     info={"label": "Déposé le"})

    template: Mapped[FunderTemplate] = relationship(back_populates="versions")

    def __str__(self) -> str:
        return f"{self.template.title} – version {self.number}"

