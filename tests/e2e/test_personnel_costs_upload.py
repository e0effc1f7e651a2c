"""The secretary's money journey: she uploads a month of costs from the social secretariat
(a file with an unknown name is refused whole), enters an expense with its receipt, and
downloads the subsidy's décompte with the receipt in it."""

import io
import json
import zipfile

import pytest
from openpyxl import load_workbook

from tests.e2e.test_board_staffing import sign_in

pytestmark = pytest.mark.e2e

RECEIPT = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_the_secretary_imports_costs_enters_an_expense_and_downloads_the_decompte(
        live_server, page, tmp_path):
    sign_in(page, live_server, "secretary")
    page.get_by_role("link", name="Coûts et justification").first.click()
    page.get_by_role("link", name="Importer des coûts du personnel").click()
    wrong = tmp_path / "novembre-faux.csv"
    wrong.write_text("nom;mois;cout;type\nSamir Benhaddou;10/2026;321,87;autre\n"
                     "Quelqu'un d'Autre;10/2026;1000;\n", encoding="utf-8")
    page.get_by_label("Fichier CSV ou XLSX").set_input_files(str(wrong))
    page.get_by_role("button", name="Importer").click()
    refusal = page.locator(".flash-error").inner_text()
    assert "rien n'a été enregistré" in refusal and "Quelqu'un d'Autre" in refusal

    right = tmp_path / "novembre.csv"
    right.write_text("nom;mois;cout;type\nSamir Benhaddou;10/2026;321,87;autre\n",
                     encoding="utf-8")
    page.get_by_label("Fichier CSV ou XLSX").set_input_files(str(right))
    page.get_by_role("button", name="Importer").click()
    assert "1 coût(s) importés (321,87" in page.locator(".flash-success").inner_text()
    page.get_by_role("link", name="← Coûts et couverture").click()
    page.get_by_label("Année").select_option("2026")
    page.get_by_role("button", name="Afficher").click()
    people = page.locator("h2:has-text('Par personne') + .table-wrap").inner_text()
    assert "Samir Benhaddou" in people

    # an expense, then its receipt
    page.get_by_role("link", name="Frais de fonctionnement").click()
    page.get_by_role("link", name="Nouvelle dépense").click()
    page.get_by_label("Date").fill("12/11/2026")
    page.get_by_label("Fournisseur").fill("Librairie du Parvis (fictive)")
    page.get_by_label("Description").fill("Ouvrages pour la bibliothèque de l'équipe")
    page.get_by_label("Catégorie").select_option(label="Matériel")
    page.get_by_label("Montant (€)").fill("1.234,56")
    page.get_by_label("Imputé à").select_option(
        label="COCOF – Agrément service ambulatoire assuétudes")
    page.get_by_role("button", name="Enregistrer").click()
    assert "enregistrée" in page.locator(".flash-success").inner_text()
    receipt = tmp_path / "ticket-librairie.pdf"
    receipt.write_bytes(RECEIPT)
    page.locator("#receipt").set_input_files(str(receipt))
    page.get_by_role("button", name="Enregistrer").click()
    assert page.get_by_role("link", name="ticket-librairie.pdf").is_visible()

    # the décompte of that subsidy-year, with the expense and its receipt
    page.get_by_role("link", name="À justifier").click()
    assert "Justification : Agrément service ambulatoire assuétudes 2026" in \
        page.locator("h1").inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="Décompte XLSX").click()
    workbook = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    rows = [row for row in workbook["Frais de fonctionnement"].iter_rows(values_only=True)]
    line = next(row for row in rows if "Librairie du Parvis (fictive)" in row)
    assert 1234.56 in line
    with page.expect_download() as download:
        page.get_by_role("link", name="ZIP avec les justificatifs").click()
    archive = zipfile.ZipFile(io.BytesIO(download.value.path().read_bytes()))
    entry = next(name for name in archive.namelist() if name.endswith("ticket-librairie.pdf"))
    assert archive.read(entry) == RECEIPT
    decompte = json.loads(archive.read(next(name for name in archive.namelist()
                                            if name.endswith(".json"))))
    assert any(line["receipt"] == entry.removeprefix("justificatifs/")
               for line in decompte["operating_lines"])
