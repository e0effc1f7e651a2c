"""The director sees an overdue deadline, marks it submitted with a proof file, and it
leaves the overdue list."""

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
