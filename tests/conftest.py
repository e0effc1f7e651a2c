"""Fixtures: app (migrated database), db (each test rolled back), client, login_as(role)."""

import os

import flask
import pytest
from flask.globals import _cv_app
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy.orm import scoped_session, sessionmaker

from tests.databases import create_test_database
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


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tracker")
    os.environ["TRACKER_INSTANCE_PATH"] = str(folder / "instance")
    url, drop = create_test_database(folder, "app")
    app = create_app({
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": url,
        "SECRET_KEY": "test-secret-key",
        "EXPORT_DIR": str(folder / "exports"),
        "TRACKER_MAIL_OUTBOX": str(folder / "outbox"),
    })
    app.test_client_class = RequestIsolatingClient
    with app.app_context():
        upgrade()  # the schema comes from the migrations, as in production
    yield app
    with app.app_context():
        _db.engine.dispose()
    drop()


def _app_context_id() -> int:
    return id(flask.globals.app_ctx._get_current_object())


@pytest.fixture
def db(app):
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
