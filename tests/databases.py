"""Throw-away databases for tests: a SQLite file, or a fresh database on the PostgreSQL server
named by DATABASE_URL (never the database itself, so a developer's data is safe)."""

import os
import uuid
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


def is_postgresql() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith("postgresql")


def create_test_database(folder: Path, name: str) -> tuple[str, Callable[[], None]]:
    """Return (url, drop) for an empty database."""
    if not is_postgresql():
        return f"sqlite:///{folder / f'{name}.sqlite3'}", lambda: None
    server = make_url(os.environ["DATABASE_URL"])
    database = f"tracker_test_{name}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{database}"'))

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        admin.dispose()

    return server.set(database=database).render_as_string(hide_password=False), drop
