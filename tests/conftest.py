"""Fixtures: app (migrated database), db (each test rolled back), client, login_as(role);
demo_app and demo_db: the same over a database holding the demo association, loaded once per
session (each test's changes rolled back as well)."""

import os
from contextlib import contextmanager

import flask
import pytest
from flask.globals import _cv_app
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy.orm import scoped_session, sessionmaker

from tests.databases import (
    TEST_SECRET_KEY,
    create_demo_database,
    create_test_database,
    drop_demo_template,
    is_postgresql,
)
from tests.factories import PASSWORD, make_user
from tests.helpers import post_form
from tracker import create_app
from tracker.extensions import db as _db


class RequestIsolatingClient(FlaskClient):
    """Each request gets its own app context (and so its own `g` and session), as in
    production, even while the test itself holds an app context open."""

    def open(self, *args, **kwargs):
        token = _cv_app.set(None)
        try:
            return super().open(*args, **kwargs)
        finally:
            _cv_app.reset(token)


@contextmanager
def migrated_app(tmp_path_factory, name: str, demo: bool = False):
    """An app on its own throw-away database, migrated as in production (holding the demo
    association, copied from the run's template, when `demo`)."""
    folder = tmp_path_factory.mktemp(name)
    url, drop = (create_demo_database(tmp_path_factory, folder, name) if demo
                 else create_test_database(folder, name))
    os.environ["TRACKER_INSTANCE_PATH"] = str(folder / "instance")
    app = create_app({
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": url,
        "SECRET_KEY": TEST_SECRET_KEY,
        "EXPORT_DIR": str(folder / "exports"),
        "TRACKER_MAIL_OUTBOX": str(folder / "outbox"),
    })
    app.test_client_class = RequestIsolatingClient
    with app.app_context():
        upgrade()  # the schema comes from the migrations, as in production
    try:
        yield app
    finally:
        with app.app_context():
            _db.engine.dispose()
        drop()


# The longest tests start first, so that no process is left running one alone at the end;
# those without the demo association first of all, while one process copies it for the run.
RUN_FIRST = ("test_concurrency.py", "test_deployment.py", "test_module_imports.py",
             "test_long_import.py", "test_phone_layout.py", "test_french_voice.py")


def pytest_collection_modifyitems(config, items):
    def rank(item) -> int:
        return RUN_FIRST.index(item.path.name) if item.path.name in RUN_FIRST else len(RUN_FIRST)

    items.sort(key=rank)  # stable: the others in file order
    if is_postgresql():  # `make test` runs on SQLite too: these need not run twice
        for item in items:
            if item.get_closest_marker("engine_independent"):
                item.add_marker(pytest.mark.skip(reason="indépendant du moteur de base de "
                                                        "données : vérifié sur SQLite"))


def pytest_sessionfinish(session):
    """The run's first process (the only one without xdist) drops the demo template."""
    if not hasattr(session.config, "workerinput"):
        drop_demo_template(session.config._tmp_path_factory)  # pytest's own tmp_path_factory


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    with migrated_app(tmp_path_factory, "app") as app:
        yield app


@pytest.fixture(scope="session")
def demo_app(tmp_path_factory):
    """The demo association, loaded once for every test that reads it (most of the suite's
    time on PostgreSQL was reloading it test after test), copied from the run's template."""
    with migrated_app(tmp_path_factory, "demo", demo=True) as app:
        yield app


def _app_context_id() -> int:
    return id(flask.globals.app_ctx._get_current_object())


@contextmanager
def rolled_back(app):
    """Everything a test writes, commits included, is rolled back at its end.

    The session joins an outer transaction through SAVEPOINTs (SQLAlchemy's documented recipe;
    tracker.db makes SAVEPOINT work on SQLite). Each app context, so each request, gets its own
    session on that one connection, as in production.
    """
    with app.app_context():
        connection = _db.engine.connect()
        outer = connection.begin()
        factory = sessionmaker(bind=connection, join_transaction_mode="create_savepoint")
        original = _db.session
        _db.session = scoped_session(factory, scopefunc=_app_context_id)
        try:
            yield _db
        finally:
            _db.session.remove()
            _db.session = original
            outer.rollback()
            connection.close()


@pytest.fixture
def db(app):
    with rolled_back(app) as database:
        yield database


@pytest.fixture
def demo_db(demo_app):
    with rolled_back(demo_app) as database:
        yield database


@pytest.fixture
def client(app, db):
    return app.test_client()


@pytest.fixture
def login_as(client):
    """Sign in a new user of the given role through the login form; returns the user."""

    def sign_in(role, **user_fields):
        user = make_user(role, **user_fields)
        response = post_form(client, "/login", {"email": user.email, "password": PASSWORD})
        assert response.status_code == 302, response.get_data(as_text=True)
        return user

    return sign_in
