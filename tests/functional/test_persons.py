"""Counting in persons: a hand-written definition over imported staff, dossiers and
consultations gives persons, persons by a dossier's dimension, consultations by the
professional who consulted, no-shows, new persons, first interviews and care paths, each equal
to a count made by hand, in JSON, PDF, DOCX and XLSX."""

import io
import json
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from tests.factories import make_user
from tests.helpers import pdf_text, signed_in_client
from tracker.activities.importer import import_activities
from tracker.activities.services import hash_dossier
from tracker.activities.vocabulary import Vocabulary
from tracker.auth.roles import Role
from tracker.dossiers.importer import import_dossiers
from tracker.dossiers.register import REGISTER, register_table
from tracker.dossiers.services import record_event
from tracker.questionnaires.definition import (
    DefinitionError,
    load_definition_file,
    parse_definition,
)
from tracker.questionnaires.figures import Figures
from tracker.questionnaires.outputs import render
from tracker.questionnaires.report import build_report
from tracker.staffing.importer import import_staff

DEFINITION = Path(__file__).resolve().parent.parent / "data" / "persons_2024.yaml"
STAFF = """nom;fonction;formation;etp;financement;debut;fin;motif_fin
Ana Psy;psychologue;Master en psychologie;1;COCOF;01/01/2024;;
Bob Doc;medecin;Médecine générale;0,5;PCS;01/01/2024;;
Cléo Social;assistant_social;Assistante sociale;1;COCOF;01/01/2024;30/06/2024;fin de contrat
"""
# B is « entourage » until 1 September, then « usager »; D came in 2023 already; E has no
# recorded attribute.
DOSSIERS = """dossier;date;statut;genre;tranche_age
A;01/01/2024;usager;feminin;30-44
B;01/01/2024;entourage;masculin;18-29
B;01/09/2024;usager;;
C;01/03/2024;usager;Masculin;45-64
D;01/01/2023;usager;feminin;30-44
"""
ACTIVITIES = """date;type;intervenant;dossier;presence;duree_min
10/01/2024;consultation;Ana Psy;A;;50
20/02/2024;consultation;Bob Doc;A;venu;30
05/03/2024;consultation;Ana Psy;A;absent;
15/02/2024;consultation;Cléo Social;B;;45
10/10/2024;consultation;Ana Psy;B;;50
05/03/2024;consultation;Bob Doc;C;;30
06/04/2024;consultation;Bob Doc;C;annulé;
10/11/2023;consultation;Ana Psy;D;;50
12/01/2024;consultation;Ana Psy;D;;50
01/12/2024;consultation;;E;;40
02/02/2024;appel;Ana Psy;;;15
"""
# Counted by hand for 2024.
PERSONS = 5  # A, B, C, D, E
NEW = 4  # D came in 2023
BY_GENDER = {"feminin": 2, "masculin": 2, None: 1}  # A, D | B, C | E
BY_STATUS = {"usager": 4, None: 1}  # B under its value at the year's end
BY_FUNCTION = {"psychologue": 3, "assistant_social": 1, "medecin": 2, None: 1}
PATHS = {"psychologue": 1, "medecin": 1, "psychologue+assistant_social": 1,
         "psychologue+medecin": 1, None: 1}


# A hospitalised twice, B oriented to a cure centre, C to the team's psychologist; one event
# of A falls in 2023.
EVENTS = [("A", date(2024, 5, 1), "hospitalisation", None, None),
          ("A", date(2024, 9, 1), "hospitalisation", None, None),
          ("A", date(2023, 12, 20), "hospitalisation", None, None),
          ("B", date(2024, 11, 1), "orientation_externe", "centre_cure", None),
          ("C", date(2024, 3, 10), "orientation_interne", None, "psychologue")]


@pytest.fixture
def report(db):
    import_staff(STAFF.encode(), "equipe.csv")
    import_dossiers(DOSSIERS.encode(), "dossiers.csv")
    import_activities(ACTIVITIES.encode(), "consultations.csv")
    vocabulary = Vocabulary.load()
    for code, day, kind, destination, function in EVENTS:
        record_event(hash_dossier(code), day, kind,
                     vocabulary.find("destination", destination).id if destination else None,
                     function, date(2025, 1, 1))
    return build_report(load_definition_file(DEFINITION), 2024)


def _items(report) -> dict:
    data = json.loads(render(report, "json"))
    return {item["id"]: item for section in data["sections"] for item in section["items"]}


def _rows(item: dict) -> dict:
    """The rows that count someone (a table lists every value of its dimension)."""
    key = item["by"][0]
    return {row[key]: row["value"] for row in item["rows"] if row["value"]}


def test_json_counts_persons_professionals_no_shows_and_care_paths(report):
    found = _items(report)
    assert found["personnes"]["value"] == PERSONS
    assert (found["personnes"]["previous"], found["personnes"]["change_percent"]) == (1, 400.0)
    assert found["nouvelles"]["value"] == NEW
    assert found["premieres"]["value"] == NEW  # D's episode opened in 2023, still open
    assert _rows(found["par_genre"]) == BY_GENDER
    assert sum(_rows(found["par_genre"]).values()) == found["par_genre"]["total"] == PERSONS
    assert _rows(found["par_statut"]) == BY_STATUS
    assert found["consultations"]["value"] == 7
    assert _rows(found["par_fonction"]) == BY_FUNCTION
    assert found["absents"]["value"] == 1
    assert found["psy"]["value"] == 3
    assert _rows(found["parcours"]) == PATHS
    labels = [row["label"] for row in found["parcours"]["rows"]]
    assert labels == ["Psychologue seul", "Médecin seul", "Psychologue + assistant(e) social(e)",
                      "Psychologue + médecin", "Non renseigné"]
    genders = {row["genre"]: row["percent"] for row in found["par_genre"]["rows"]}
    assert genders["feminin"] == 40.0
    assert found["hospitalisations"]["value"] == 2 and found["hospitalises"]["value"] == 1
    assert _rows(found["vers"]) == {"centre_cure": 1}
    assert _rows(found["interne"]) == {"psychologue": 1}
    assert _rows(found["orientes_statut"]) == {"usager": 2}  # B (usager at the year's end), C


def test_the_same_counts_in_pdf_docx_and_xlsx(report):
    pdf = pdf_text(render(report, "pdf"))
    document = Document(io.BytesIO(render(report, "docx")))
    docx_rows = [[cell.text for cell in row.cells] for table in document.tables
                 for row in table.rows]
    docx_text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    workbook = load_workbook(io.BytesIO(render(report, "xlsx")))
    xlsx_rows = [list(row) for sheet in workbook.worksheets
                 for row in sheet.iter_rows(values_only=True)]

    def in_docx(*cells):
        return any(row[:len(cells)] == list(cells) for row in docx_rows)

    def in_xlsx(*cells):
        return any(row[:len(cells)] == list(cells) for row in xlsx_rows)

    for label, value in (("Féminin", 2), ("Masculin", 2), ("Usager", 4), ("Psychologue", 3),
                         ("Médecin", 2), ("Assistant(e) social(e)", 1), ("Médecin seul", 1),
                         ("Psychologue + médecin", 1), ("Non renseigné", 1)):
        assert in_xlsx(label, value), label
        assert in_docx(label, str(value)), label
        assert f"{label}\n {value}\n" in pdf or f"{label}\n{value}\n" in pdf, label
    for label, value in (("Consultants", 5), ("Personnes nouvelles", 4),
                         ("Premiers entretiens", 4), ("Rendez-vous manqués", 1),
                         ("Consultations effectives", 7)):
        assert in_xlsx(label, value), label
        assert f"{label} : {value}" in pdf, label
        assert f"{label} : {value}" in docx_text or in_docx(label, str(value)), label
    assert "Consultants : 5 (2023 : 1 ; +400 %)" in pdf  # last year's beside (D, in 2023)
    assert "Consultants : 5 (2023 : 1 ; +400 %)" in docx_text
    assert in_xlsx("Consultants", 5, 1, 4.0)


def test_a_dossier_whose_status_changes_counts_once_under_its_value_at_the_year_end(report):
    found = _items(report)
    statuses = {row["statut"]: row["value"] for row in found["par_statut"]["rows"]}
    assert statuses["entourage"] == 0 and statuses["usager"] == 4  # B was « entourage »
    assert sum(statuses.values()) == found["par_statut"]["total"] == PERSONS
    # over the first half-year, B counts under the value held on 30 June
    first_half = Figures(date(2024, 1, 1), date(2024, 6, 30), Vocabulary.load())
    item = load_definition_file(DEFINITION).item("par_statut")
    rows = {row.keys["statut"]: row.value for row in first_half.table(item).rows}
    assert rows["entourage"] == 1 and rows["usager"] == 3


@pytest.mark.parametrize(("item", "problem"), [
    ("{id: x, label: X, metric: persons, by: lieu}", "dimension de l'activité"),
    ("{id: x, label: X, metric: count, by: parcours}", "compte des personnes"),
    ("{id: x, label: X, metric: persons, by: [genre, region]}", "qu'une dimension"),
    ("{id: x, label: X, metric: persons, funded_by: COCOF}", "ne se pondère pas"),
    ("{id: x, label: X, metric: count, where: {presence: parti}}", "venu, absent ou annule"),
    ("{id: x, label: X, metric: count, where: {fonction: astronaute}}", "fonction « astronaute »"),
])
def test_a_definition_that_cannot_count_in_persons_is_refused_in_french(db, item, problem):
    text = ("id: essai\nfunder: SPW\ntitle: Essai\nsections:\n  - title: S\n    items:\n"
            f"      - {item}\n")
    with pytest.raises(DefinitionError) as refused:
        build_report(parse_definition(text, "essai.yaml"), 2024)
    assert problem in refused.value.message


def test_the_register_has_one_row_per_episode_with_the_dossier_at_its_opening(report):
    table = register_table(2024, date(2025, 6, 1))
    headers = table.headers
    rows = {row[1]: dict(zip(headers, row, strict=True)) for row in table.rows}
    assert sorted(rows) == [date(2023, 11, 10), date(2024, 1, 10), date(2024, 2, 15),
                            date(2024, 3, 5), date(2024, 12, 1)]
    assert rows[date(2023, 11, 10)]["Rencontres en 2024"] == 1  # D, known since 2023
    assert rows[date(2024, 2, 15)]["Statut"] == "Entourage (proche)"  # B at its opening
    assert rows[date(2024, 1, 10)]["Genre"] == "Féminin"
    assert rows[date(2024, 1, 10)]["Rencontres en 2024"] == 2  # A's no-show is not one
    assert rows[date(2024, 12, 1)]["Genre"] == ""  # E: nothing recorded
    sheet = load_workbook(io.BytesIO(REGISTER.render(table, "xlsx"))).active
    assert [cell.value for cell in sheet[4]][:2] == ["Dossier (pseudonyme)", "Ouverte le"]
    assert sheet.max_row == 4 + 5 and sheet.cell(row=5, column=2).value.year == 2023
    text = REGISTER.render(table, "csv").decode("utf-8-sig")
    assert "10/01/2024" in text and "Féminin" in text
    assert not any(code in text for code in ("A;", "Ana Psy"))  # no code, no name


def test_the_board_reads_fewer_than_three_persons_as_a_small_group(db, report, app, login_as,
                                                                    client):
    user = make_user(Role.BOARD)
    db.session.commit()
    board = signed_in_client(app, user.email)
    login_as(Role.SECRETARY)
    address = "/questionnaires/spw-assuetudes/2024"

    def genders(browser) -> dict:
        data = browser.get(f"{address}/telecharger/json").get_json()
        item = next(item for section in data["sections"] for item in section["items"]
                    if item["id"] == "donnees_genre")
        return {row["genre"]: row["value"] for row in item["rows"]}

    assert genders(client)["feminin"] == 2 and genders(client)["masculin"] == 2
    assert genders(board)["feminin"] == "< 3" and genders(board)["neutre"] == 0
    sheet_values = [cell for sheet in load_workbook(io.BytesIO(
        board.get(f"{address}/telecharger/xlsx").data)).worksheets
        for row in sheet.iter_rows(values_only=True) for cell in row]
    assert "< 3" in sheet_values
    page = board.get(address).get_data(as_text=True)
    assert "&lt; 3" in page
    assert "&lt; 3" not in client.get(address).get_data(as_text=True)
