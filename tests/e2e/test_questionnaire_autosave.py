"""A narrative typed on a questionnaire's page saves itself as a draft a few seconds after
typing stops; the sections' index and the save button stay in view while scrolling."""

import pytest
from playwright.sync_api import expect

from tests.e2e.test_board_staffing import sign_in

pytestmark = pytest.mark.e2e

TEXT = "Bilan des actions en milieu scolaire : dix écoles rejointes."


def test_a_narrative_saves_itself_and_the_save_bar_stays_in_view(live_server, page):
    sign_in(page, live_server, "secretary")
    page.goto(f"{live_server}/questionnaires/cocof-promotion-sante/2025")  # a draft
    page.get_by_label("Publics rejoints et partenariats").fill(TEXT)
    state = page.locator("[data-save-state]")
    assert "non enregistrées" in state.inner_text()
    expect(state).to_contain_text("Brouillon enregistré à", timeout=15000)
    page.mouse.wheel(0, 4000)  # far down the page: the index and the button are still there
    button = page.get_by_role("button", name="Enregistrer le brouillon")
    assert button.is_visible() and button.bounding_box()["y"] < 100
    page.reload()
    assert page.get_by_label("Publics rejoints et partenariats").input_value() == TEXT
    page.locator("nav.section-index").get_by_role("link", name="3. Analyse").click()
    assert page.url.endswith("#section-3")
