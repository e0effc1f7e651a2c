"""The director postpones a late deadline with its reason, marks it submitted, records the
funder's refusal, and finds both changes in the journal in plain French with the old and new
dates."""

from datetime import date, timedelta

import pytest

from tests.e2e.test_board_staffing import sign_in

pytestmark = pytest.mark.e2e

TITLE = "Rapport intermédiaire « Écrans et jeunes »"


def test_postpone_submit_and_refusal_are_in_the_journal(live_server, page):
    late, later = date.today() - timedelta(days=12), date.today() + timedelta(days=30)
    sign_in(page, live_server, "director")
    page.goto(f"{live_server}/echeances/nouvelle")
    page.get_by_label("Intitulé").fill(TITLE)
    page.get_by_label("Échéance").fill(f"{late:%d/%m/%Y}")
    page.get_by_role("button", name="Enregistrer").click()
    page.goto(f"{live_server}/echeances/?statut=ouvertes&du={late:%d/%m/%Y}")
    row = page.locator("table.data tr", has_text=TITLE)
    assert "En retard" in row.inner_text()
    row.get_by_role("link", name=TITLE).click()
    deadline_page = page.url
    assert "En retard" in page.locator("dl.facts").inner_text()

    page.get_by_role("link", name="Modifier, reporter ou sans objet").click()
    page.get_by_label("Nouvelle date").fill(f"{later:%d/%m/%Y}")
    page.get_by_label("Motif du report").fill("Délai accordé par la FWB (courriel du 2 juin)")
    page.get_by_role("button", name="Reporter").click()
    page.wait_for_url(deadline_page)
    assert f"reportée au {later:%d/%m/%Y}" in page.locator(".flash-success").inner_text()
    facts = page.locator("dl.facts").inner_text()
    assert "À faire" in facts and "Délai accordé par la FWB" in facts

    page.get_by_role("link", name="Marquer soumis").click()
    page.get_by_label("Référence de la preuve").fill("Courriel d'envoi à la FWB")
    page.get_by_role("button", name="Enregistrer la soumission").click()
    page.wait_for_url(f"{live_server}/")
    page.goto(deadline_page)
    page.get_by_label("Réponse du financeur").select_option(label="Refusé")
    page.get_by_label("Note").fill("Dossier incomplet selon la FWB")
    page.get_by_role("button", name="Noter la réponse du financeur").click()
    page.wait_for_url(deadline_page)
    facts = page.locator("dl.facts").inner_text()
    assert "Refusé le" in facts and "Dossier incomplet selon la FWB" in facts

    page.goto(f"{live_server}/journal/?entite=Échéance")
    journal = page.locator("ol.journal").inner_text()
    assert "Motif du report" in journal and "Délai accordé par la FWB" in journal
    assert f"{late:%d/%m/%Y}" in journal and f"{later:%d/%m/%Y}" in journal
    assert "Réponse du financeur" in journal and "Refusé" in journal
    assert "refuse" not in journal.replace("Refusé", "")
