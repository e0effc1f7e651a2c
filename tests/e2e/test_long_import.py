"""The secretary imports a year of calls from the phone system, 100,000 rows: the page comes
back at once, a progress bar moves while the server checks and writes them, and the result
replaces it; she then takes the import back whole."""

import re

import pytest

from tests.e2e.test_board_staffing import sign_in

pytestmark = pytest.mark.e2e
ROWS = 100_000


def test_a_100000_row_import_shows_its_progress_then_its_result(live_server, page, tmp_path):
    lines = ["date;heure;type;duree_min"] + [
        f"{1 + number % 28:02d}/{1 + number % 12:02d}/2011;{8 + number % 10}:{number % 60:02d};"
        f"appel;{3 + number % 30}" for number in range(ROWS)]
    upload = tmp_path / "centrale-2011.csv"
    upload.write_text("\n".join(lines) + "\n", encoding="utf-8")

    sign_in(page, live_server, "secretary")
    page.get_by_role("link", name="Activités", exact=True).click()
    page.get_by_role("link", name="Importer", exact=True).click()
    page.get_by_label("Fichier CSV ou XLSX").set_input_files(str(upload))
    page.get_by_role("button", name="Importer").click()

    box = page.locator(".job-progress")
    assert "Import en cours de « centrale-2011.csv »" in box.inner_text()
    bar = box.locator("progress")
    # the bar moves: some rows checked (or written), not yet all
    page.wait_for_function(
        "() => { const bar = document.querySelector('.job-progress progress');"
        " return bar && bar.max > 1 && bar.value > 0 && bar.value < bar.max; }",
        timeout=60_000)
    assert int(bar.get_attribute("max")) == ROWS
    assert re.search(r"\d[\d\u202f\u00a0.]* / 100\D000 lignes", box.inner_text())

    result = page.locator(".flash-success")
    result.wait_for(timeout=120_000)  # the page shows the result by itself
    assert "100\u202f000 activité(s) importées" in result.inner_text()
    assert page.locator(".job-progress").count() == 0

    page.get_by_role("link", name="Mes tâches").click()
    row = page.locator("tr", has_text="centrale-2011.csv")
    assert "Terminé" in row.inner_text() and "Import d'activités" in row.inner_text()

    row.get_by_role("link", name="centrale-2011.csv").click()
    batch = page.locator("tr", has_text="centrale-2011.csv").first
    page.once("dialog", lambda dialog: dialog.accept())
    batch.get_by_role("button", name="Annuler l'import").click()
    assert "100000 activité(s) retirées" in page.locator(".flash-success").inner_text()
