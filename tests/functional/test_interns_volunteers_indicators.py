"""Interns and volunteers (named, seen by the office only, counted in the forms without their
names), and yearly figures typed once with their source, printed beside last year's."""

import io
import json
from datetime import date

import pytest

from tests.factories import make_person
from tests.helpers import post_form
from tracker.auth.roles import Role
from tracker.interns_volunteers.models import Intern, Volunteer
from tracker.interns_volunteers.services import present_during, save_intern
from tracker.questionnaires.models import IndicatorValue


def test_the_office_records_an_intern_and_a_volunteer(client, db, login_as):
    supervisor = make_person("Samia Maîtresse")
    db.session.commit()
    login_as(Role.SECRETARY)
    response = post_form(client, "/stagiaires-benevoles/stagiaires/nouveau", {
        "full_name": "Lou Stagiaire", "school": "Haute École X", "field": "Assistant social",
        "start_date": "03/02/2025", "end_date": "16/05/2025", "hours": "450",
        "supervisor_id": str(supervisor.id)})
    assert response.status_code == 302
    response = post_form(client, "/stagiaires-benevoles/benevoles/nouveau", {
        "full_name": "Paul Bénévole", "mission": "Accueil", "start_date": "06/01/2025",
        "end_date": "19/12/2025", "hours": "160", "hourly_value": "15,50"})
    assert response.status_code == 302
    page = client.get("/stagiaires-benevoles/").get_data(as_text=True)
    assert "Lou Stagiaire" in page and "Samia Maîtresse" in page and "Paul Bénévole" in page
    volunteer = db.session.scalar(db.select(Volunteer))
    assert str(volunteer.hourly_value) == "15.50"


def test_a_refused_placement_keeps_what_was_typed(client, db, login_as):
    login_as(Role.DIRECTOR)
    response = post_form(client, "/stagiaires-benevoles/stagiaires/nouveau", {
        "full_name": "Lou Stagiaire", "school": "Haute École X", "field": "Psychologie",
        "start_date": "16/05/2025", "end_date": "03/02/2025", "hours": "450"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "La date de fin précède la date de début" in html
    assert 'value="Haute École X"' in html
    assert db.session.scalar(db.select(Intern)) is None
    decimal_hours = post_form(client, "/stagiaires-benevoles/stagiaires/nouveau", {
        "full_name": "Lou Stagiaire", "school": "Haute École X", "field": "Psychologie",
        "start_date": "03/02/2025", "end_date": "16/05/2025", "hours": "300,5"})
    html = decimal_hours.get_data(as_text=True)
    assert "Tapez un nombre entier d&#39;heures" in html and "Ce champ est obligatoire" not in html


@pytest.mark.parametrize("role", [Role.BOARD, Role.STAFF])
def test_only_the_office_sees_interns_and_volunteers(client, login_as, role):
    login_as(role)
    assert client.get("/stagiaires-benevoles/").status_code == 403
    assert client.get("/stagiaires-benevoles/stagiaires/nouveau").status_code == 403


def test_a_placement_across_two_years_counts_its_hours_by_day_in_each(db):
    save_intern(None, full_name="Clara", school="", field="Éducatrice",
                start_date=date(2024, 10, 1), end_date=date(2025, 3, 31), hours=364,
                supervisor_id=None)
    in_2024 = present_during(Intern, date(2024, 1, 1), date(2024, 12, 31))
    in_2025 = present_during(Intern, date(2025, 1, 1), date(2025, 12, 31))
    assert in_2024[0].hours == 184.0 and in_2025[0].hours == 180.0  # 92 and 90 days of 182


def test_interns_and_volunteers_appear_in_the_spw_form_without_their_names(demo_app,
                                                                           demo_db):
    from tracker.questionnaires.outputs import render
    from tracker.questionnaires.outputs.json import report_as_dict
    from tracker.questionnaires.registry import get_definition
    from tracker.questionnaires.report import build_report

    report = build_report(get_definition("spw-assuetudes"), 2025)
    items = {item["id"]: item for section in report_as_dict(report)["sections"]
             for item in section["items"]}
    assert items["stagiaires_nombre"]["value"] == 3
    # 450 h in 2025, and the share of the two placements across a new year
    assert items["stagiaires_heures"]["value"] == 450 + round(600 * 87 / 179, 1) + round(
        380 * 108 / 138, 1)
    assert {row[0] for row in items["stagiaires"]["rows"]} == {
        "Assistant(e) social(e)", "Psychologie", "Éducateur(trice) spécialisé(e)"}
    assert items["benevoles_nombre"]["value"] == 2 and items["benevoles_heures"]["value"] == 184
    assert items["benevoles"]["rows"][0][2:] == [160.0, 2400.0]
    files = b"".join(render(report, extension) for extension in ("json", "xlsx"))
    assert b"Lou Vermeulen" not in files and b"Paul Devos" not in files


def show(client, year: int) -> str:
    return client.get(f"/questionnaires/cocof-ambulatoire/{year}").get_data(as_text=True)


def test_a_figure_typed_for_two_years_prints_both_and_the_change(client, db, login_as):
    login_as(Role.SECRETARY)
    for year, views, source in ((2024, "301.504", "Matomo"), (2025, "245 580", "Matomo")):
        response = post_form(client, f"/questionnaires/cocof-ambulatoire/{year}/recits", {
            "input-pages_vues": views, "source-pages_vues": source,
            "input-contacts_presse": "", "source-contacts_presse": ""})
        assert response.status_code == 302, response.get_data(as_text=True)
    exported = client.get("/questionnaires/cocof-ambulatoire/2025/telecharger/json")
    item = next(item for section in json.loads(exported.data)["sections"]
                for item in section["items"] if item["id"] == "pages_vues")
    assert (item["value"], item["previous"], item["change_percent"]) == (245580, 301504, -18.5)
    assert item["source"] == "Matomo"
    pdf = client.get("/questionnaires/cocof-ambulatoire/2025/telecharger/pdf").data
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    for expected in ("Pages vues sur le site", "245 580", "301 504", "-18,5", "Source : Matomo"):
        assert expected in text.replace("\u202f", " ").replace("\u00a0", " "), expected
    assert "2024 : 301 504" in show(client, 2025).replace("\u202f", " ").replace("\u00a0", " ")


def test_a_typed_figure_that_is_not_a_number_saves_nothing_and_keeps_the_page(client, db,
                                                                              login_as):
    login_as(Role.SECRETARY)
    response = post_form(client, "/questionnaires/cocof-ambulatoire/2025/recits", {
        "input-pages_vues": "beaucoup", "source-pages_vues": "Matomo",
        "text-perspectives": "Un texte à garder."})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Pages vues sur le site : « beaucoup » n&#39;est pas un nombre" in html
    assert 'value="beaucoup"' in html and "Un texte à garder." in html
    assert db.session.scalar(db.select(IndicatorValue)) is None
