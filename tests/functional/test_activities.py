"""Activities: entry, privacy of case codes, vocabularies that never orphan, imports."""

import hashlib
import hmac
import io
import random
import time
from datetime import date, timedelta

from sqlalchemy import func, text

from tests.factories import make_person
from tests.helpers import post_form, post_upload
from tracker.activities.importer import import_activities, undo_batch
from tracker.activities.models import Activity, ActivityValue, DimensionValue, ImportBatch
from tracker.activities.services import ActivityInput, save_activity
from tracker.activities.vocabulary import Vocabulary
from tracker.auth.roles import Role
from tracker.cli import cli

HEADER = "date;type;duree_min;type_appelant;genre;tranche_age;region;premier_contact;produits;suite"


def value_id(db, dimension: str, code: str) -> int:
    return db.session.scalar(db.select(DimensionValue.id).where(
        DimensionValue.dimension_code == dimension, DimensionValue.code == code))


def count(db, model=Activity) -> int:
    return db.session.scalar(db.select(func.count()).select_from(model))


def calls_csv(rows: int, seed: int = 7) -> bytes:
    generator = random.Random(seed)
    lines = [HEADER]
    for _ in range(rows):
        day = date(2022, 1, 1) + timedelta(days=generator.randrange(365))
        lines.append(";".join([
            day.strftime("%d/%m/%Y"), "appel", str(generator.randint(2, 60)),
            generator.choice(["consommateur", "Proche", "professionnel"]),
            generator.choice(["feminin", "Masculin"]),
            generator.choice(["12-17", "18-29", "30-44", "45-64", "65-79", "80+"]),
            generator.choice(["bruxelles", "Wallonie", "flandre"]),
            generator.choice(["oui", "non"]),
            "|".join(generator.sample(["cannabis", "Cocaïne", "alcool", "benzodiazepines"], 2)),
            generator.choice(["orientation_externe", "travail_pendant_appel|orientation_interne"]),
        ]))
    return ("\n".join(lines) + "\n").encode()


def test_staff_logs_a_call_with_its_dimensions(client, db, login_as):
    user = login_as(Role.STAFF)
    make_person("Samia Test", user=user)  # an account the director linked
    response = post_form(client, "/activites/nouvelle?type=appel", {
        "date": date.today().isoformat(), "duree_min": "14", "type_appelant": "proche",
        "genre": "feminin", "produits": ["cannabis", "alcool"], "suite": "orientation_externe",
        "then": "new"})
    assert response.status_code == 302 and "type=appel" in response.headers["Location"]
    activity = db.session.scalar(db.select(Activity))
    assert activity.created_by_id == user.id and activity.duree_min == 14
    codes = {(link.dimension_code, link.value.code) for link in activity.values}
    assert codes == {("type_appelant", "proche"), ("genre", "feminin"), ("produits", "cannabis"),
                     ("produits", "alcool"), ("suite", "orientation_externe")}
    assert "Appel téléphonique" in client.get("/activites/miennes").get_data(as_text=True)


def test_entry_error_keeps_the_choices(client, db, login_as):
    login_as(Role.STAFF)
    future = (date.today() + timedelta(days=10)).isoformat()
    response = post_form(client, "/activites/nouvelle?type=appel", {
        "date": future, "duree_min": "9", "type_appelant": "professionnel", "then": "new"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "La date est dans le futur." in html
    assert 'value="professionnel" checked' in html and 'value="9"' in html
    assert count(db) == 0


def test_a_single_valued_dimension_refuses_two_values(app, db):
    with app.test_request_context():
        try:
            save_activity(None, ActivityInput(date=date(2022, 3, 1), type_code="appel",
                                              values={"genre": ["feminin", "masculin"]}))
        except Exception as error:  # noqa: BLE001
            assert "Une seule valeur" in str(error)
        else:
            raise AssertionError("two genres accepted")


def test_case_code_is_stored_only_as_a_keyed_hash(app, db):
    activity = save_activity(None, ActivityInput(date=date(2022, 3, 1), type_code="consultation",
                                                 dossier="  AB-123 "))
    db.session.commit()
    expected = hmac.new(app.config["SECRET_KEY"].encode(), b"ab-123", hashlib.sha256).hexdigest()
    assert activity.dossier_hash == expected
    dumped = db.session.execute(text("SELECT * FROM activity")).all()
    assert "AB-123" not in repr(dumped) and "ab-123" not in repr(dumped)


def test_director_switches_the_case_code_off(client, db, login_as):
    login_as(Role.DIRECTOR)
    post_form(client, "/association/modifier", {"name": "Asbl", "legal_form": "ASBL"})
    html = client.get("/activites/nouvelle?type=consultation").get_data(as_text=True)
    assert 'name="dossier"' not in html
    content = b"date;type;dossier\n01/02/2022;consultation;X1\n"
    response = post_upload(client, "/activites/import", {"file": (io.BytesIO(content), "a.csv")})
    assert "Le code dossier est désactivé" in response.get_data(as_text=True)


def test_secretary_cannot_switch_the_case_code_off(client, db, login_as):
    login_as(Role.SECRETARY)
    assert 'name="dossier_enabled"' not in client.get("/association/modifier").get_data(
        as_text=True)


def test_staff_cannot_change_someone_elses_activity(client, db, login_as):
    other = save_activity(None, ActivityInput(date=date(2022, 3, 1), type_code="appel",
                                              duree_min=5), created_by_id=None)
    db.session.commit()
    login_as(Role.STAFF)
    assert client.get(f"/activites/{other.id}/modifier").status_code == 403
    assert post_form(client, f"/activites/{other.id}/supprimer", {}).status_code == 403


def test_list_filters_by_type_period_and_dimension(client, db, login_as):
    save_activity(None, ActivityInput(date=date(2022, 3, 1), type_code="appel",
                                      values={"region": ["wallonie"]}))
    save_activity(None, ActivityInput(date=date(2022, 3, 2), type_code="appel",
                                      values={"region": ["bruxelles"]}))
    save_activity(None, ActivityInput(date=date(2021, 3, 2), type_code="consultation",
                                      duree_min=45))
    db.session.commit()
    login_as(Role.BOARD)
    html = client.get(f"/activites/?type=appel&du=2022-01-01&au=2022-12-31"
                      f"&valeur={value_id(db, 'region', 'wallonie')}").get_data(as_text=True)
    assert html.count("<td class=\"nowrap\">01/03/2022</td>") == 1
    assert "02/03/2022" not in html and "02/03/2021" not in html


def test_vocabulary_edits_never_orphan_a_record(client, db, login_as):
    save_activity(None, ActivityInput(date=date(2022, 3, 1), type_code="appel",
                                      values={"produits": ["cbd"]}))
    db.session.commit()
    login_as(Role.SECRETARY)
    cbd = value_id(db, "produits", "cbd")
    response = post_form(client, f"/activites/vocabulaires/valeur/{cbd}/supprimer", {})
    assert response.status_code == 302
    assert db.session.get(DimensionValue, cbd) is not None  # in use: never deleted
    post_form(client, f"/activites/vocabulaires/valeur/{cbd}",
              {"label": "Cannabidiol (CBD)"})  # relabel and retire (active unchecked)
    db.session.expire_all()
    value = db.session.get(DimensionValue, cbd)
    assert value.label == "Cannabidiol (CBD)" and not value.active
    entry = client.get("/activites/nouvelle?type=appel").get_data(as_text=True)
    assert 'name="produits" value="cbd"' not in entry
    assert "Cannabidiol (CBD)" in client.get("/activites/").get_data(as_text=True)
    post_form(client, "/activites/vocabulaires/produits", {"code": "nouveau_x", "label": "X"})
    new = value_id(db, "produits", "nouveau_x")
    post_form(client, f"/activites/vocabulaires/valeur/{new}/supprimer", {})
    assert value_id(db, "produits", "nouveau_x") is None  # unused: really deleted


def test_vocabulary_finds_codes_and_labels_whatever_the_case_and_accents(db):
    vocabulary = Vocabulary.load()
    assert vocabulary.find("produits", "COCAÏNE").code == "cocaine"
    assert vocabulary.find("produits", "cocaine").code == "cocaine"
    assert vocabulary.find("tranche_age", "80 ans et plus").code == "80+"
    assert vocabulary.find("region", "Bruxelles-Capitale").code == "bruxelles"
    assert vocabulary.find("region", "Mars") is None


def test_25000_calls_import_in_seconds(app, db):
    content = calls_csv(25_000)
    started = time.perf_counter()
    with app.test_request_context():
        report = import_activities(content, "appels.csv")
    elapsed = time.perf_counter() - started
    assert report.rows == 25_000 and count(db) == 25_000
    assert count(db, ActivityValue) > 25_000 * 7
    assert elapsed < 60, f"{elapsed:.1f} s"


def test_one_unknown_value_on_line_4_refuses_the_whole_file(app, db, tmp_path):
    lines = calls_csv(6).decode().splitlines()
    lines[3] = lines[3].replace("orientation_externe", "teleportation").replace(
        "travail_pendant_appel|orientation_interne", "teleportation")
    path = tmp_path / "appels.csv"
    path.write_text("\n".join(lines) + "\n")
    result = app.test_cli_runner().invoke(cli, ["import", "activities", str(path)])
    assert result.exit_code == 1
    assert "Ligne 4, colonne « suite » : Valeur « teleportation » inconnue" in result.output
    assert count(db) == 0 and count(db, ImportBatch) == 0


def test_errors_are_listed_fifty_at_most_with_the_count(app, db, tmp_path):
    lines = [HEADER] + [f"31/02/2022;appel;{i};;;;;;;" for i in range(80)]
    path = tmp_path / "dates.csv"
    path.write_text("\n".join(lines) + "\n")
    result = app.test_cli_runner().invoke(cli, ["import", "activities", str(path)])
    assert "80 erreur(s), les 50 premières" in result.output
    assert result.output.count("colonne « date »") == 50


def test_unknown_column_is_refused(app, db, tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("date;type;nom_du_patient\n01/02/2022;appel;Jean\n")
    result = app.test_cli_runner().invoke(cli, ["import", "activities", str(path)])
    assert "colonne « nom_du_patient » : Colonne inconnue" in result.output
    assert count(db) == 0


def test_same_file_twice_is_refused_unless_forced_and_undo_removes_the_batch(app, db):
    content = calls_csv(30)
    with app.test_request_context():
        first = import_activities(content, "a.csv")
        try:
            import_activities(content, "a.csv")
        except Exception as error:  # noqa: BLE001
            assert "déjà été importé" in str(error)
        else:
            raise AssertionError("duplicate accepted")
        import_activities(content, "a.csv", force=True)
        assert count(db) == 60
        batch = db.session.get(ImportBatch, first.batch_id)
        assert undo_batch(batch) == 30
    assert count(db) == 30 and batch.undone_at is not None
    assert count(db, ActivityValue) == db.session.scalar(
        db.select(func.count()).select_from(ActivityValue).join(Activity))


def test_xlsx_import_never_evaluates_formulas(app, db):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["date", "type", "participants"])
    sheet.append(["01/03/2022", "sensibilisation", "=10*10"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with app.test_request_context():
        try:
            import_activities(buffer.getvalue(), "f.xlsx")
        except Exception as error:  # noqa: BLE001
            assert "Ligne 2, colonne « participants » : Cette cellule contient une formule" \
                in str(error.errors[0])
        else:
            raise AssertionError("formula accepted")


def test_import_page_upload_and_undo(client, db, login_as):
    make_person("Intervenante Test")
    db.session.commit()
    login_as(Role.SECRETARY)
    content = b"date;type;intervenant;partenaire;participants;region\n" \
              b"01/03/2022;sensibilisation;intervenante test;Ecole fictive;25;wallonie\n"
    response = post_upload(client, "/activites/import", {"file": (io.BytesIO(content), "a.csv")})
    html = response.get_data(as_text=True)  # an unknown partner is never created unasked
    assert "Partenaire « Ecole fictive » inconnu" in html and count(db) == 0
    response = post_upload(client, "/activites/import", {"file": (io.BytesIO(content), "a.csv"),
                                                       "create_partners": "y"})
    html = response.get_data(as_text=True)
    assert "1 activité(s) importées" in html and "Partenaires créés : Ecole fictive" in html
    batch = db.session.scalar(db.select(ImportBatch))
    post_form(client, f"/activites/imports/{batch.id}/annuler", {})
    assert count(db) == 0


def test_a_yes_or_no_value_is_listed_with_its_question(client, db, login_as):
    from tracker.activities.importer import import_activities

    import_activities(b"date;type;premier_contact;duree_min\n05/03/2025;appel;non;10\n",
                      "appel.csv")
    db.session.commit()
    login_as(Role.DIRECTOR)
    page = client.get("/activites/?du=01/03/2025&au=31/03/2025").get_data(as_text=True)
    assert "Premier contact : non" in page
