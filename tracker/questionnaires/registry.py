"""Where definitions come from: the shipped YAML files, and those the director uploaded."""

import hashlib

from tracker.activities.vocabulary import Vocabulary
from tracker.actors import current_actor
from tracker.db import utcnow
from tracker.errors import ValidationError
from tracker.extensions import db
from tracker.questionnaires.checks import check_codes
from tracker.questionnaires.definition import (
    MAX_DEFINITION_BYTES,
    DefinitionError,
    parse_definition,
    shipped_definitions,
)
from tracker.questionnaires.models import UploadedDefinition
from tracker.questionnaires.schema import Definition


def all_definitions() -> list[Definition]:
    uploaded = [parse_definition(row.content, row.filename)
                for row in db.session.scalars(db.select(UploadedDefinition)
                                              .order_by(UploadedDefinition.definition_id))]
    return shipped_definitions() + uploaded


def get_definition(definition_id: str) -> Definition | None:
    return next((d for d in all_definitions() if d.id == definition_id), None)


def definition_ids() -> list[str]:
    return [definition.id for definition in all_definitions()]


def upload_definition(content: bytes, filename: str) -> Definition:
    """Check a definition file (shape and codes) and keep it; a new upload of the same id
    replaces the previous one. Nothing is kept when the file has a problem."""
    if not content:
        raise ValidationError("file", "Le fichier est vide.")
    if len(content) > MAX_DEFINITION_BYTES:
        raise ValidationError("file", "Une définition fait au plus 256 Ko.")
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as problem:
        raise ValidationError("file", "Le fichier doit être en UTF-8.") from problem
    try:
        definition = parse_definition(text, filename or "définition.yaml")
        check_codes(definition, Vocabulary.load())
    except DefinitionError as problem:
        raise ValidationError("file", problem.message) from problem
    if any(shipped.id == definition.id for shipped in shipped_definitions()):
        raise ValidationError("file", f"« {definition.id} » est une définition livrée avec "
                                      "l'application : choisissez un autre id.")
    row = db.session.scalar(db.select(UploadedDefinition).where(
        UploadedDefinition.definition_id == definition.id)) or UploadedDefinition(
        definition_id=definition.id)
    row.filename, row.content = filename or f"{definition.id}.yaml", text
    row.sha256 = hashlib.sha256(content).hexdigest()
    row.uploaded_by, row.uploaded_at = current_actor().label, utcnow()
    db.session.add(row)
    db.session.flush()
    return definition
