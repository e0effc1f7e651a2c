"""The director writes her introduction to last year's report, produces a new version (a
background job the page follows), and downloads the PDF: her text is in it, and its
bookmarks list the sections and the annexes."""

import io
from datetime import date

import pypdf
import pytest
from playwright.sync_api import expect

from tests.e2e.test_board_staffing import sign_in

pytestmark = pytest.mark.e2e

TEXT = "Une année de consolidation : la ligne d'écoute a tenu le cap."


def test_the_director_writes_produces_and_downloads_the_annual_report(live_server, page):
    year = date.today().year - 1
    sign_in(page, live_server, "director")
    page.get_by_role("link", name="Rapport annuel").first.click()
    assert page.locator("h1").inner_text() == f"Rapport d'activité {year} à l'assemblée générale"
    page.get_by_label("Le mot de la direction").fill(TEXT)
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.locator(".flash-success")).to_contain_text("Textes enregistrés")
    assert page.get_by_label("Le mot de la direction").input_value() == TEXT

    button = page.get_by_role("button", name="Produire et archiver la version")
    version = int(button.inner_text().rsplit(" ", 1)[-1])
    button.click()
    expect(page.locator(".flash-success")).to_contain_text(
        f"Rapport produit : version {version} archivée", timeout=60000)
    versions = page.locator(".panel-box", has_text="Versions produites")
    with page.expect_download() as download_info:
        versions.locator("li", has_text=f"Version {version} du").get_by_role(
            "link", name="PDF").click()
    download = download_info.value
    assert download.suggested_filename == f"rapport-annuel-{year}-v{version}.pdf"
    reader = pypdf.PdfReader(io.BytesIO(download.path().read_bytes()))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert TEXT in text
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles[0] == "1. Le mot de la direction" and "3. L'année en chiffres" in titles
    assert any(isinstance(item, list) for item in reader.outline)  # the annexes, nested
