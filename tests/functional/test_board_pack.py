"""The board pack PDF reads well: no word cut in two, a heading never alone at a page's end,
totals and headers aligned with their figures."""

import io

from pypdf import PdfReader
from reportlab.platypus import CondPageBreak, Paragraph

from tests.helpers import post_form
from tracker.demo import DEMO_LOGINS
from tracker.documents.pdf import ReportDocument, column_widths
from tracker.documents.tables import DocTable, FteValue, numeric_columns
from tracker.staffing.models import Person


def test_no_name_is_cut_mid_word_in_the_board_pack(demo_app, demo_db):
    email, password = next((e, p) for e, p, _n, r in DEMO_LOGINS if r.value == "board")
    client = demo_app.test_client()
    post_form(client, "/login", {"email": email, "password": password})
    response = client.get("/personnel/dossier-ca?date=30/06/2025")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    words = set(" ".join(page.extract_text() for page in
                         PdfReader(io.BytesIO(response.data)).pages).split())
    names = [name for name in demo_db.session.scalars(demo_db.select(Person.full_name))
             if name.split()[0] in words]  # the people the pack lists
    assert len(names) >= 10
    # a cut name leaves its pieces: « Vande » and « rmeulen » for « Vandermeulen »
    pieces = [(word, token) for name in names for word in name.split() for token in words
              if token != word and len(token) >= 4 and (word.startswith(token)
                                                        or word.endswith(token))]
    assert not pieces, pieces


def test_columns_give_each_word_its_room():
    ReportDocument("Essai")  # registers the fonts
    texts = [["Personne", "Fonction(s)", "COCOF"],
             ["Colette Vandermeulen", "Éducateur / éducatrice, Psychologue", "0,5"]]
    widths = column_widths(texts, 3, available=250)
    from reportlab.pdfbase.pdfmetrics import stringWidth

    assert widths[0] >= stringWidth("Vandermeulen", "DejaVuSans", 8.5)
    assert widths[1] >= stringWidth("Psychologue", "DejaVuSans", 8.5)
    assert abs(sum(widths) - 250) < 0.01


def test_headings_keep_room_for_their_table_and_totals_align_with_figures():
    document = ReportDocument("Essai")
    table = DocTable("Effectifs", ["Personne", "Absent"], rows=[["Anna", ""], ["Bert", ""]],
                     totals=["Total", FteValue(0.5)])
    document.table(table)
    kinds = [type(flowable) for flowable in document.story]
    heading = next(index for index, flowable in enumerate(document.story)
                   if isinstance(flowable, Paragraph) and flowable.text == "Effectifs")
    assert kinds[heading - 1] is CondPageBreak
    assert numeric_columns(table) == {1}  # the totals row tells


def test_the_board_pack_has_its_money_pages_in_pdf_and_xlsx(demo_app, demo_db):
    from openpyxl import load_workbook

    from tracker.finance.coverage import coverage_of_year

    email, password = next((e, p) for e, p, _n, r in DEMO_LOGINS if r.value == "board")
    client = demo_app.test_client()
    post_form(client, "/login", {"email": email, "password": password})
    assert "format=xlsx" in client.get("/personnel/effectifs").get_data(as_text=True)
    response = client.get("/personnel/dossier-ca?date=30/06/2025&format=xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.data))
    money = next(sheet for sheet in workbook.worksheets if sheet.title.startswith("Subventions"))
    cells = [[cell for cell in row] for row in money.iter_rows(values_only=True)]
    granted = {row.instrument: float(row.granted) for row in coverage_of_year(2025)
               if row.granted is not None}
    assert granted and all(any(row[1] == title and row[3] == amount for row in cells)
                           for title, amount in granted.items())
    assert any(sheet.title.startswith("Frais de personnel") for sheet in workbook.worksheets)
    pdf = client.get("/personnel/dossier-ca?date=30/06/2025")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "Subventions 2025 : accordé et imputé" in text
