"""In a real browser: typing a consultation's dossier code ticks the dossier's data in the
form, and what is saved is recorded on the dossier."""

import pytest

from tests.e2e.test_board_staffing import sign_in
from tracker.demo.caseload import caseload

pytestmark = pytest.mark.e2e


def test_the_dossier_code_fills_in_the_persons_data(live_server, page):
    person = next(person for person in caseload() if person.intake.year == 2025)
    sign_in(page, live_server, "director")
    page.goto(f"{live_server}/activites/nouvelle?type=consultation")
    page.fill("#duree_min", "50")
    page.press("#duree_min", "Tab")
    assert page.evaluate("document.activeElement.id") == "dossier"  # right after the duration
    page.keyboard.type(person.code)
    page.keyboard.press("Tab")
    page.wait_for_selector("#dossier-note:has-text('Données du dossier reprises')")
    gender = person.attributes["genre"]
    assert page.locator(f"input[name='genre'][value='{gender}']").is_checked()
    assert page.locator(f"input[name='produit_principal'][value='"
                        f"{person.attributes['produit_principal']}']").is_checked()
    page.goto(f"{live_server}/activites/nouvelle?type=consultation")
    page.fill("#dossier", "CODE-JAMAIS-VU")
    page.press("#dossier", "Tab")
    page.wait_for_selector("#dossier-note:has-text('Nouveau dossier')")
