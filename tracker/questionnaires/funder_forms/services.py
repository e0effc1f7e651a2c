"""The office's funder forms: uploaded (checked first: a refused template writes nothing),
versioned, retired; filled with a year's report for a download, the command line and the
finalised archive."""

import hashlib
import io

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from werkzeug.datastructures import FileStorage

from tracker.actors import current_actor
from tracker.db import utcnow
from tracker.documents.storage import MAX_DOCUMENT_BYTES, read_document, store_document
from tracker.errors import DomainError, ValidationError
from tracker.extensions import db
from tracker.formatting import quoted
from tracker.questionnaires.funder_forms.docx_template import check_docx, fill_docx
from tracker.questionnaires.funder_forms.problems import TemplateCheck, TemplateRefused
from tracker.questionnaires.funder_forms.values import report_values
from tracker.questionnaires.funder_forms.xlsx_template import check_xlsx, fill_xlsx
from tracker.questionnaires.funder_forms.xlsx_values import report_cells
from tracker.questionnaires.models import (
    TEMPLATE_FORMATS,
    FunderTemplate,
    FunderTemplateVersion,
)
from tracker.questionnaires.report import Report
from tracker.questionnaires.schema import Definition
from tracker.text import slugify

FORMATS = tuple(TEMPLATE_FORMATS)  # docx, xlsx
REFUSED = {"xlsm": "un classeur à macros (.xlsm) est refusé : enregistrez-le en .xlsx",
           "docm": "un document à macros (.docm) est refusé : enregistrez-le en .docx",
           "xls": "l'ancien format .xls n'est pas lu : enregistrez le classeur en .xlsx",
           "doc": "l'ancien format .doc n'est pas lu : enregistrez le document en .docx",
           "odt": "enregistrez le document au format Word (.docx)",
           "ods": "enregistrez le classeur au format Excel (.xlsx)"}
CHANGED = "Le modèle ne correspond plus à la définition du questionnaire"


def template_format(filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension in FORMATS:
        return extension
    reason = REFUSED.get(extension, "un modèle est un document Word (.docx) ou un classeur "
                                    "Excel (.xlsx)")
    raise ValidationError("file", reason[0].upper() + reason[1:] + ".")


def check_template(definition: Definition, content: bytes, filename: str) -> TemplateCheck:
    """Every placeholder (Word) or bound name (Excel) checked against the definition."""
    if template_format(filename) == "docx":
        return check_docx(definition, content)
    return check_xlsx(definition, content)


def fill(definition: Definition, report: Report, content: bytes, filename: str) -> bytes:
    """The template filled with the report, checked again first (the definition may have
    changed since it was uploaded)."""
    check = check_template(definition, content, filename)
    if not check.accepted:
        raise TemplateRefused(check.problems, CHANGED)
    if check.format == "docx":
        return fill_docx(content, report_values(report))
    return fill_xlsx(content, definition, report_cells(report))


def templates_of(definition: Definition) -> list[FunderTemplate]:
    """The definition's forms, those in use first, then the retired ones."""
    templates = db.session.scalars(select(FunderTemplate).where(
        FunderTemplate.definition_id == definition.id).order_by(FunderTemplate.id)).all()
    return sorted(templates, key=lambda template: template.retired_at is not None)


def templates_in_use(definition: Definition) -> list[FunderTemplate]:
    return [template for template in templates_of(definition)
            if template.retired_at is None and template.latest is not None]


def get_template(definition: Definition, template_id: int) -> FunderTemplate:
    template = db.session.get(FunderTemplate, template_id)
    if template is None or template.definition_id != definition.id:
        raise DomainError("Ce formulaire du financeur n'existe pas pour ce questionnaire.")
    return template


def upload_template(definition: Definition, upload: FileStorage, title: str = "",
                    template_id: int | None = None) -> tuple[FunderTemplateVersion,
                                                               TemplateCheck]:
    """Check the file, then keep it: a new form, or the next version of `template_id`."""
    filename = upload.filename or ""
    kind = template_format(filename)
    content = upload.read(MAX_DOCUMENT_BYTES + 1)
    check = check_template(definition, content, filename)
    if not check.accepted:
        raise TemplateRefused(check.problems)
    if template_id:
        template = get_template(definition, template_id)
        if template.retired_at is not None:
            raise ValidationError("template", "Ce formulaire est retiré : déposez-le comme un "
                                              "nouveau formulaire.")
        if template.format != kind:
            raise ValidationError("file", f"{quoted(template.title)} est un modèle "
                                          f"{template.format_name} : déposez un fichier "
                                          f".{template.format}.")
    else:
        template = FunderTemplate(definition_id=definition.id, format=kind,
                                  title=(title or "").strip()[:200]
                                  or filename.rsplit(".", 1)[0][:200])
        db.session.add(template)
    stored, original = store_document(FileStorage(io.BytesIO(content), filename), "file",
                                      FORMATS)
    version = FunderTemplateVersion(
        template=template, number=len(template.versions) + 1, filename=original,
        stored=stored, sha256=hashlib.sha256(content).hexdigest(), size=len(content),
        unused_items=", ".join(check.unused), uploaded_by=current_actor().label)
    db.session.add(version)
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError as error:
        raise DomainError("Une autre version de ce formulaire vient d'être déposée : "
                          "déposez le vôtre à nouveau.") from error
    return version, check


def retire_template(definition: Definition, template_id: int) -> FunderTemplate:
    template = get_template(definition, template_id)
    if template.retired_at is not None:
        raise DomainError("Ce formulaire est déjà retiré.")
    template.retired_at = utcnow()
    db.session.flush()
    return template


def template_content(version: FunderTemplateVersion) -> bytes:
    """The uploaded file, checked against the SHA-256 recorded at upload."""
    try:
        content = read_document(version.stored)
    except OSError as problem:
        raise DomainError(f"Le fichier du formulaire {quoted(version.template.title)} est "
                          "introuvable sur le disque.") from problem
    if hashlib.sha256(content).hexdigest() != version.sha256:
        raise DomainError(f"Le fichier du formulaire {quoted(version.template.title)} ne "
                          "correspond plus à son empreinte SHA-256 : déposez-le à nouveau.")
    return content


def fill_template(definition: Definition, report: Report,
                  version: FunderTemplateVersion) -> bytes:
    return fill(definition, report, template_content(version), version.filename)


def filled_filename(report: Report, version: FunderTemplateVersion,
                    archived_as: int | None = None) -> str:
    """« cocof-ambulatoire-2025-formulaire-rapport-cocof.docx » (« …-v2.docx » archived)."""
    suffix = f"-v{archived_as}" if archived_as else ""
    return (f"{report.filename_stem}-formulaire-{slugify(version.template.title)}{suffix}."
            f"{version.template.format}")
