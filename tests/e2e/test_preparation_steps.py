"""The secretary plans a preparation step on a deadline, finds it late on the dashboard and
ticks it off there: it leaves the dashboard and the deadline's page says who did it."""

import pytest

from tests.e2e.test_board_staffing import sign_in

pytestmark = pytest.mark.e2e

TITLE = "Rapport d'activité COCOF"


def test_a_step_is_planned_then_ticked_off_from_the_dashboard(live_server, page):
    sign_in(page, live_server, "secretary")
    page.goto(f"{live_server}/echeances/")
    page.locator("table.data").get_by_role("link", name=TITLE).first.click()
    assert page.locator("h1").inner_text() == TITLE
    page.get_by_label("Étape", exact=True).fill("Tableau des activités à jour")
    page.get_by_label("Jours avant l'échéance").fill("365")  # late whatever today is
    page.get_by_role("button", name="Ajouter l'étape").click()
    assert "Tableau des activités à jour" in page.locator(".flash-success").inner_text()

    page.goto(f"{live_server}/")
    steps = page.locator("h2#etapes + .table-wrap")
    row = steps.locator("tr", has_text="Tableau des activités à jour")
    assert "en retard" in row.inner_text()
    row.get_by_role("button", name="Cocher : fait").click()
    page.wait_for_url(f"{live_server}/")
    assert "Tableau des activités à jour" not in page.locator(
        "h2#etapes + .table-wrap").inner_text()
    page.goto(f"{live_server}/echeances/")
    page.locator("table.data").get_by_role("link", name=TITLE).first.click()
    done = page.locator("h2#etapes + .table-wrap tr", has_text="Tableau des activités à jour")
    assert "par " in done.inner_text() and "Rouvrir" in done.inner_text()
