"""The annual report to the general assembly (issue 29, part 2): on the demo, a PDF whose
bookmarks list every section and one annex per archived questionnaire of the year, whose
figures equal the questionnaires' and `tracker staffing`'s, whose money page passes the
board's small-group rule; a Word file LibreOffice opens with its headings; texts written on
the page, versions produced by a job and archived, read and downloaded by the board."""

import io
import json
import os
from collections import defaultdict
from datetime import date

import pypdf
from docx import Document
from sqlalchemy import func, select

from tests.helpers import csrf_token, pdf_text, post_form, questionnaire_figure
from tests.office_files import libreoffice_text
from tracker.annual_report.models import AnnualReportFile, AnnualReportText
from tracker.cli import cli
from tracker.finance.charging import charged_lines
from tracker.formatting import format_fte, format_number
from tracker.funders.models import Instrument
from tracker.questionnaires.models import QuestionnaireArchive, QuestionnaireResponse

YEAR = date.today().year - 1
SECTIONS = ["1. Le mot de la direction", "2. Faits marquants de l'année",
            "3. L'année en chiffres", "4. L'équipe", "5. Les finances",
            "6. Les plans d'action", "7. La gouvernance", "8. Les partenariats",
            "9. Perspectives"]


def run(app, *args):
    return app.test_cli_runner().invoke(cli, list(args))


def outline(reader: pypdf.PdfReader) -> list[tuple[int, str, int]]:
    """(level, title, page number) of every bookmark."""
    found = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append((level, item.title, reader.get_destination_page_number(item) + 1))
    walk(reader.outline, 0)
    return found


def row(label: str, item: str) -> str:
    """The year-in-figures row: the label, last year's figure, this year's."""
    return " ".join([label, *(format_number(questionnaire_figure(item, year))
                              for year in (YEAR - 1, YEAR))]).replace("\u202f", " ")


def test_the_demo_report_bookmarks_every_section_and_annex_with_the_questionnaires_figures(
        demo_app, demo_db, tmp_path):
    out = tmp_path / "rapport.pdf"
    result = run(demo_app, "annual-report", "--year", str(YEAR), "--format", "pdf", "--out",
                 str(out))
    assert result.exit_code == 0, result.output
    reader = pypdf.PdfReader(out)
    marks = outline(reader)
    chapters = [title for level, title, _page in marks if level == 0]
    assert chapters[:len(SECTIONS)] == SECTIONS
    archived = demo_db.session.scalar(
        select(func.count(QuestionnaireResponse.id)).where(
            QuestionnaireResponse.year == YEAR, QuestionnaireResponse.archives.any()))
    annexes = [(title, page) for level, title, page in marks
               if level == 1 and title.startswith("Annexe ")]
    assert archived == 3 and len(annexes) == archived
    assert "Annexe 1 : Rapport d'activité – promotion de la santé (AViQ)" in dict(annexes)
    # each annex is the archived PDF itself, from the page after its heading
    response = demo_db.session.scalar(select(QuestionnaireResponse).where(
        QuestionnaireResponse.year == YEAR, QuestionnaireResponse.definition_id == "pssp"))
    archive: QuestionnaireArchive = response.archives[-1]
    archived_pdf = next(file for file in archive.files if file.format == "pdf")
    from tracker.questionnaires.archives import read_archived_file
    own = pypdf.PdfReader(io.BytesIO(read_archived_file(archived_pdf)))
    page = dict(annexes)["Annexe 2 : Rapport d'activité – postes financés par le PSSP"]
    assert reader.pages[page].extract_text() == own.pages[0].extract_text()
    assert len(reader.pages) >= page + len(own.pages)

    text = " ".join(pdf_text(out.read_bytes()).split())  # cells one after the other
    assert row("Appels traités",
               "{id: a, label: A, metric: count, where: {type: appel}}") in text
    assert row("Personnes suivies (dossiers)", "{id: a, label: A, metric: persons}") in text
    assert row("Participants à ces actions", "{id: a, label: A, metric: 'sum:participants', "
               "where: {type: [sensibilisation, accompagnement, expertise, formation, "
               "atelier], sens: donne}}") in text
    # the team's FTE: those `tracker staffing` prints at the year's end and over the year
    at_end = json.loads(run(demo_app, "staffing", "--at", f"31/12/{YEAR}", "--format",
                            "json").output)
    average = json.loads(run(demo_app, "staffing", "--from", f"01/01/{YEAR}", "--to",
                             f"31/12/{YEAR}", "--format", "json").output)
    total_line = (f"Total {format_fte(round(at_end['total'], 3))} "
                  f"{format_fte(round(average['total'], 3))}").replace(" ETP", "")
    assert total_line in text
    # the action plans' evaluation is there
    assert "Plan d'action communautaire 2023-2028" in text

    # money: an instrument named alone has its personnel costs over three persons or more
    start = next(page for level, title, page in marks if title == "5. Les finances")
    end = next(page for level, title, page in marks if title == "6. Les plans d'action")
    money = "\n".join(reader.pages[number - 1].extract_text() for number in range(start, end))
    persons_of = defaultdict(set)
    for line in charged_lines(date(YEAR, 1, 1), date(YEAR, 12, 31)):
        persons_of[line.instrument_id].add(line.person_id)
    small = [instrument for instrument in demo_db.session.scalars(select(Instrument))
             if 0 < len(persons_of.get(instrument.id, ())) < 3]
    assert small, "the demo has instruments paying one or two persons"
    for instrument in small:
        assert instrument.title not in money.replace("\n", " "), instrument.title
    assert "Autres instruments (moins de 3 personnes chacun)" in money.replace("\n", " ")


def test_the_word_file_opens_in_libreoffice_with_its_headings(demo_app, demo_db, tmp_path):
    out = tmp_path / "rapport.docx"
    result = run(demo_app, "annual-report", "--year", str(YEAR), "--format", "docx", "--out",
                 str(out))
    assert result.exit_code == 0, result.output
    document = Document(out)
    headings = [(paragraph.style.name, paragraph.text) for paragraph in document.paragraphs
                if paragraph.style.name.startswith("Heading")]
    assert [text for style, text in headings if style == "Heading 1"][:len(SECTIONS)] == \
        SECTIONS
    assert ("Heading 2", "Annexe 2 : Rapport d'activité – postes financés par le PSSP") \
        in headings
    assert document.settings.element.xpath("//w:updateFields")
    text = libreoffice_text(out.read_bytes())
    for section in (*SECTIONS, "Annexe 2 : Rapport d'activité – postes financés par le PSSP"):
        assert section in text


def test_texts_versions_and_who_may_do_what(demo_app, demo_db, tmp_path):
    from tests.helpers import signed_in_client  # noqa: F401  (the demo's own accounts below)
    from tracker.demo import DEMO_LOGINS
    from tracker.jobs.services import run_waiting_jobs

    def client_of(role: str):
        email, password = next((e, p) for e, p, _n, r in DEMO_LOGINS if r.value == role)
        client = demo_app.test_client()
        response = post_form(client, "/login", {"email": email, "password": password})
        assert response.status_code == 302
        return client

    director = client_of("director")
    page = director.get(f"/rapport-annuel/?annee={YEAR + 1}").get_data(as_text=True)
    assert "Textes de " + str(YEAR) + " proposés" in page  # last year's offered
    assert "réseau bruxellois et wallon" in page
    response = post_form(director, f"/rapport-annuel/?annee={YEAR}", {
        "introduction": "Une année <b>dense</b>.", "faits_marquants": "", "perspectives": "x"})
    assert response.status_code == 302
    texts = dict(demo_db.session.execute(select(AnnualReportText.section, AnnualReportText.text)
                                         .where(AnnualReportText.year == YEAR)).all())
    assert texts == {"introduction": "Une année <b>dense</b>.", "perspectives": "x"}
    response = post_form(director, f"/rapport-annuel/{YEAR}/produire", {})
    assert response.status_code == 302 and "tache=" in response.headers["Location"]
    run_waiting_jobs()
    page = director.get(response.headers["Location"]).get_data(as_text=True)
    assert "Rapport produit : version 2 archivée" in page
    files = demo_db.session.scalars(select(AnnualReportFile).order_by(AnnualReportFile.id)).all()
    newest = [file for file in files if file.report_version.version == 2]
    assert sorted(file.format for file in newest) == ["docx", "pdf"]

    board = client_of("board")
    assert "Produire et archiver" not in board.get(f"/rapport-annuel/?annee={YEAR}").get_data(
        as_text=True)
    pdf = next(file for file in newest if file.format == "pdf")
    download = board.get(f"/rapport-annuel/telecharger/{pdf.id}")
    assert download.status_code == 200 and download.data.startswith(b"%PDF")
    assert "Une année <b>dense</b>." in pdf_text(download.data)  # text, not markup
    assert post_form(board, f"/rapport-annuel/{YEAR}/produire", {}).status_code == 403
    assert post_form(board, f"/rapport-annuel/?annee={YEAR}",
                     {"introduction": "non"}).status_code == 403
    board.get(f"/logout?jeton={csrf_token(board)}")
    # an archived file changed on the disk is refused, in French
    path = os.path.join(demo_app.config["EXPORT_DIR"], pdf.path)
    os.chmod(path, 0o644)
    with open(path, "ab") as tampered:
        tampered.write(b"%")
    refused = director.get(f"/rapport-annuel/telecharger/{pdf.id}", follow_redirects=True)
    assert "empreinte SHA-256" in refused.get_data(as_text=True)
    staff = client_of("staff")
    assert staff.get("/rapport-annuel/").status_code == 403


def test_a_questionnaire_counting_persons_is_archived_with_the_boards_version(demo_app,
                                                                              demo_db):
    """The board reads the « < 3 » version of a finalised questionnaire (and the annual
    report takes that one as its annex), never the office's."""
    from tracker.demo import DEMO_LOGINS

    response = demo_db.session.scalar(select(QuestionnaireResponse).where(
        QuestionnaireResponse.year == YEAR,
        QuestionnaireResponse.definition_id == "spw-assuetudes"))
    files = response.archives[-1].files
    board_pdf = next(file for file in files if file.for_board and file.format == "pdf")
    office_pdf = next(file for file in files if not file.for_board and file.format == "pdf"
                      and file.template_version_id is None)
    email, password = next((e, p) for e, p, _n, r in DEMO_LOGINS if r.value == "board")
    board = demo_app.test_client()
    post_form(board, "/login", {"email": email, "password": password})
    assert board.get(f"/questionnaires/archives/{board_pdf.id}").status_code == 200
    assert board.get(f"/questionnaires/archives/{office_pdf.id}").status_code == 302
