"""The secretary uploads a month of costs from the social secretariat and reads what each
post costs and which subsidy pays it; a file with an unknown name is refused whole."""

import pytest

from tests.e2e.test_board_staffing import sign_in

pytestmark = pytest.mark.e2e


def test_the_secretary_imports_a_month_of_costs(live_server, page, tmp_path):
    sign_in(page, live_server, "secretary")
    page.get_by_role("link", name="Coûts du personnel").first.click()
    page.get_by_role("link", name="Importer des coûts").click()
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
    page.get_by_role("link", name="← Coûts du personnel").click()
    page.get_by_label("Année").select_option("2026")
    page.get_by_role("button", name="Afficher").click()
    people = page.locator("h2:has-text('Par personne') + .table-wrap").inner_text()
    assert "Samir Benhaddou" in people
