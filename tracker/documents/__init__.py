"""Documents for people outside the application: XLSX workbooks and PDF reports."""

from flask import Response

MIMETYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
}


def download(content: bytes, filename: str) -> Response:
    """A file the browser saves (never rendered inline, never cached)."""
    extension = filename.rsplit(".", 1)[-1]
    response = Response(content, mimetype=MIMETYPES.get(extension, "application/octet-stream"))
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
