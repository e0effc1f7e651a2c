"""The board opens the staffing matrix at a date and downloads the PDF board pack."""

import pytest

from tests.e2e.test_sign_in import credentials

pytestmark = pytest.mark.e2e


def sign_in(page, live_server, role):
    email, password = credentials(role)
    page.goto(f"{live_server}/login")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(f"{live_server}/")


def test_board_opens_the_matrix_at_a_date_and_downloads_the_pdf(live_server, page, tmp_path):
    sign_in(page, live_server, "board")
    page.get_by_role("link", name="Personnel").first.click()
    assert page.locator("h1").inner_text() == "Effectifs par financeur"

    page.get_by_label("Au", exact=True).fill("2026-05-01")
    page.get_by_role("button", name="Afficher").click()
    page.wait_for_url("**/personnel/effectifs?date=2026-05-01**")
    assert "au 01/05/2026" in page.locator(".lead").inner_text()
    table = page.locator("table.data").first
    assert "Julie Peeters" in table.inner_text()
    total_row = table.locator("tr.total")
    assert "11,2" in total_row.inner_text()
    # The board reads, but no editing control is offered.
    assert page.get_by_role("link", name="Nouvelle personne").count() == 0

    with page.expect_download() as download_info:
        page.get_by_role("link", name="PDF", exact=True).click()
    download = download_info.value
    assert download.suggested_filename == "effectifs-2026-05-01.pdf"
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    assert target.read_bytes().startswith(b"%PDF-")

    with page.expect_download() as pack_info:
        page.get_by_role("link", name="Dossier CA (PDF)").click()
    assert pack_info.value.suggested_filename == "dossier-ca-2026-05-01.pdf"
