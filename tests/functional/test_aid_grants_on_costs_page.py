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


def test_a_school_year_instrument_names_its_exercises(demo_app, demo_db):
    from sqlalchemy import select

    from tracker.funders.models import Instrument

    instrument = demo_db.session.scalars(select(Instrument).where(
        Instrument.year_start_month == 9)).first()
    client = demo_app.test_client()
    post_form(client, "/login", {"email": make_user(Role.SECRETARY).email,
                                 "password": PASSWORD})
    page = client.get(f"/financeurs/instruments/{instrument.id}").get_data(as_text=True)
    assert "Exercices de septembre à août" in page
    if instrument.amounts:
        year = instrument.amounts[0].year
        assert f"<td>{year}-{year + 1}</td>" in page
