"""Throw-away databases for tests: a SQLite file, or a fresh database on the PostgreSQL server
named by DATABASE_URL (never the database itself, so a developer's data is safe)."""

import fcntl
import os
import shutil
import sqlite3
import uuid
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


def is_postgresql() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith("postgresql")


def _admin():
    server = make_url(os.environ["DATABASE_URL"])
    return server, create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")


def _dropper(database: str) -> Callable[[], None]:
    def drop() -> None:
        _server, admin = _admin()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        admin.dispose()

    return drop


def create_test_database(folder: Path, name: str, template: str | None = None
                         ) -> tuple[str, Callable[[], None]]:
    """Return (url, drop) for an empty database (or, on PostgreSQL, a copy of `template`)."""
    if not is_postgresql():
        return f"sqlite:///{folder / f'{name}.sqlite3'}", lambda: None
    server, admin = _admin()
    database = f"tracker_test_{name}_{uuid.uuid4().hex[:8]}"
    copied = f' TEMPLATE "{template}"' if template else ""
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{database}"{copied}'))
    admin.dispose()
    return server.set(database=database).render_as_string(hide_password=False), \
        _dropper(database)


# --- the demo association, loaded once per test run and copied for each process -----------
# Loading the demo takes 8 s on SQLite and 25 s on PostgreSQL; each test process needs it
# twice (the demo tests and the browser tests' live server). The first process to ask builds
# a template under a lock shared by every process of the run; the others copy it: a file copy
# on SQLite, CREATE DATABASE … TEMPLATE on PostgreSQL (dropped when the run ends).

TEMPLATE_RECORD = "demo-template.url"
# One key for every test application: dossier codes are hashed with it.
TEST_SECRET_KEY = "test-secret-key"


def run_folder(tmp_path_factory) -> Path:
    """The folder every process of this run shares (pytest-xdist's workers have theirs
    below the run's own)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def _build_template(folder: Path) -> str:
    from flask_migrate import upgrade

    from tracker import create_app
    from tracker.actors import Actor, act_as
    from tracker.demo import load_demo
    from tracker.extensions import db

    url, _drop = create_test_database(folder, "demo_template")
    os.environ["TRACKER_INSTANCE_PATH"] = str(folder / "template-instance")
    # the tests' key: the demo's dossier codes hash as the apps reading this database hash them
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": TEST_SECRET_KEY,
                      "EXPORT_DIR": str(folder / "template-exports"),
                      "TRACKER_MAIL_OUTBOX": str(folder / "template-outbox")})
    with app.app_context():
        upgrade()
        act_as(Actor(None, "démonstration"))
        load_demo()
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    return url


def create_demo_database(tmp_path_factory, folder: Path, name: str
                         ) -> tuple[str, Callable[[], None]]:
    """Return (url, drop) for a database holding the demo association, at the latest
    migration; the demo's stored documents (its receipts) are copied into
    `folder`/instance/documents, where an app whose instance folder is `folder`/instance
    reads them, and its archived files into `folder`/exports (the apps' EXPORT_DIR)."""
    shared = run_folder(tmp_path_factory)
    with open(shared / "demo-template.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        record = shared / TEMPLATE_RECORD
        if not record.exists():
            record.write_text(_build_template(shared))
        template = make_url(record.read_text())
        shutil.copytree(shared / "template-instance" / "documents",
                        folder / "instance" / "documents", dirs_exist_ok=True)
        if (shared / "template-exports").exists():  # its archived questionnaires and report
            shutil.copytree(shared / "template-exports", folder / "exports",
                            dirs_exist_ok=True)
        if not is_postgresql():
            copy = folder / f"{name}.sqlite3"
            source = sqlite3.connect(template.database)
            target = sqlite3.connect(copy)
            source.backup(target)
            source.close()
            target.close()
            return f"sqlite:///{copy}", lambda: None
        return create_test_database(folder, name, template=template.database)


def drop_demo_template(tmp_path_factory) -> None:
    """At the end of the run (its first process), the PostgreSQL template goes."""
    record = run_folder(tmp_path_factory) / TEMPLATE_RECORD
    if record.exists() and is_postgresql():
        _dropper(make_url(record.read_text()).database)()
        record.unlink()
