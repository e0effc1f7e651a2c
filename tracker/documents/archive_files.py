"""Archived files: written once, read only, under EXPORT_DIR, each with the SHA-256 of its
bytes; read back only when they still match it. A finalised questionnaire's files and an
annual report's versions are kept this way."""

import hashlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from flask import current_app

from tracker.errors import DomainError


@dataclass(frozen=True)
class WrittenFile:
    filename: str
    path: str  # relative to EXPORT_DIR
    sha256: str
    size: int


def export_root() -> Path:
    return Path(current_app.config["EXPORT_DIR"])


def new_folder(*parts: str) -> Path:
    """A new folder EXPORT_DIR/parts…; if it exists (another run at the same time, or one
    whose transaction failed), a new name beside it: files already there are never touched."""
    folder = export_root().joinpath(*parts)
    folder.parent.mkdir(parents=True, exist_ok=True)
    candidate = folder
    while True:
        try:
            candidate.mkdir()
            return candidate
        except FileExistsError:
            candidate = folder.with_name(f"{folder.name}-{secrets.token_hex(4)}")


def write_read_only(folder: Path, filename: str, content: bytes) -> WrittenFile:
    path = folder / filename
    path.write_bytes(content)
    os.chmod(path, 0o444)
    return WrittenFile(path.name, str(path.relative_to(export_root())),
                       hashlib.sha256(content).hexdigest(), len(content))


def read_checked(path: str, sha256: str) -> bytes:
    """The archived bytes, checked against the SHA-256 recorded when they were written."""
    try:
        content = (export_root() / path).read_bytes()
    except OSError as problem:
        raise DomainError("Le fichier archivé est introuvable sur le disque.") from problem
    if hashlib.sha256(content).hexdigest() != sha256:
        raise DomainError("Le fichier archivé ne correspond plus à son empreinte SHA-256 : "
                          "il a été modifié après la finalisation.")
    return content
