"""Importing a team table: exact figures, idempotence, and refusals that write nothing."""

import io
import json
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import func

from tracker.cli import cli
from tracker.staffing.models import Allocation, Person

DATA = Path(__file__).parent.parent / "data"
HEADER = "nom;fonction;formation;etp;financement;debut;fin;motif_fin"


def run(app, *args):
    return app.test_cli_runner().invoke(cli, list(args), catch_exceptions=False)


def count(db, model) -> int:
    return db.session.scalar(db.select(func.count()).select_from(model))


def test_a_sesame_like_table_gives_the_figures_it_implies(app, db):
    result = run(app, "import", "staff", str(DATA / "equipe_2014.csv"))
    assert result.exit_code == 0, result.output
    at_year_end = json.loads(run(app, "staffing", "--at", "2014-12-31", "--format", "json").output)
    pssp = at_year_end["by_funder"]["PSSP"]
    assert pssp["total"] == 3.5
    assert pssp["by_function"] == {"psychologue": 1.5, "assistant_social": 1.0, "educateur": 1.0}
    assert at_year_end["by_funder"]["PCS"] == {"total": 0.4, "by_function": {"medecin": 0.4}}
    assert at_year_end["total"] == 8.2

    average = json.loads(run(app, "staffing", "--from", "2014-01-01", "--to", "2014-12-31",
                             "--format", "json").output)
    # Educator posts paid by PSSP: 0,8 for 240 days (to 28/08) then 1,0 for 50 days (from 12/11).
    educators = average["by_funder"]["PSSP"]["by_function"]["educateur"]
    assert educators == round(0.8 * 240 / 365 + 1.0 * 50 / 365, 6)


def test_importing_twice_duplicates_nothing(app, db):
    run(app, "import", "staff", str(DATA / "equipe_2014.csv"))
    people, allocations = count(db, Person), count(db, Allocation)
    second = run(app, "import", "staff", str(DATA / "equipe_2014.csv"))
    assert "19 déjà présente(s)" in second.output
    assert (count(db, Person), count(db, Allocation)) == (people, allocations)


def test_dry_run_writes_nothing(app, db):
    result = run(app, "import", "staff", "--dry-run", str(DATA / "equipe_2014.csv"))
    assert "19 affectation(s) seraient créées" in result.output
    assert count(db, Person) == 0


def write(tmp_path, text: str, encoding="utf-8") -> str:
    path = tmp_path / "equipe.csv"
    path.write_bytes(text.encode(encoding))
    return str(path)


def test_someone_above_one_fte_refuses_the_whole_file_naming_the_line(app, db, tmp_path):
    path = write(tmp_path, "\n".join([
        HEADER,
        "Valide Victor;psychologue;;0,5;SPW;01/01/2014;;",
        "Double Dora;psychologue;;0,7;PSSP;01/01/2014;;",
        "Double Dora;psychologue;;0,5;SPW;01/06/2014;31/12/2014;",
    ]))
    result = run(app, "import", "staff", path)
    assert result.exit_code == 1
    assert "Ligne 4" in result.output and "Double Dora" in result.output
    assert "1,2 ETP" in result.output
    assert count(db, Person) == 0 and count(db, Allocation) == 0


def test_every_error_is_listed_with_line_and_column(app, db, tmp_path):
    path = write(tmp_path, "\n".join([
        HEADER,
        "Ok Olga;psychologue;;0,5;SPW;01/01/2014;;",
        "Ok Omar;psychologue;;0,5;SPW;01/01/2014;;",
        "Faux Fabien;astronaute;;0,5;SPW;01/01/2014;;",
        "Faux Félix;psychologue;;1,5;XYZ;31/02/2014;;",
    ]))
    result = run(app, "import", "staff", path)
    assert result.exit_code == 1
    assert "Ligne 4, colonne « fonction » : Fonction « astronaute » inconnue" in result.output
    assert "Ligne 5, colonne « etp »" in result.output
    assert "Ligne 5, colonne « financement » : Financeur « XYZ » inconnu" in result.output
    assert "Ligne 5, colonne « debut »" in result.output
    assert count(db, Person) == 0


def test_unknown_and_missing_columns_are_named(app, db, tmp_path):
    path = write(tmp_path, "nom;fonction;etp;salaire\nA;psychologue;0,5;3000\n")
    result = run(app, "import", "staff", path)
    assert "Colonnes manquantes : formation, financement, debut, fin, motif_fin" in result.output
    assert "colonne « salaire » : Colonne inconnue" in result.output


def test_windows_1252_comma_delimited_and_iso_dates(app, db, tmp_path):
    path = write(tmp_path, "\n".join([
        HEADER.replace(";", ","),
        "Hélène Çava,Éducatrice,Éducatrice A1,0.5,spw,2014-01-01,,",
    ]), encoding="cp1252")
    result = run(app, "import", "staff", path)
    assert result.exit_code == 0, result.output
    person = db.session.scalar(db.select(Person))
    assert person.full_name == "Hélène Çava" and person.training == "Éducatrice A1"
    assert person.allocations[0].function_code == "educateur"


def test_xlsx_with_detachment(app, db, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(";") + ["detache_chez"])
    sheet.append(["Détachée Delphine", "Psychologue", "Psychologue", 0.5, "COCOF",
                  "01/01/2022", None, None, "Asbl Partenaire Fictive"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    path = tmp_path / "equipe.xlsx"
    path.write_bytes(buffer.getvalue())
    result = run(app, "import", "staff", str(path))
    assert result.exit_code == 0, result.output
    allocation = db.session.scalar(db.select(Allocation))
    assert allocation.detached_to.name == "Asbl Partenaire Fictive"
