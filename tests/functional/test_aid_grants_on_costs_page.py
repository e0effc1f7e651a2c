"""An employment aid's instrument (APE, ACS, Maribel) has no yearly grant of its own: the
costs page says its amounts are per post, under « Aides à l'emploi », instead of « — »."""

from tests.factories import PASSWORD, make_user
from tests.helpers import post_form
from tracker.auth.roles import Role


def test_aid_instruments_point_to_the_aid_page(demo_app, demo_db):
    client = demo_app.test_client()
    post_form(client, "/login", {"email": make_user(Role.SECRETARY).email,
                                 "password": PASSWORD})
    page = client.get("/finances/?annee=2025").get_data(as_text=True)
    assert 'href="/aides-emploi/"' in page and ">par poste</a>" in page
