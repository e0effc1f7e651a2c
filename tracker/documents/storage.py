"""Uploaded documents: type-checked by content, size-limited, stored outside static files
under random names, served only through signed-in views."""

import secrets
from pathlib import Path

from flask import current_app
from sqlalchemy import event
from sqlalchemy.orm import Session
from werkzeug.datastructures import FileStorage
from werkzeug.utils import secure_filename

from tracker.errors import ValidationError, not_written
from tracker.extensions import db

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
SIGNATURES = {  # what the first bytes must be, by extension
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",), "jpeg": (b"\xff\xd8\xff",),
    "docx": (b"PK\x03\x04",), "xlsx": (b"PK\x03\x04",), "odt": (b"PK\x03\x04",),
}
DOCUMENT_EXTENSIONS = tuple(SIGNATURES)
RECEIPT_EXTENSIONS = ("pdf", "png", "jpg", "jpeg")  # a receipt is a scan or a PDF
FORMAT_NAMES = {"pdf": "PDF", "png": "PNG", "jpg": "JPEG", "jpeg": "JPEG", "docx": "DOCX",
                "xlsx": "XLSX", "odt": "ODT"}


MAX_NAME = 200  # the name kept beside a document (its columns hold 255 characters)
WRITTEN_FILES = "documents_written"  # the session's files written since its last commit


@event.listens_for(Session, "after_commit")
def _kept(session: Session) -> None:
    session.info.pop(WRITTEN_FILES, None)


def remove_uncommitted_documents(_exception: BaseException | None = None) -> None:
    """At the end of a request (create_app registers it): a document stored for a change
    that was never committed (refused, rolled back, a database error) names nothing."""
    for path in db.session.info.pop(WRITTEN_FILES, []):
        path.unlink(missing_ok=True)


def shortened(filename: str, limit: int = MAX_NAME) -> str:
    """A file name cut to `limit` characters, its extension kept (« rapport….pdf »)."""
    if len(filename) <= limit:
        return filename
    stem, dot, extension = filename.rpartition(".")
    if not dot or len(extension) > 10:
        return filename[:limit]
    return f"{stem[:limit - len(extension) - 1]}.{extension}"


def store_document(upload: FileStorage, field: str = "file",
                   accepted: tuple[str, ...] = DOCUMENT_EXTENSIONS,
                   limit: int = MAX_DOCUMENT_BYTES) -> tuple[str, str]:
    """Check and store an upload of one of the `accepted` kinds, of at most `limit` bytes;
    returns (stored name, original file name)."""
    original = shortened(secure_filename(upload.filename or "") or "document")
    extension = original.rsplit(".", 1)[-1].lower() if "." in original else ""
    content = upload.read(limit + 1)
    if len(content) > limit:
        raise ValidationError(field, f"Le fichier dépasse {limit // (1024 * 1024)} Mo.")
    if not content:
        raise ValidationError(field, "Le fichier est vide.")
    if extension not in accepted or not content.startswith(SIGNATURES[extension]):
        names = ", ".join(dict.fromkeys(FORMAT_NAMES[kind] for kind in accepted))
        raise ValidationError(field, f"Formats acceptés : {names} "
                                     "(le contenu doit correspondre à l'extension).")
    folder = Path(current_app.config["DOCUMENTS_DIR"])
    stored = f"{secrets.token_hex(16)}.{extension}"
    path = folder / stored
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    except OSError as error:
        path.unlink(missing_ok=True)  # a partial file of a full disk
        raise not_written(error, field) from error
    # removed again if the transaction that names it does not commit
    db.session.info.setdefault(WRITTEN_FILES, []).append(path)
    return stored, original


def read_document(stored: str) -> bytes:
    path = Path(current_app.config["DOCUMENTS_DIR"]) / Path(stored).name
    return path.read_bytes()
