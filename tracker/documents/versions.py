"""Documents kept in versions (an instrument's arrêté, a meeting's PV, a statutes text): each
row may name the newer row that replaced it; the older rows are kept and listed under the
current one. One way for every table of versioned documents."""

from collections.abc import Iterable
from typing import Protocol, TypeVar

from werkzeug.datastructures import FileStorage

from tracker.documents.storage import store_document
from tracker.errors import ValidationError
from tracker.extensions import db


class Versioned(Protocol):
    id: int
    replaced_by_id: int | None
    filename: str
    stored_as: str


Document = TypeVar("Document", bound=Versioned)

# What a versioned document may be: PDF, JPEG, PNG, DOCX or XLSX (checked by content), 20 MB.
DOCUMENT_FORMATS = ("pdf", "jpg", "jpeg", "png", "docx", "xlsx")
DOCUMENT_LIMIT = 20 * 1024 * 1024


def current_versions(documents: Iterable[Document]) -> list[Document]:
    return [document for document in documents if document.replaced_by_id is None]


def earlier_versions(documents: Iterable[Document]) -> dict[int, list[Document]]:
    """Each current document's older versions, newest first: the whole chain (v1 → v2 → v3
    lists v2 and v1 under v3), each version having replaced exactly one."""
    documents = list(documents)
    replaced = {document.replaced_by_id: document for document in documents
                if document.replaced_by_id is not None}
    chains = {}
    for document in current_versions(documents):
        chain, newer = [], document.id
        while newer in replaced:
            chain.append(replaced[newer])
            newer = replaced[newer].id
        chains[document.id] = chain
    return chains


def add_version(document: Document, upload: FileStorage, siblings: Iterable[Document],
                replaces_id: int | None = None) -> Document:
    """Store the upload as the new row `document` (its owner and kind already set);
    `replaces_id`: one of the owner's current documents (`siblings`), which it replaces
    and which is kept."""
    replaced = None
    if replaces_id:
        replaced = next((sibling for sibling in current_versions(siblings)
                         if sibling.id == replaces_id), None)
        if replaced is None:
            raise ValidationError("replaces", "Ce document n'est pas une version en cours.")
    document.stored_as, document.filename = store_document(upload, "file", DOCUMENT_FORMATS,
                                                           DOCUMENT_LIMIT)
    db.session.add(document)
    db.session.flush()
    if replaced is not None:
        replaced.replaced_by_id = document.id
        db.session.flush()
    return document
