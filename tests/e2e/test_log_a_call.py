"""Staff log a call during or right after it, with the keyboard alone."""

import time

import pytest

from tests.e2e.conftest import wait_for_focus
from tests.e2e.test_sign_in import credentials

pytestmark = pytest.mark.e2e


def test_staff_logs_a_call_with_the_keyboard_alone(live_server, page):
    email, password = credentials("staff")
    page.goto(f"{live_server}/activites/nouvelle?type=appel")
    wait_for_focus(page, "email")  # the login page puts the focus on the e-mail field
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    page.keyboard.type(password)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server}/activites/nouvelle?type=appel")

    wait_for_focus(page, "duree_min")
    started = time.perf_counter()
    page.keyboard.type("17")              # duration: the field has the focus
    page.keyboard.press("Tab")            # caller type
    page.keyboard.press("ArrowRight")     # « Proche »
    page.keyboard.press("Tab")            # gender
    page.keyboard.press("Space")          # « Féminin »
    page.keyboard.press("Tab")            # age band
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")     # « 30-44 ans »
    page.keyboard.press("Tab")            # region
    page.keyboard.press("ArrowRight")     # « Wallonie »
    page.keyboard.press("Tab")            # first contact
    page.keyboard.press("Space")          # « Oui »
    page.keyboard.press("Tab")            # products: several possible
    page.keyboard.press("Space")          # « Cannabis »
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")          # « Alcool »
    page.keyboard.press("Enter")          # « Enregistrer et nouveau »
    page.wait_for_selector(".flash-success")
    elapsed = time.perf_counter() - started

    assert "Appel téléphonique du" in page.locator(".flash-success").inner_text()
    assert page.url.endswith("/activites/nouvelle?type=appel")  # ready for the next call
    assert page.evaluate("document.activeElement.id") == "duree_min"
    assert elapsed < 15

    page.goto(f"{live_server}/activites/miennes")
    row = page.locator("table.data tbody tr").first.inner_text()
    for label in ("17 min", "Proche", "Féminin", "30-44 ans", "Wallonie", "Cannabis", "Alcool"):
        assert label in row, (label, row)
