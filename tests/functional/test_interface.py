"""The interface's shared parts: the grouped menu, instruments without a cadre, a partner's
detached staff."""

from datetime import date

from tests.factories import funder, make_allocation, make_person
from tracker.auth.roles import Role
from tracker.funders.services import save_instrument
from tracker.partnerships.models import Convention, Partner


def test_the_menu_is_grouped_and_follows_the_role(client, db, login_as):
    login_as(Role.STAFF)
    html = client.get("/").get_data(as_text=True)
    assert "<summary>Activités</summary>" in html and "Mes activités" in html
    assert "<summary>Administration</summary>" not in html  # nothing of it for staff


def test_the_director_sees_every_group(client, db, login_as):
    login_as(Role.DIRECTOR)
    html = client.get("/echeances/").get_data(as_text=True)
    for group in ("Pilotage", "Activités", "Personnel et financements", "Administration"):
        assert f"<summary>{group}</summary>" in html
    assert 'aria-current="page"><svg class="icon"' in html  # the current page, with its icon


def test_an_instrument_without_cadre_says_so_instead_of_a_gap(client, db, login_as):
    subsidy = save_instrument(
        None, funder_id=funder("PCS").id, kind="subvention", title="Subvention PCS",
        start_date=date(2020, 1, 1), end_date=None, status="en_cours")
    make_allocation(make_person("Marc Sans Cadre"), 1, "PCS", date(2020, 1, 1),
                    instrument_id=subsidy.id)
    db.session.commit()
    login_as(Role.BOARD)
    html = client.get("/personnel/cadre?date=01/03/2022").get_data(as_text=True)
    assert "Pas de cadre défini pour cet instrument : 1 ETP affecté(s)" in html
    assert "Écart" not in html.split("Subvention PCS", 1)[1]


def test_a_convention_shows_the_staff_detached_to_its_partner(client, db, login_as):
    partner = Partner(name="Maison Voisine")
    db.session.add(Convention(partner=partner, object="Permanence", start_date=date(2024, 1, 1)))
    db.session.flush()
    make_allocation(make_person("Dora Détachée"), 0.2, "COCOF", date(2024, 1, 1),
                    detached_to_id=partner.id)
    db.session.commit()
    login_as(Role.BOARD)
    convention_id = db.session.scalar(db.select(Convention.id))
    html = client.get(f"/partenariats/{convention_id}").get_data(as_text=True)
    assert "Dora Détachée : 0,2 ETP du 01/01/2024" in html
