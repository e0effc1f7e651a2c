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
