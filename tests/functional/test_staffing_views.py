"""The board reads and exports the staffing views; the office enters data through forms."""

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from tests.factories import funder, make_allocation, make_person
from tests.helpers import post_form, post_upload
from tracker.audit.models import AuditEntry
from tracker.auth.roles import Role
from tracker.funders.services import add_cadre_post, save_instrument
from tracker.staffing.models import Allocation

DATA = Path(__file__).parent.parent / "data"


def team(db):
    """Two people, a cadre with a gap and an unfunded request, a detachment, an absence."""
    from tracker.staffing.services import find_or_create_partner, save_absence

    agreement = save_instrument(
        None, funder_id=funder("COCOF").id, kind="agrement", title="Agrément ambulatoire",
        start_date=date(2020, 1, 1), end_date=None, status="en_cours")
    add_cadre_post(agreement, function_code="psychologue", fte=Decimal("2"),
                   valid_from=date(2020, 1, 1))
    add_cadre_post(agreement, function_code="psychologue", fte=Decimal("1"),
                   valid_from=date(2020, 1, 1), funded=False, note="demandé en 2021 et 2022")
    anna = make_person("Anna Écoute", "Psychologue")
    make_allocation(anna, 1, "COCOF", date(2020, 1, 1), instrument_id=agreement.id)
    bert = make_person("Bert <Relais>", "Assistant social")
    make_allocation(bert, 0.5, "ACS", date(2021, 1, 1), function_code="assistant_social",
                    detached_to_id=find_or_create_partner("Asbl Voisine").id)
    save_absence(None, person=anna, kind="maladie", start_date=date(2022, 1, 1),
                 end_date=date(2022, 6, 30), fte=Decimal("1"))
    db.session.commit()
    return agreement


def test_board_reads_the_matrix_at_a_date(client, db, login_as):
    team(db)
    login_as(Role.BOARD)
    html = client.get("/personnel/effectifs?date=2022-03-01").get_data(as_text=True)
    assert "Anna Écoute" in html and "COCOF" in html and "ACS" in html
    assert "Bert &lt;Relais&gt;" in html  # escaped
    assert "ETP réellement présents : <strong>0,5 ETP</strong>" in html  # Anna absent


def test_matrix_exports_to_xlsx_with_numbers(client, db, login_as):
    team(db)
    login_as(Role.BOARD)
    response = client.get("/personnel/effectifs?date=2022-03-01&format=xlsx")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    workbook = load_workbook(io.BytesIO(response.data))
    sheet = workbook.worksheets[0]
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4)]
    anna = next(row for row in values if row[0] == "Anna Écoute")
    assert 1 in anna or 1.0 in anna  # a number, not the text « 1 »


def test_board_pack_and_view_pdfs_are_real_pdfs(client, db, login_as):
    team(db)
    login_as(Role.BOARD)
    for path in ("/personnel/effectifs?date=2022-03-01&format=pdf",
                 "/personnel/cadre?date=2022-03-01&format=pdf",
                 "/personnel/chronologie?annee=2022&format=pdf",
                 "/personnel/scenario?financeur=COCOF&date=2023-01-01&format=pdf",
                 "/personnel/dossier-ca?date=2022-03-01"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.data.startswith(b"%PDF-"), path
        assert b"DejaVuSans" in response.data  # the embedded font that renders accents


def test_cadre_shows_the_gap_and_the_unfunded_request(client, db, login_as):
    team(db)
    login_as(Role.BOARD)
    html = client.get("/personnel/cadre?date=2022-03-01").get_data(as_text=True)
    assert "Agrément ambulatoire" in html
    assert "-1" in html  # 2 required, 1 allocated
    assert "demandé en 2021 et 2022" in html


def test_scenario_lists_the_posts_a_funder_pays(client, db, login_as):
    team(db)
    login_as(Role.BOARD)
    html = client.get("/personnel/scenario?financeur=ACS&date=2023-01-01").get_data(as_text=True)
    assert "Bert &lt;Relais&gt;" in html and "Anna Écoute" not in html
    assert "<strong>0,5 ETP</strong> perdent leur financement" in html


def test_timeline_shows_bars_and_absences(client, db, login_as):
    team(db)
    login_as(Role.BOARD)
    html = client.get("/personnel/chronologie?annee=2022").get_data(as_text=True)
    assert 'class="bar-allocation"' in html and 'class="bar-absence"' in html
    assert "détaché(e) chez Asbl Voisine" in html


def test_board_cannot_reach_the_office_forms(client, db, login_as):
    team(db)
    login_as(Role.BOARD)
    for path in ("/personnel/nouveau", "/personnel/import", "/financeurs/instruments/nouveau"):
        assert client.get(path).status_code == 403, path


def test_staff_role_does_not_see_staffing(client, db, login_as):
    login_as(Role.STAFF)
    assert client.get("/personnel/effectifs").status_code == 403


def test_secretary_adds_an_allocation_and_it_is_audited(client, db, login_as):
    login_as(Role.SECRETARY)
    person = make_person("Nouvelle Recrue")
    db.session.commit()
    response = post_form(client, f"/personnel/{person.id}/affectations/nouvelle", {
        "function_code": "educateur", "fte": "0,5", "funder_id": funder("PSSP").id,
        "instrument_id": "", "start_date": "2024-09-01", "end_date": "", "end_reason": "",
        "detached_to_id": "",
    })
    assert response.status_code == 302
    allocation = db.session.scalar(
        db.select(Allocation).where(Allocation.person_id == person.id))
    assert allocation.fte == Decimal("0.5")
    entry = db.session.scalar(
        db.select(AuditEntry).where(AuditEntry.entity_type == "Affectation"))
    assert Decimal(entry.after["fte"]) == Decimal("0.5") and entry.action == "create"


def test_overload_in_the_form_is_explained_and_keeps_the_input(client, db, login_as):
    login_as(Role.SECRETARY)
    person = make_person("Temps Plein")
    make_allocation(person, 1, "SPW", date(2024, 1, 1))
    db.session.commit()
    response = post_form(client, f"/personnel/{person.id}/affectations/nouvelle", {
        "function_code": "psychologue", "fte": "0,3", "funder_id": funder("PSSP").id,
        "instrument_id": "", "start_date": "2024-03-01", "end_date": "2024-03-31",
        "end_reason": "remplacement", "detached_to_id": "",
    })
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Temps Plein dépasserait 1 ETP du 01/03/2024 au 31/03/2024" in html
    assert 'value="remplacement"' in html and 'value="0,3"' in html


def test_upload_page_refuses_a_bad_file_and_accepts_a_good_one(client, db, login_as):
    login_as(Role.SECRETARY)
    bad = b"nom;fonction;formation;etp;financement;debut;fin;motif_fin\nX;psychologue;;2;SPW;;;\n"
    response = post_upload(client, "/personnel/import",
                         {"file": (io.BytesIO(bad), "equipe.csv")})
    html = response.get_data(as_text=True)
    assert "Fichier refusé : rien n&#39;a été enregistré." in html or \
        "Fichier refusé : rien n'a été enregistré." in html
    assert "Ligne 2" in html
    good = (DATA / "equipe_2014.csv").read_bytes()
    response = post_upload(client, "/personnel/import",
                         {"file": (io.BytesIO(good), "equipe.csv")})
    assert "Import terminé" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Allocation.id))) == 19


def test_office_edits_funders_and_instruments(client, db, login_as):
    login_as(Role.DIRECTOR)
    response = post_form(client, "/financeurs/nouveau", {
        "code": "fondation x", "name": "Fondation X", "level": "prive",
        "kind": "pouvoir_subsidiant", "active": "y"})
    assert response.status_code == 302
    assert funder("FONDATION_X").name == "Fondation X"
    response = post_form(client, "/financeurs/instruments/nouveau", {
        "funder_id": funder("FWB").id, "kind": "appel_a_projets", "title": "Projet jeunesse",
        "legal_reference": "", "start_date": "2021-09-01", "end_date": "2021-08-31",
        "status": "accorde", "missions": ""})
    assert "La date de fin précède la date de début." in response.get_data(as_text=True)
