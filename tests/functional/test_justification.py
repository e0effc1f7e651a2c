"""Operating expenses and the justification of a subsidy: shares never over 100 %, receipts
checked by content, an import refused whole, lines marked in bulk, the balance following the
funder's answers, the décompte in XLSX, PDF, JSON and ZIP with the same numbers, and a closed
year that cannot change until it is reopened (audited)."""

import io
import json
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage

from tests.factories import funder, make_allocation, make_person, make_user
from tests.helpers import post_form, signed_in_client
from tracker.audit.models import AuditEntry
from tracker.auth.roles import Role
from tracker.errors import ValidationError
from tracker.finance.expense_import import import_expenses
from tracker.finance.expenses import ShareInput, save_expense, split_cents
from tracker.finance.importer import import_costs
from tracker.finance.justification import close_year, justification_of, mark_lines, reopen_year
from tracker.finance.models import Expense, ExpenseShare
from tracker.funders.services import save_amount, save_instrument
from tracker.tabular import TableRefused

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def instrument(title="Subvention test", code="COCOF", start=date(2024, 1, 1),
               year_start_month=1, granted="5000", received="4000", year=2025):
    made = save_instrument(None, funder_id=funder(code).id, kind="subvention", title=title,
                           start_date=start, end_date=None, status="en_cours",
                           year_start_month=year_start_month)
    save_amount(made, year, None, Decimal(granted), Decimal(received))
    return made


def upload(content: bytes, name: str) -> FileStorage:
    return FileStorage(io.BytesIO(content), filename=name)


def expense(target, amount="1500", day=date(2025, 3, 10), shares=None, receipt=None, **fields):
    return save_expense(
        None, spent_on=day, supplier=fields.get("supplier", "Fournisseur test"),
        description=fields.get("description", "Matériel"),
        category_code=fields.get("category", "materiel"), amount=Decimal(amount),
        shares=[ShareInput(target.id, Decimal(100))] if shares is None else shares,
        receipt=receipt)


def signed_in(app, role: Role):
    """A browser of its own, signed in with a new user of that role."""
    return signed_in_client(app, make_user(role).email)


def scenario(db):
    """Granted 5.000, received 4.000; a psychologist's January (3.000,00) and an expense
    (1.500,00) charged to the instrument: 4.500,00."""
    target = instrument()
    person = make_person("Nina Lefèvre")
    make_allocation(person, 1, "COCOF", date(2025, 1, 1), instrument_id=target.id)
    import_costs("nom;mois;cout\nNina Lefèvre;01/2025;3000,00\n".encode(), "janvier.csv")
    bought = expense(target, receipt=upload(PDF, "facture.pdf"))
    db.session.flush()
    return target, bought


@given(st.integers(1, 10**9), st.lists(st.integers(1, 9900), min_size=1, max_size=4))
def test_shares_of_a_whole_expense_add_up_to_it_to_the_cent(total, weights):
    percents = [Decimal(weight) / 100 for weight in weights]
    whole = sum(percents)
    percents = [percent * 100 / whole for percent in percents]  # exactly 100 % in total?
    cents = split_cents(total, percents)
    if sum(percents) == 100:
        assert sum(cents) == total
    assert all(value >= 0 for value in cents)


def test_an_expense_split_between_two_instruments_is_charged_exactly(db):
    first, second = instrument("Premier"), instrument("Second", code="AVIQ")
    bought = expense(first, amount="100.01", shares=[ShareInput(first.id, Decimal(60)),
                                                     ShareInput(second.id, Decimal(40))])
    assert [share.cents for share in bought.shares] == [6001, 4000]
    assert sum(share.cents for share in bought.shares) == bought.amount_cents


@pytest.mark.parametrize("shares, field, message", [
    ([("a", 70), ("b", 40)], "percent_1", "dépassent 100 %"),
    ([("a", 0)], "percent_1", "entre 0 et 100"),
    ([("a", 50), ("a", 50)], "instrument_2", "déjà imputé"),
    ([("old", 100)], "instrument_1", "n'est pas en vigueur"),
    ([], "instrument_1", "au moins un instrument"),
])
def test_shares_beyond_the_expense_or_out_of_force_are_refused(db, shares, field, message):
    known = {"a": instrument("A"), "b": instrument("B", code="AVIQ"),
             "old": instrument("Ancien", start=date(2026, 1, 1))}
    with pytest.raises(ValidationError) as refused:
        expense(known["a"], shares=[ShareInput(known[key].id, Decimal(percent))
                                    for key, percent in shares])
    assert refused.value.field == field and message in refused.value.message
    assert db.session.scalar(select(func.count(Expense.id))) == 0


@pytest.mark.parametrize("content, name", [
    (PNG, "facture.pdf"),  # a PNG named .pdf
    (b"MZ\x90\x00 executable", "facture.exe"),
    (b"PK\x03\x04 a workbook", "facture.xlsx"),  # a document kind, not a receipt kind
    (b"", "vide.pdf"),
])
def test_a_receipt_is_checked_by_its_content(db, content, name):
    target = instrument()
    with pytest.raises(ValidationError) as refused:
        expense(target, receipt=upload(content, name))
    assert refused.value.field == "receipt"
    assert "PDF" in refused.value.message or "vide" in refused.value.message


def test_a_receipt_is_downloaded_signed_in_only(app, db, client):
    _target, bought = scenario(db)
    db.session.commit()
    try:
        url = f"/finances/frais/{bought.id}/justificatif"
        assert client.get(url).status_code == 302  # to the sign-in page
        assert signed_in(app, Role.STAFF).get(url).status_code == 403
        response = signed_in(app, Role.BOARD).get(url)
        assert response.status_code == 200 and response.data == PDF
        assert f"{bought.reference}-facture.pdf" in response.headers["Content-Disposition"]
    finally:
        db.session.rollback()


def test_an_expense_file_is_imported_whole_or_refused_whole_naming_each_line(db):
    instrument("Subvention COCOF")
    instrument("Projet AViQ", code="AVIQ")
    good = ("date;fournisseur;description;categorie;montant;imputation\n"
            "03/02/2025;Imprimerie;Brochures;Fournitures de bureau;1.200,00 €;"
            "Subvention COCOF 60 % + AVIQ 40 %\n"
            "2025-02-10;Assureur;RC;assurances;850,50;cocof\n").encode("cp1252")
    bad = (b"date;fournisseur;categorie;montant;imputation\n"
           b"03/02/2025;Imprimerie;Fournitures de bureau;1200;Subvention COCOF\n"
           b"31/02/2025;Loueur;loyer;900;COCOF\n"
           b"04/02/2025;Garage;voiture;120;COCOF\n"
           b"05/02/2025;Traiteur;autre;80;Inconnu\n"
           b"06/02/2025;Traiteur;autre;80;COCOF 70 % + AVIQ 40 %\n")
    with pytest.raises(TableRefused) as refused:
        import_expenses(bad, "frais.csv")
    problems = {(error.line, error.column) for error in refused.value.errors}
    assert problems == {(3, "date"), (4, "categorie"), (5, "imputation"), (6, "imputation")}
    assert db.session.scalar(select(func.count(Expense.id))) == 0

    report = import_expenses(good, "frais.csv")
    assert (report.rows, report.total_cents) == (2, 205050)
    split = db.session.scalar(select(Expense).where(Expense.supplier == "Imprimerie"))
    assert sorted(share.cents for share in split.shares) == [48000, 72000]
    with pytest.raises(Exception, match="déjà été importé"):
        import_expenses(good, "frais.csv")


def test_marking_lines_moves_the_balance_from_to_receive_to_at_risk(db):
    target, bought = scenario(db)
    report = justification_of(target, 2025)
    assert (report.personnel_cents, report.operating_cents) == (300000, 150000)
    assert report.balance_cents == 50000  # min(5.000, 4.500) − 4.000: still to receive
    assert report.covered_share == pytest.approx(0.9)
    cost_ids = [line.key for line in report.personnel]
    share_ids = [line.key for line in report.operating]
    assert mark_lines(target, 2025, cost_ids=cost_ids, share_ids=share_ids,
                      status="accepte") == 2
    with pytest.raises(ValidationError, match="motif"):
        mark_lines(target, 2025, cost_ids=[], share_ids=share_ids, status="refuse")
    mark_lines(target, 2025, cost_ids=[], share_ids=share_ids, status="refuse",
               reason="Ticket sans TVA")
    report = justification_of(target, 2025)
    assert report.by_status == {"a_justifier": 0, "introduit": 0, "accepte": 300000,
                                "refuse": 150000}
    assert report.balance_cents == -100000  # 3.000 kept against 4.000 received: at risk
    assert report.operating[0].reason == "Ticket sans TVA"


def test_lines_of_another_instrument_cannot_be_marked_through_this_one(db):
    target, bought = scenario(db)
    other = instrument("Autre", code="AVIQ")
    with pytest.raises(ValidationError, match="Aucune des lignes"):
        mark_lines(other, 2025, cost_ids=[line.key for line in justification_of(
            target, 2025).personnel], share_ids=[bought.shares[0].id], status="accepte")


def test_the_decompte_gives_the_same_numbers_in_xlsx_pdf_json_and_zip(app, db):
    target, bought = scenario(db)
    report = justification_of(target, 2025)
    mark_lines(target, 2025, cost_ids=[line.key for line in report.personnel], share_ids=[],
               status="accepte")
    db.session.commit()
    try:
        client = signed_in(app, Role.SECRETARY)
        base = f"/finances/justification/{target.id}/2025/decompte"
        data = json.loads(client.get(f"{base}.json").data)
        assert (data["personnel"], data["operating"], data["total"]) == (3000.0, 1500.0, 4500.0)
        assert data["by_status"]["accepte"] == 3000.0 and data["balance"] == 500.0
        assert data["personnel_lines"][0]["person"] == "Nina Lefèvre"
        receipt = f"{bought.reference}-facture.pdf"
        assert data["operating_lines"][0]["receipt"] == receipt

        workbook = load_workbook(io.BytesIO(client.get(f"{base}.xlsx").data))
        numbers = {sheet.title: [cell for row in sheet.iter_rows(values_only=True)
                                 for cell in row if isinstance(cell, float | int)]
                   for sheet in workbook.worksheets}
        assert 4500 in numbers["Synthèse"] and 500 in numbers["Synthèse"]
        assert 3000 in numbers["Frais de personnel"] and 1500 in numbers["Frais de fonctionnement"]
        money_cell = next(cell for row in workbook["Synthèse"].iter_rows() for cell in row
                          if cell.value == 4500)
        assert "€" in money_cell.number_format

        pdf = client.get(f"{base}.pdf").data
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
        text = text.replace("\u202f", " ").replace("\u00a0", " ")
        assert "4 500,00 €" in text and "3 000,00 €" in text and receipt in text
        assert "Reste à recevoir" in text

        archive = zipfile.ZipFile(io.BytesIO(client.get(f"{base}.zip").data))
        names = archive.namelist()
        assert f"justificatifs/{receipt}" in names
        assert archive.read(f"justificatifs/{receipt}") == PDF
        assert any(name.endswith(".pdf") and not name.startswith("justificatifs")
                   for name in names)
        assert json.loads(archive.read(next(name for name in names
                                            if name.endswith(".json"))))["total"] == 4500.0

        board = signed_in(app, Role.BOARD)
        assert board.get(f"{base}.xlsx").status_code == 403
        page = board.get(f"/finances/justification/{target.id}/2025").get_data(as_text=True)
        # one psychologist: her function's amount is her pay, not shown to the board
        assert "Détail non montré : moins de 3 personnes." in page
        assert "Nina Lefèvre" not in page
    finally:
        db.session.rollback()


def test_the_secretary_marks_lines_in_bulk_through_the_page(app, db):
    target, bought = scenario(db)
    db.session.commit()
    report = justification_of(target, 2025)
    url = f"/finances/justification/{target.id}/2025"
    assert post_form(signed_in(app, Role.BOARD), f"{url}/statut", {
        "status": "accepte", "cout": report.personnel[0].key}).status_code == 403
    client = signed_in(app, Role.SECRETARY)
    page = client.get(url).get_data(as_text=True)
    assert f'name="cout" value="{report.personnel[0].key}"' in page
    response = post_form(client, f"{url}/statut", {
        "status": "refuse", "reason": "", "frais": bought.shares[0].id})
    assert response.status_code == 302
    assert "motif du refus" in client.get(url).get_data(as_text=True)
    db.session.expire_all()
    assert justification_of(target, 2025).operating[0].status == "a_justifier"
    post_form(client, f"{url}/statut", {"status": "introduit", "reason": "",
                                        "cout": report.personnel[0].key,
                                        "frais": bought.shares[0].id})
    db.session.expire_all()  # the requests wrote through sessions of their own
    marked = justification_of(target, 2025)
    assert marked.by_status["introduit"] == 450000
    page = client.get(url, follow_redirects=True).get_data(as_text=True)
    assert "Introduit" in page


def test_a_closed_year_cannot_change_until_it_is_reopened_and_both_are_audited(db):
    target, bought = scenario(db)
    closure = close_year(target, 2025, date(2026, 3, 1))
    report = justification_of(target, 2025)
    assert report.by_status["introduit"] == 450000 and closure.charged_cents == 450000
    with pytest.raises(ValidationError, match="a été introduit le 01/03/2026"):
        save_expense(bought, spent_on=bought.spent_on, supplier="Autre", description="",
                     category_code="materiel", amount=Decimal(1500),
                     shares=[ShareInput(target.id, Decimal(100))])
    with pytest.raises(ValidationError, match="rouvrez-le"):
        expense(target, day=date(2025, 6, 1))
    with pytest.raises(ValidationError, match="rouvrez-le"):
        mark_lines(target, 2025, cost_ids=[], share_ids=[bought.shares[0].id],
                   status="a_justifier")
    # the funder's answers still come in
    mark_lines(target, 2025, cost_ids=[], share_ids=[bought.shares[0].id], status="accepte")
    with pytest.raises(TableRefused):
        import_expenses(b"date;fournisseur;categorie;montant;imputation\n"
                        b"02/06/2025;Loueur;loyer;900;Subvention test\n", "juin.csv")
    reopen_year(target, 2025)
    bought = save_expense(bought, spent_on=bought.spent_on, supplier="Autre", description="",
                          category_code="materiel", amount=Decimal(1500),
                          shares=[ShareInput(target.id, Decimal(100))])
    assert bought.shares[0].status == "accepte"  # kept: same instrument
    entries = db.session.scalars(select(AuditEntry).where(
        AuditEntry.entity_type == "Décompte introduit")).all()
    assert [entry.action for entry in entries] == ["create", "delete"]


def test_a_school_year_instrument_justifies_september_to_august(db):
    target = instrument("Projet scolaire", code="FWB", year_start_month=9,
                        start=date(2025, 9, 1), year=2025)
    expense(target, amount="300", day=date(2026, 3, 15))
    report = justification_of(target, 2025)
    assert report.label == "2025-2026"
    assert (report.start, report.end) == (date(2025, 9, 1), date(2026, 8, 31))
    assert report.operating_cents == 30000
    assert justification_of(target, 2026).operating_cents == 0


def test_tracker_costs_adds_operating_expenses_per_funder(app, db):
    target, _bought = scenario(db)
    expense(target, amount="99.99", day=date(2025, 5, 2))
    db.session.flush()
    from tracker.finance.charging import as_json, charged_costs

    costs = as_json(charged_costs(date(2025, 1, 1), date(2025, 12, 31)))
    assert costs["by_funder"]["COCOF"]["operating"] == 1599.99
    assert costs["by_funder"]["COCOF"]["operating_by_instrument"] == {"Subvention test": 1599.99}
    assert costs["by_funder"]["COCOF"]["personnel"] == 3000.0
    assert costs["total"] == 4599.99
    assert db.session.scalar(select(func.count(ExpenseShare.id))) == 2


def test_the_expense_page_shows_what_was_saved_and_keeps_a_refused_input(app, db):
    target, bought = scenario(db)
    db.session.commit()
    client = signed_in(app, Role.SECRETARY)
    page = client.get(f"/finances/frais/{bought.id}").get_data(as_text=True)
    assert 'value="1500,00"' in page and 'value="100"' in page and "facture.pdf" in page
    response = post_form(client, f"/finances/frais/{bought.id}", {
        "spent_on": "10/03/2025", "supplier": "Fournisseur modifié", "description": "",
        "category_code": "materiel", "amount": "1.500,00",
        "instrument_1": target.id, "percent_1": "120"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "entre 0 et 100 %" in page
    assert 'value="Fournisseur modifié"' in page and 'value="120"' in page


def test_an_instrument_not_started_yet_opens_on_its_first_year(app, db):
    future = instrument("Projet futur", start=date(date.today().year + 1, 1, 1))
    db.session.commit()
    page = signed_in(app, Role.DIRECTOR).get(
        f"/finances/justification?instrument={future.id}")
    assert page.status_code == 200
    assert f"Projet futur {date.today().year + 1}" in page.get_data(as_text=True)


def test_tracker_import_expenses_checks_then_writes(app, db, tmp_path):
    from tracker.cli import cli

    instrument("Subvention COCOF")
    db.session.commit()  # a dry run rolls back what is not committed
    path = tmp_path / "frais.csv"
    path.write_text("date;fournisseur;categorie;montant;imputation\n"
                    "03/02/2025;Imprimerie;fournitures;1200;Subvention COCOF\n",
                    encoding="utf-8")
    runner = app.test_cli_runner()
    checked = runner.invoke(cli, ["import", "expenses", str(path), "--dry-run"])
    assert "1 dépense(s) seraient importées (1\u202f200,00\u00a0€)" in checked.output
    assert db.session.scalar(select(func.count(Expense.id))) == 0
    written = runner.invoke(cli, ["import", "expenses", str(path)])
    assert written.exit_code == 0 and "1 dépense(s) importées" in written.output
    assert db.session.scalar(select(func.count(Expense.id))) == 1


def test_a_word_of_any_length_wraps_in_the_decompte_pdf_and_zip(app, db):
    """A 300-character word in an expense's description was a 500 (« flowable given negative
    availWidth »); the PDF now splits it, and its row continues on the next page if need be."""
    target = instrument()
    word = "x" * 300
    expense(target, description=word, supplier="F" * 1000)
    db.session.commit()
    client = signed_in(app, Role.SECRETARY)
    base = f"/finances/justification/{target.id}/2025/decompte"
    pdf = client.get(f"{base}.pdf")
    assert pdf.status_code == 200
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages)
    assert text.replace("\n", "").count("x") >= 300
    assert client.get(f"{base}.zip").status_code == 200


@pytest.mark.parametrize("wide", [False, True])
@pytest.mark.parametrize("length", [300, 5000])
def test_every_pdf_table_fits_words_of_any_length(app, wide, length):
    from tracker.documents.pdf import ReportDocument
    from tracker.documents.tables import DocTable, MoneyValue

    document = ReportDocument("Essai", wide=wide)
    document.table(DocTable("Frais", ["Réf.", "Date", "Fournisseur", "Description", "Catégorie",
                                      "Montant", "Part", "Statut", "Justificatif"],
                            [["F2026-00001", "01/01/2026", "y" * length, "x" * length, "Loyer",
                              MoneyValue(12345), MoneyValue(12345), "À justifier", "reçu.pdf"]]))
    with app.app_context():
        text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(
            document.render())).pages)
    assert text.replace("\n", "").count("x") == length
    assert "F2026-00001" in text and "01/01/2026" in text  # short cells kept whole
