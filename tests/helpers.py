"""Small helpers for view tests."""

import re

from flask.testing import FlaskClient

# Links the page crawlers do not follow: files (downloads, exports, proofs, receipts,
# décomptes, templates, the board pack, the calendar feed) and signing out.
NOT_PAGES = re.compile(r"/logout|/preuve$|/documents/\d+$|\.ics$|format=|/telecharger|/archives/"
                       r"|/modele\.|/dossier-ca|/justificatif$|/decompte\.")
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
