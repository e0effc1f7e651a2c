"""The director sees an overdue deadline, marks it submitted with a proof file, and it
leaves the overdue list; the deadline list leads to its page and its proof."""

import pytest

from tests.e2e.test_board_staffing import sign_in

pytestmark = pytest.mark.e2e

TITLE = "Justificatifs FWB « Jeunes et écrans » : première tranche"


def test_director_marks_an_overdue_deadline_submitted(live_server, page, tmp_path):
    sign_in(page, live_server, "director")
    overdue = page.locator("h2#en-retard + .table-wrap")
    assert TITLE in overdue.inner_text()

    overdue.locator("tr", has_text=TITLE).get_by_role("link", name="Marquer soumis").click()
    assert page.locator("h1").inner_text() == "Marquer comme soumis"
    proof = tmp_path / "accuse-reception.pdf"
    proof.write_bytes("%PDF-1.4\n% accusé de réception FWB\n".encode())
    page.get_by_label("Référence de la preuve").fill("Courriel FWB du jour")
    page.get_by_label("Preuve (fichier)").set_input_files(str(proof))
    page.get_by_role("button", name="Enregistrer la soumission").click()

    page.wait_for_url(f"{live_server}/")
    assert "marquée comme soumise" in page.locator(".flash-success").inner_text()
    assert TITLE not in page.locator("h2#en-retard + .table-wrap").inner_text()

    page.get_by_role("link", name="Échéances").first.click()
    page.wait_for_url(f"{live_server}/echeances/")
    row = page.locator("table.data tr", has_text=TITLE)
    assert "Soumis" in row.inner_text()
    row.get_by_role("link", name=TITLE).click()
    assert page.locator("h1").inner_text() == TITLE
    facts = page.locator("dl.facts").inner_text()
    assert "Courriel FWB du jour" in facts and "Colette Vandermeulen" in facts
    with page.expect_download() as download:
        page.get_by_role("link", name="accuse-reception.pdf").click()
    assert download.value.suggested_filename == "accuse-reception.pdf"
    assert download.value.path().read_bytes().startswith(b"%PDF-1.4")
