"""Documents for people outside the application: XLSX workbooks and PDF reports."""

from flask import Response, abort

from tracker.documents.formats import mimetype_of
from tracker.documents.storage import read_document


def download(content: bytes, filename: str) -> Response:
    """A file the browser saves (never rendered inline, never cached)."""
    # the whole type as the registry writes it (« text/csv; charset=utf-8 »): given as the
    # mimetype, Flask would add its charset a second time
    response = Response(content, content_type=mimetype_of(filename))
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def download_stored(stored_as: str | None, filename: str) -> Response:
    """An uploaded document (a proof, a receipt, a convention) as a download: 404 when there
    is none, or when its file is no longer on disk."""
    if not stored_as:
        abort(404)
    try:
        content = read_document(stored_as)
    except FileNotFoundError:
        abort(404)
    return download(content, filename)
