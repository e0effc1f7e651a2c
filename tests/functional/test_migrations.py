"""The migrations build the schema the models describe (the `alembic check` of this project)."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from tracker.extensions import db as _db


def test_models_and_migrations_agree(app):
    with app.app_context(), _db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "render_as_batch": True}
        )
        differences = compare_metadata(context, _db.metadata)
    assert differences == []


def test_migrations_are_at_head(app):
    from alembic.script import ScriptDirectory
    from flask_migrate import Config

    with app.app_context(), _db.engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_heads()
        config = Config(str(app.extensions["migrate"].directory) + "/alembic.ini")
        config.set_main_option("script_location", app.extensions["migrate"].directory)
        heads = ScriptDirectory.from_config(config).get_heads()
    assert set(current) == set(heads)


def test_catalogues_exist_right_after_upgrade(app, db):
    from tracker.catalogue.models import JobFunction
    from tracker.funders.models import Funder

    codes = set(db.session.scalars(db.select(Funder.code)))
    assert codes >= {"COCOF", "AVIQ", "SPW", "PSSP", "PCS", "MARIBEL", "ACS", "APE", "FWB",
                     "VILLE", "FONDS_PROPRES"}
    functions = set(db.session.scalars(db.select(JobFunction.code)))
    assert functions >= {"psychologue", "assistant_social", "educateur", "medecin", "secretaire",
                         "direction", "charge_de_projet", "communication", "autre"}


def test_consultations_values_move_onto_their_dossiers_with_their_history(tmp_path):
    """Upgrading to 0026: the genre a dossier's consultations carried becomes the dossier's,
    dated from the first consultation that carried each value, the latest winning."""
    import os

    from flask_migrate import upgrade
    from sqlalchemy import text

    from tests.databases import create_test_database
    from tracker import create_app

    url, drop = create_test_database(tmp_path, "upgrade_0026")
    os.environ["TRACKER_INSTANCE_PATH"] = str(tmp_path / "instance")
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "migration"})
    try:
        with app.app_context():
            upgrade(revision="0025")
            with _db.engine.begin() as connection:
                value = {code: connection.scalar(text(
                    "SELECT id FROM dimension_value WHERE dimension_code = :d AND code = :c"),
                    {"d": dimension, "c": code}) for dimension, code in (
                    ("type", "consultation"), ("genre", "masculin"), ("genre", "feminin"),
                    ("lieu", "intra_muros"))}
                connection.execute(text(
                    "INSERT INTO import_batch (id, actor, at, filename, sha256, rows, forced, "
                    "created_partners, completed_at) VALUES (1, 'test', '2023-07-01', 'f.csv', "
                    "'abc', 3, false, '', '2023-07-01')"))
                for number, (day, genre) in enumerate((("2023-01-10", "masculin"),
                                                       ("2023-02-10", "masculin"),
                                                       ("2023-06-01", "feminin")), start=1):
                    connection.execute(text(
                        "INSERT INTO activity (id, date, type_id, service, dossier_hash, "
                        "created_at, received, purpose, place, batch_id) VALUES (:id, :day, "
                        ":type, '', 'h1', '2023-01-01', false, '', '', 1)"),
                        {"id": number, "day": day, "type": value["consultation"]})
                    for code in (genre, "intra_muros"):
                        dimension = "lieu" if code == "intra_muros" else "genre"
                        connection.execute(text(
                            "INSERT INTO activity_value (activity_id, value_id, dimension_code) "
                            "VALUES (:a, :v, :d)"), {"a": number, "v": value[code],
                                                     "d": dimension})
            upgrade()
            with _db.engine.connect() as connection:
                values_kept = connection.scalar(text("SELECT count(*) FROM activity_value"))
                activities_kept = connection.scalar(text("SELECT count(*) FROM activity"))
                held = connection.execute(text(
                    "SELECT v.dimension_code, v.value_id, v.valid_from FROM dossier_value v "
                    "JOIN dossier d ON d.id = v.dossier_id WHERE d.hash = 'h1' "
                    "ORDER BY v.valid_from")).all()
            _db.engine.dispose()
    finally:
        drop()
    # the tables rebuilt on SQLite (activity, import_batch) did not take their children
    assert values_kept == 6 and activities_kept == 3
    assert [(code, value_id, str(day)[:10]) for code, value_id, day in held] == [
        ("genre", value["masculin"], "2023-01-10"), ("genre", value["feminin"], "2023-06-01")]
