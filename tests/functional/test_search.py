"""The header's search finds funders, instruments, people, partners, conventions, deadlines
and questionnaires by name, accents and case ignored, each a link to its page; only for the
roles that read those pages."""

import pytest

from tests.factories import PASSWORD, make_user
from tests.helpers import post_form
from tracker.auth.roles import Role


def signed_in(demo_app, role):
    client = demo_app.test_client()
    post_form(client, "/login", {"email": make_user(role).email, "password": PASSWORD})
    return client


def test_the_search_finds_each_kind_by_its_name(demo_app, demo_db):
    client = signed_in(demo_app, Role.SECRETARY)
    page = client.get("/recherche?q=vandermeulen").get_data(as_text=True)
    assert "Colette Vandermeulen" in page and "/personnel/" in page
    page = client.get("/recherche?q=AGREMENT").get_data(as_text=True)  # « Agrément »
    assert "<h2>Instruments</h2>" in page and "Agrément promotion de la santé" in page
    page = client.get("/recherche?q=pac").get_data(as_text=True)
    assert "<h2>Échéances</h2>" in page and "/echeances/" in page
    page = client.get("/recherche?q=ambulatoire").get_data(as_text=True)
    assert "/questionnaires/cocof-ambulatoire/" in page
    assert "Aucun résultat pour « zzzz »" in client.get("/recherche?q=zzzz").get_data(
        as_text=True)
    assert 'data-search-shortcut' in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize("role, status", [(Role.BOARD, 200), (Role.STAFF, 403)])
def test_the_search_follows_the_roles(demo_app, demo_db, role, status):
    client = signed_in(demo_app, role)
    assert client.get("/recherche?q=agrement").status_code == status
    assert ('data-search-shortcut' in client.get("/").get_data(as_text=True)) == \
        (role == Role.BOARD)
