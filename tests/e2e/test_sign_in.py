"""A person signs in with a real browser and sees the home page."""

import pytest

from tests.e2e.conftest import wait_for_focus
from tracker.demo import DEMO_LOGINS

pytestmark = pytest.mark.e2e


def credentials(role_value: str) -> tuple[str, str]:
    for email, password, _name, role in DEMO_LOGINS:
        if role.value == role_value:
            return email, password
    raise LookupError(role_value)


def test_director_signs_in_sees_home_and_signs_out(live_server, page):
    page.goto(f"{live_server}/utilisateurs/")
    assert page.url.startswith(f"{live_server}/login")
    assert page.locator("h1").inner_text() == "Connexion"

    email, password = credentials("director")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()

    page.wait_for_url(f"{live_server}/utilisateurs/")
    assert page.locator("h1").inner_text() == "Utilisateurs"
    page.get_by_role("link", name="Accueil").first.click()
    assert page.locator("h1").inner_text().startswith("Bonjour ")
    assert "Direction" in page.locator(".usermenu").inner_text()

    page.get_by_role("link", name="Se déconnecter").click()
    page.wait_for_url(f"{live_server}/login")
    assert "Vous êtes déconnecté(e)." in page.content()


def test_board_member_signs_in_with_keyboard_and_wrong_password_is_explained(live_server, page):
    email, password = credentials("board")
    page.goto(f"{live_server}/login")
    wait_for_focus(page, "email")  # the e-mail field has the focus on arrival
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    page.keyboard.type("pas-le-bon-mot")
    page.keyboard.press("Enter")
    assert "Adresse e-mail ou mot de passe incorrect" in page.locator(".flash-error").inner_text()
    page.get_by_label("Mot de passe").fill(password)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server}/")
    assert "Conseil d'administration" in page.locator(".usermenu").inner_text()
