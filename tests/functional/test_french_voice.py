"""One French voice: every page a role reaches on the demo, and every form's own messages,
speak French and name things, never by their code."""

import io
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.helpers import NOT_PAGES, post_form
from tracker.demo import DEMO_LOGINS
from tracker.forms import Form
from tracker.funders.models import Funder

# WTForms' own English messages (and the browser-side wording people met before).
ENGLISH = re.compile(r"Not a valid|This field is required|Number must be|Field must be|"
                     r"Invalid (?:choice|value|input|email|date)|Choose File|No file chosen")
# A vocabulary code shown raw: lower-case words joined by underscores (a_faire, en_cours).
RAW_CODE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
ROLE_CODES = re.compile(r"\b(?:director|secretary|board|staff)\b")


class VisibleText(HTMLParser):
    """The text a person reads: no scripts, styles, code cells or typed-in text areas."""

    HIDDEN = {"script", "style", "code", "textarea"}

    def __init__(self):
        super().__init__()
        self.parts, self.links, self._hidden = [], [], []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        if tag in ("input", "br", "img", "meta", "link"):
            return
        hidden = tag in self.HIDDEN or "code" in (attributes.get("class") or "").split()
        self._hidden.append(hidden)

    def handle_endtag(self, tag):
        if tag not in ("input", "br", "img", "meta", "link") and self._hidden:
            self._hidden.pop()

    def handle_data(self, data):
        if not any(self._hidden):
            self.parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())


def crawl(client, start: str = "/", limit: int = 400) -> dict[str, VisibleText]:
    """Every page reachable by links from the home page, each path once (each activity type's
    entry form once)."""
    seen, queue, pages = set(), [start], {}
    while queue and len(pages) < limit:
        url = queue.pop(0)
        parts = urlsplit(url)
        path = parts.path + ("?" + parts.query if parts.query.startswith("type=") else "")
        if path in seen or NOT_PAGES.search(url):
            continue
        seen.add(path)
        response = client.get(url)
        if response.status_code != 200 or response.mimetype != "text/html":
            assert response.status_code < 500, f"{url}: {response.status_code}"
            continue
        parser = VisibleText()
        parser.html = response.get_data(as_text=True)
        parser.feed(parser.html)
        pages[url] = parser
        for link in parser.links:
            target = urljoin(url, link)
            if target.startswith("/") and not target.startswith("//"):
                queue.append(target.split("#")[0])
    return pages


@pytest.mark.engine_independent  # the words (test_hardening opens every page on both)
def test_no_english_and_no_raw_code_on_any_page_of_any_role(demo_app, demo_db):
    # A funder's code is raw wherever people write it otherwise (AVIQ vs « AViQ »).
    codes = [funder.code for funder in demo_db.session.scalars(demo_db.select(Funder))
             if funder.code != funder.label]
    funder_code = re.compile(r"\b(?:" + "|".join(map(re.escape, codes)) + r")\b")
    problems = []
    for email, password, _name, role in DEMO_LOGINS:  # one demo, every role's browser
        client = demo_app.test_client()
        response = post_form(client, "/login", {"email": email, "password": password})
        assert response.status_code == 302
        pages = crawl(client)
        assert len(pages) >= (10 if role.value == "staff" else 40), (role, sorted(pages))
        for url, page in pages.items():
            if page.html.count('type="file"') != page.html.count("Choisir un fichier…"):
                problems.append(f"{role.value} {url}: a file input without its French picker")
            for pattern in (ENGLISH, RAW_CODE, ROLE_CODES, funder_code):
                for match in pattern.finditer(page.text):
                    around = page.text[max(match.start() - 40, 0):match.end() + 40]
                    problems.append(f"{role.value} {url}: « {match.group()} » in …{around}…")
    assert not problems, "\n".join(problems[:40])


EXPORT = re.compile(r"format=(?:xlsx|pdf)|/telecharger/(?:pdf|docx|xlsx)$|/decompte\.(?:xlsx|pdf)$")


def export_text(response) -> str:
    """The words of an exported file, whatever its format."""
    data = io.BytesIO(response.data)
    if response.data.startswith(b"%PDF"):
        return " ".join(page.extract_text() for page in PdfReader(data).pages)
    if "wordprocessingml" in response.mimetype:
        document = Document(data)
        cells = [cell.text for table in document.tables for row in table.rows
                 for cell in row.cells]
        return " ".join([paragraph.text for paragraph in document.paragraphs] + cells)
    workbook = load_workbook(data, read_only=True)
    return " ".join(str(value) for sheet in workbook.worksheets
                    for row in sheet.iter_rows(values_only=True) for value in row
                    if isinstance(value, str))


@pytest.mark.engine_independent  # the words (test_hardening opens every page on both)
def test_no_english_and_no_funder_code_in_any_export(demo_app, demo_db):
    codes = [funder.code for funder in demo_db.session.scalars(demo_db.select(Funder))
             if funder.code != funder.label]
    funder_code = re.compile(r"\b(?:" + "|".join(map(re.escape, codes)) + r")\b")
    email, password = next((e, p) for e, p, _n, r in DEMO_LOGINS if r.value == "director")
    client = demo_app.test_client()
    post_form(client, "/login", {"email": email, "password": password})
    exports = sorted({urljoin(url, link) for url, page in crawl(client).items()
                      for link in page.links if EXPORT.search(link)})
    assert len(exports) >= 10, exports
    problems = []
    for url in exports:
        response = client.get(url)
        assert response.status_code == 200, url
        text = " ".join(export_text(response).split())
        for pattern in (ENGLISH, funder_code):
            problems += [f"{url}: « {match.group()} »" for match in pattern.finditer(text)]
    assert not problems, "\n".join(problems[:40])


def test_no_english_and_no_code_in_the_reminder_e_mails(demo_app, demo_db, tmp_path):
    from datetime import date

    from tests.functional.test_reminders import read_outbox
    from tracker.deadlines.reminders import send_reminders

    saved = demo_app.config["TRACKER_MAIL_OUTBOX"]
    demo_app.config["TRACKER_MAIL_OUTBOX"] = str(tmp_path)
    try:
        for day in ("2026-12-03", "2027-01-14", "2027-06-08"):
            send_reminders(date.fromisoformat(day))
    finally:
        demo_app.config["TRACKER_MAIL_OUTBOX"] = saved
    messages = read_outbox(tmp_path)
    assert len(messages) >= 3
    codes = [funder.code for funder in demo_db.session.scalars(demo_db.select(Funder))
             if funder.code != funder.label]
    funder_code = re.compile(r"\b(?:" + "|".join(map(re.escape, codes)) + r")\b")
    for message in messages:
        text = message["Subject"] + " " + message.get_content()
        for pattern in (ENGLISH, RAW_CODE, ROLE_CODES, funder_code):
            assert not pattern.search(text), (pattern.search(text).group(), text[:500])


def every_form_class():
    found, pending = [], [Form]
    while pending:
        for subclass in pending.pop().__subclasses__():
            found.append(subclass)
            pending.append(subclass)
    return found


def test_every_form_answers_bad_input_in_french(app):
    """Each field of each form gets what a hurried or English-speaking user types."""
    import tracker.forms  # noqa: F401  (every module's forms are imported by create_app)

    forms = every_form_class()
    assert len(forms) >= 20
    bad = {"FrenchDateField": "12/31/2024", "WholeNumberField": "7,5", "DurationField": "7,5",
           "FrenchDecimalField": "un demi", "SelectField": "n'importe quoi",
           "EmailField": "pas-une-adresse"}
    checked = []
    with app.test_request_context(method="POST"):
        for form_class in forms:
            from werkzeug.datastructures import MultiDict

            form = form_class(formdata=MultiDict(), meta={"csrf": False})
            data = MultiDict({name: bad.get(field.type, "x" * 400) for name, field in
                              form._fields.items()})
            form = form_class(formdata=data, meta={"csrf": False})
            for field in form:
                if field.type == "SelectField" and not field.choices:
                    field.choices = [("a", "A")]
            form.validate()
            messages = [message for errors in form.errors.values() for message in errors
                        if isinstance(message, str)]
            checked.extend(messages)
            for message in messages:
                assert not ENGLISH.search(message), (form_class.__name__, message)
                assert not re.search(r"\b(?:the|must|valid|field|value)\b", message), (
                    form_class.__name__, message)
    assert len(checked) >= 40  # the bad input was really refused, field after field
