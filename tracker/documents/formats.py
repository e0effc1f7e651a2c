"""The one registry of file formats: identifier (the file extension), the French label users
read, the mimetype it is served with. Every download and export link reads it, and every
`--format` of the command line (`table`: text for a terminal)."""

import mimetypes
from dataclasses import dataclass


@dataclass(frozen=True)
class FileFormat:
    identifier: str
    label: str
    mimetype: str


FORMATS = {file_format.identifier: file_format for file_format in (
    FileFormat("pdf", "PDF", "application/pdf"),
    FileFormat("docx", "Word (DOCX)",
               "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    FileFormat("xlsx", "Excel (XLSX)",
               "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    FileFormat("json", "JSON", "application/json"),
    FileFormat("csv", "CSV", "text/csv; charset=utf-8"),
    FileFormat("html", "Page web (HTML)", "text/html; charset=utf-8"),
    FileFormat("zip", "Archive ZIP", "application/zip"),
    FileFormat("table", "tableau lisible (terminal)", "text/plain; charset=utf-8"),
)}


def mimetype_of(filename: str) -> str:
    """The mimetype of a file name's extension: the registry's, else the usual one (a scanned
    receipt is image/png or image/jpeg), else a neutral one."""
    file_format = FORMATS.get(filename.rsplit(".", 1)[-1].lower())
    if file_format:
        return file_format.mimetype
    return mimetypes.guess_type(filename)[0] or "application/octet-stream"


def labels(*identifiers: str) -> dict[str, str]:
    """{identifier: French label}, in the order asked, for a row of download links."""
    return {identifier: FORMATS[identifier].label for identifier in identifiers}
