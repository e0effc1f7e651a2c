"""Staff log a call during or right after it, with the keyboard alone."""

import time

import pytest

from tests.e2e.conftest import wait_for_focus
from tests.e2e.test_sign_in import credentials

pytestmark = pytest.mark.e2e


def sign_in_as_staff(live_server, page) -> None:
    email, password = credentials("staff")
    page.goto(f"{live_server}/activites/nouvelle?type=appel")
    wait_for_focus(page, "email")  # the login page puts the focus on the e-mail field
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    page.keyboard.type(password)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server}/activites/nouvelle?type=appel")
    wait_for_focus(page, "duree_min")


def test_staff_logs_a_call_with_the_keyboard_alone(live_server, page):
    sign_in_as_staff(live_server, page)
    # the demo links the staff account to its member of staff: shown, not hidden in a panel
    assert page.locator("#person_id option:checked").inner_text() == "Samir Benhaddou"
    keystrokes = 0
    real_press = page.keyboard.press

    def press(key):
        nonlocal keystrokes
        keystrokes += 1
        real_press(key)

    page.keyboard.press = press
    started = time.perf_counter()
    page.keyboard.type("17")              # duration: the field has the focus
    keystrokes += 2
    page.keyboard.press("Tab")            # time: pre-filled with now, selected on entry
    assert page.evaluate("document.activeElement.id") == "start_time"
    page.keyboard.type("14:05")           # the call started a while ago
    keystrokes += 5
    page.keyboard.press("Tab")            # performer (pre-filled)
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
    page.keyboard.press("Tab")            # products: several possible, still one Tab stop
    page.keyboard.press("Space")          # « Cannabis »
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Space")          # « Alcool »
    page.keyboard.press("Enter")          # « Enregistrer et nouveau »
    page.wait_for_selector(".flash-success")
    elapsed = time.perf_counter() - started

    assert "Appel téléphonique du" in page.locator(".flash-success").inner_text()
    assert page.url.endswith("/activites/nouvelle?type=appel")  # ready for the next call
    assert page.evaluate("document.activeElement.id") == "duree_min"
    assert elapsed < 15
    assert keystrokes <= 28, keystrokes

    page.goto(f"{live_server}/activites/miennes")
    row = page.locator("table.data tbody tr").first.inner_text()
    for label in ("14:05", "17 min", "Samir Benhaddou", "Proche", "Féminin", "30-44 ans",
                  "Wallonie", "Cannabis", "Alcool"):
        assert label in row, (label, row)


def test_the_type_switch_is_one_tab_stop_with_arrows(live_server, page):
    sign_in_as_staff(live_server, page)
    page.keyboard.press("Shift+Tab")      # back from the duration: the switch, on « Appel »
    assert page.evaluate("document.activeElement.getAttribute('aria-current')") == "page"
    page.keyboard.press("ArrowRight")
    label = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"h1:has-text('{label}')")
    assert "type=appel" not in page.url


def test_enter_on_the_empty_form_saves_nothing(live_server, page):
    sign_in_as_staff(live_server, page)
    page.keyboard.press("Enter")          # in the empty duration field
    page.wait_for_selector(".flash-error")
    assert "Rien n'a été enregistré" in page.locator(".flash-error").inner_text()
    assert page.locator(".flash-success").count() == 0


def test_a_decimal_duration_is_refused_in_french(live_server, page):
    sign_in_as_staff(live_server, page)
    page.keyboard.type("7,5")
    page.keyboard.press("Tab")            # the time
    page.keyboard.press("Tab")            # the performer
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowRight")     # a caller type, so only the duration is wrong
    page.keyboard.press("Enter")
    error = page.locator("#duree_min-errors").inner_text()
    assert "Durée non comprise : tapez des minutes entières" in error
    assert page.input_value("#duree_min") == "7,5"
