"""Consistent backups: SQLite's online backup API, or pg_dump for PostgreSQL."""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

from tracker.errors import DomainError
from tracker.extensions import db


def backup_database(target: str | Path) -> Path:
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    url = make_url(db.engine.url)
    if url.get_backend_name() == "sqlite":
        _backup_sqlite(Path(url.database), target)
    elif url.get_backend_name() == "postgresql":
        _backup_postgresql(url, target)
    else:
        raise DomainError(f"Sauvegarde non prise en charge pour {url.get_backend_name()}.")
    return target


def _backup_sqlite(source: Path, target: Path) -> None:
    # The backup API copies a consistent snapshot even while the app writes (WAL included).
    with sqlite3.connect(source) as origin, sqlite3.connect(target) as copy:
        origin.backup(copy)
    copy.close()
    origin.close()


def _backup_postgresql(url, target: Path) -> None:
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise DomainError("pg_dump est introuvable : installez le client PostgreSQL.")
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = url.password  # kept off the command line
    # A libpq URI carries host (or socket folder), port and database as SQLAlchemy had them.
    libpq_uri = url.set(drivername="postgresql", password=None).render_as_string()
    command = [pg_dump, "--format=custom", "--no-owner", f"--file={target}",
               f"--dbname={libpq_uri}"]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise DomainError(f"pg_dump a échoué : {result.stderr.strip()}")
