"""The secretary opens the COCOF questionnaire for the year, types a narrative answer,
finalises, and downloads the archived PDF, which carries the figures and her text."""

import io

import pypdf
import pytest
from playwright.sync_api import expect

from tests.e2e.test_board_staffing import sign_in

pytestmark = pytest.mark.e2e

NARRATIVE = ("En 2025, la ligne d'écoute a répondu à 2 164 appels ; l'équipe « écoute » "
             "s'est renforcée.")


def test_secretary_fills_finalises_and_downloads_the_cocof_questionnaire(live_server, page):
    sign_in(page, live_server, "secretary")
    page.get_by_role("link", name="Questionnaires").first.click()
    assert page.locator("h1").inner_text() == "Questionnaires 2025"
    page.get_by_role("link", name="Rapport d'activité – service ambulatoire (COCOF)").click()
    assert "2025" in page.locator("h1").inner_text()
    calls = page.locator("#item-appels")
    assert "2 164" in calls.inner_text().replace("\u202f", " ")

    page.get_by_label("Introduction – l'année en quelques mots").fill(NARRATIVE)
    # a download now would leave the typed text out: the page says so, and nothing downloads
    warnings = []
    page.once("dialog", lambda dialog: (warnings.append(dialog.message), dialog.dismiss()))
    page.locator(".exports").get_by_role("link", name="PDF").click()
    assert "ne sont pas enregistrés" in warnings[0]
    page.get_by_role("button", name="Enregistrer le brouillon").first.click()
    assert "Brouillon enregistré" in page.locator(".flash-success").inner_text()
    assert page.get_by_label("Introduction – l'année en quelques mots").input_value() == \
        NARRATIVE

    confirmations = []
    page.once("dialog", lambda dialog: (confirmations.append(dialog.message), dialog.accept()))
    page.get_by_role("button", name="Finaliser et archiver").click()
    # the job renders every format, and the board's PDF and DOCX (the COCOF counts persons)
    expect(page.locator(".flash-success")).to_contain_text("version 1 archivée", timeout=30000)
    assert page.locator(".status-tag").inner_text() == "Finalisé"
    assert confirmations[0].startswith("Finaliser l'année 2025 ?")
    assert "texte(s) vide(s) : « Analyse de la permanence téléphonique »" in confirmations[0]

    archives = page.locator(".panel-box", has_text="Versions archivées")
    with page.expect_download() as download_info:
        archives.get_by_role("link", name="PDF", exact=True).click()
    download = download_info.value
    assert download.suggested_filename == "cocof-ambulatoire-2025-v1.pdf"
    content = download.path().read_bytes()
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)
    text = " ".join(text.replace("\u202f", " ").split())
    assert "Version finalisée n° 1" in text
    assert "Tableau 1 : Nombre d'appels" in text and "2 164" in text
    assert "l'équipe « écoute » s'est renforcée" in text
