"""Small helpers for view tests."""

import io
import re

import pypdf
from flask.testing import FlaskClient

# Links the page crawlers do not follow: files (downloads, exports, proofs, receipts,
# décomptes, templates, the board pack, the calendar feed) and signing out.
NOT_PAGES = re.compile(r"/logout|/preuve$|/documents/\d+$|\.ics$|format=|/telecharger|/archives/"
                       r"|/modele\.|/dossier-ca|/justificatif$|/decompte\.|/registre/")
CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')
CSRF_FIELD = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def csrf_token(client: FlaskClient, path: str = "/") -> str:
    """A valid CSRF token for this client's session, read from a rendered page (signed out,
    "/" leads to the login page)."""
    html = client.get(path, follow_redirects=True).get_data(as_text=True)
    match = CSRF_META.search(html) or CSRF_FIELD.search(html)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def post_form(client: FlaskClient, path: str, data: dict, **kwargs):
    """POST a form the way a browser would, with this session's CSRF token and the hidden
    marker every form page sends (tracker.forms.Form.form_sent)."""
    return client.post(path, data={"form_sent": "1", **data, "csrf_token": csrf_token(client)},
                       **kwargs)


def signed_in_client(app, email: str) -> FlaskClient:
    """A browser of its own, signed in through the login form with this account."""
    from tests.factories import PASSWORD

    client = app.test_client()
    response = post_form(client, "/login", {"email": email, "password": PASSWORD})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return client


def post_upload(client: FlaskClient, path: str, data: dict):
    """Send a file from an upload page as a browser would, let the scheduler's job runner
    (the same function the scheduler calls) take it, and return the page that follows it,
    showing its result. A form refused before any job (no file) comes back as it is."""
    from tracker.jobs.services import run_waiting_jobs

    response = post_form(client, path, data, content_type="multipart/form-data")
    if response.status_code != 302:
        return response
    assert "tache=" in response.headers["Location"], response.headers["Location"]
    run_waiting_jobs()
    return client.get(response.headers["Location"])


def pdf_text(content: bytes) -> str:
    """The PDF's text, its narrow no-break spaces (« 2 164 ») read back as plain spaces."""
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def questionnaire_figure(item: str, year: int):
    """The figure a questionnaire holding only `item` (a YAML mapping) prints for the year,
    computed afresh."""
    from tracker.questionnaires.definition import parse_definition
    from tracker.questionnaires.report import build_report

    definition = parse_definition(
        "id: test-figure\nfunder: COCOF\ntitle: Test\nsections:\n  - title: Chiffres\n"
        f"    items:\n      - {item}\n", "test.yaml")
    return build_report(definition, year, cached=False).sections[0].items[0].value
