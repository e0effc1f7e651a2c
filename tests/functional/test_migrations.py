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
