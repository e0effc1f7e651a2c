"""Each hole an outside probe found, reproduced as it was found and shown closed."""

import pytest

from tests.factories import PASSWORD, make_user
from tests.helpers import post_form
from tracker.auth.roles import Role


@pytest.mark.parametrize("target", ["/%09/evil.example", "/%0a/evil.example",
                                    "/%0d/evil.example", "//evil.example/x",
                                    "/\\evil.example", "https://evil.example/",
                                    "/%09%09/evil.example", "%2F%2Fevil.example"])
def test_1_sign_in_never_redirects_to_another_site(app, db, target):
    user, client = make_user(Role.DIRECTOR), app.test_client()
    response = post_form(client, f"/login?next={target}", {"email": user.email,
                                                           "password": PASSWORD})
    assert response.status_code == 302 and response.headers["Location"] == "/"


def test_1_a_local_next_page_is_still_honoured(app, db):
    user, client = make_user(Role.DIRECTOR), app.test_client()
    response = post_form(client, "/login?next=/echeances/%3Fstatut%3Da_faire",
                         {"email": user.email, "password": PASSWORD})
    assert response.headers["Location"] == "/echeances/?statut=a_faire"


def test_8_https_responses_carry_strict_transport_security(client):
    assert "Strict-Transport-Security" not in client.get("/login").headers
    secure = client.get("/login", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000"


HUGE = "9" * 30
HOSTILE_VALUES = [HUGE, "-" + HUGE, "%0a", "/%09/evil.example", "%0d%0a", "user:" + HUGE,
                  HUGE + "-01", "1e400"]
QUERY_NAMES = ["page", "intervenant", "utilisateur", "instrument", "annee", "financeur",
               "valeur", "mois", "du", "au", "date", "next", "type", "statut", "responsable",
               "entite", "format", "jeton"]


@pytest.mark.parametrize("role", [Role.DIRECTOR, Role.BOARD])
def test_7_no_get_route_answers_500_to_hostile_ids_or_query_values(app, db, role):
    """Every GET route, its ids made huge, then every known query parameter set to each
    hostile value: a page, a redirect or a 404, never a 500."""
    import re

    user, client = make_user(role), app.test_client()
    post_form(client, "/login", {"email": user.email, "password": PASSWORD})
    checked = 0
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint in ("static", "auth.logout"):
            continue
        path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", HUGE, rule.rule)
        assert client.get(path).status_code < 500, path
        path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", "1", rule.rule)
        for value in HOSTILE_VALUES:
            query = "&".join(f"{name}={value}" for name in QUERY_NAMES)
            response = client.get(f"{path}?{query}")
            assert response.status_code < 500, f"{path}?…={value}: {response.status_code}"
            checked += 1
    assert checked > 300


def test_7_a_huge_id_in_a_route_is_a_404(app, db, login_as):
    client = app.test_client()
    user = make_user(Role.SECRETARY)
    post_form(client, "/login", {"email": user.email, "password": PASSWORD})
    assert client.get(f"/activites/vocabulaires/valeur/{HUGE}").status_code == 404
    assert client.get(f"/activites/?page={HUGE}").status_code == 200
