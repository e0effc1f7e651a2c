"""Walk every route: anonymous is sent to /login, the board never writes, CSRF is enforced."""

import re

import pytest

from tests.helpers import csrf_token
from tracker.auth.roles import Role

# The calendar feed works without signing in: its secret token is the key (404 without it).
PUBLIC_ENDPOINTS = {"auth.login", "home.health", "static", "deadlines.feed"}
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")


def concrete_paths(app):
    """Every route with its arguments filled (ids = 1), once per rule."""
    for rule in app.url_map.iter_rules():
        path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", "1", rule.rule)
        yield rule.endpoint, path, rule.methods


def test_every_protected_page_redirects_anonymous_to_login(app, client):
    checked = 0
    for endpoint, path, _methods in concrete_paths(app):
        if endpoint in PUBLIC_ENDPOINTS:
            continue
        response = client.get(path)
        assert response.status_code == 302, f"{path} ({endpoint}) answered {response.status_code}"
        assert response.headers["Location"].startswith("/login"), path
        checked += 1
    assert checked >= 6


def test_calendar_feed_without_a_valid_token_is_404(client):
    assert client.get("/echeances/agenda/nimporte-quoi.ics").status_code == 404


def test_unknown_url_redirects_anonymous_to_login(client):
    response = client.get("/nexiste/pas")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


@pytest.mark.parametrize("method", WRITE_METHODS)
def test_board_gets_403_on_every_write_to_every_route(app, client, login_as, method):
    login_as(Role.BOARD)
    token = csrf_token(client, "/")
    paths = [path for _endpoint, path, _methods in concrete_paths(app)] + ["/nexiste/pas"]
    for path in paths:
        response = client.open(path, method=method, data={"csrf_token": token},
                               headers={"X-CSRFToken": token})
        assert response.status_code == 403, f"board {method} {path}: {response.status_code}"
    assert client.get("/").status_code == 200  # and the board can still read


def test_board_reads_the_pages_it_is_given(client, login_as):
    login_as(Role.BOARD)
    assert client.get("/association/").status_code == 200


def test_post_without_csrf_token_is_400_for_every_writable_route(app, client, login_as):
    login_as(Role.DIRECTOR)
    posted = 0
    for _endpoint, path, methods in concrete_paths(app):
        if "POST" not in methods:
            continue
        response = client.post(path, data={"email": "x@y.example", "password": "x"})
        assert response.status_code == 400, f"{path}: {response.status_code}"
        assert "Rechargez la page" in response.get_data(as_text=True)
        posted += 1
    assert posted >= 3


def test_login_post_without_csrf_is_400(client):
    response = client.post("/login", data={"email": "a@b.example", "password": "x"})
    assert response.status_code == 400


@pytest.mark.parametrize("role", [Role.SECRETARY, Role.BOARD, Role.STAFF])
def test_only_the_director_manages_users_and_reads_the_audit_trail(client, login_as, role):
    login_as(role)
    for path in ("/utilisateurs/", "/utilisateurs/nouveau", "/journal/"):
        assert client.get(path).status_code == 403, path


def test_staff_cannot_edit_the_association(client, login_as):
    login_as(Role.STAFF)
    assert client.get("/association/modifier").status_code == 403
    assert client.get("/association/").status_code == 403


def test_unknown_url_signed_in_is_a_french_404(client, login_as):
    login_as(Role.SECRETARY)
    response = client.get("/nexiste/pas")
    assert response.status_code == 404
    assert "Page introuvable" in response.get_data(as_text=True)


def test_403_page_is_french(client, login_as):
    login_as(Role.STAFF)
    response = client.get("/journal/")
    assert "Accès refusé" in response.get_data(as_text=True)
