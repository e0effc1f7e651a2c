"""Documents for people outside the application: XLSX workbooks and PDF reports."""

from flask import Response

from tracker.documents.formats import mimetype_of


def download(content: bytes, filename: str) -> Response:
    """A file the browser saves (never rendered inline, never cached)."""
    response = Response(content, mimetype=mimetype_of(filename))
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
