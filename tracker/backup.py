"""Consistent backups: SQLite's online backup API, or pg_dump for PostgreSQL; a folder of
them kept by a rotation rule; a backup restored into a scratch database to check it."""

import os
import secrets
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tracker.backup_rotation import backup_name, prune
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


def backup_into_folder(folder: str | Path, now: datetime | None = None) -> tuple[Path, list[Path]]:
    """A new backup in the folder, named by its time, then the old ones pruned (7 daily, 4
    weekly, 12 monthly); returns the backup and what was removed."""
    folder = Path(folder)
    now = now or datetime.now()
    postgresql = make_url(db.engine.url).get_backend_name() == "postgresql"
    target = backup_database(folder / backup_name(now, postgresql))
    return target, prune(folder)


@dataclass
class RestoreCheck:
    tables: int
    revision: str | None
    rows: dict[str, int]


CHECKED_TABLES = ("user", "person", "allocation", "activity", "deadline")


def check_restore(path: str | Path) -> RestoreCheck:
    """Restore a backup into a scratch database and read it back: SQLite's integrity check,
    or pg_restore into a new PostgreSQL database (dropped afterwards); the migration revision
    and a few tables' row counts. A French DomainError when it cannot be restored."""
    path = Path(path)
    if not path.is_file():
        raise DomainError(f"Fichier introuvable : {path}.")
    if path.read_bytes()[:16].startswith(b"SQLite format 3"):
        return _check_sqlite(path)
    if path.read_bytes()[:5] == b"PGDMP":
        return _check_postgresql(path)
    raise DomainError("Ce fichier n'est ni une sauvegarde SQLite ni un pg_dump (format custom).")


def _check_sqlite(path: Path) -> RestoreCheck:
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "restore-check.sqlite3"
        shutil.copyfile(path, copy)
        connection = sqlite3.connect(copy)
        try:
            if connection.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise DomainError("La sauvegarde est endommagée (contrôle d'intégrité SQLite).")
            tables = [name for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")]
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone() \
                if "alembic_version" in tables else None
            rows = {table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
                    for table in CHECKED_TABLES if table in tables}
        except sqlite3.DatabaseError as error:
            raise DomainError(f"La sauvegarde ne se relit pas : {error}.") from error
        finally:
            connection.close()
    return RestoreCheck(len(tables), revision[0] if revision else None, rows)


def _check_postgresql(path: Path) -> RestoreCheck:
    pg_restore = shutil.which("pg_restore")
    if pg_restore is None:
        raise DomainError("pg_restore est introuvable : installez le client PostgreSQL.")
    url = make_url(db.engine.url)
    if url.get_backend_name() != "postgresql":
        raise DomainError("Un pg_dump se vérifie avec une base PostgreSQL configurée "
                          "(DATABASE_URL) : la copie y est restaurée à part puis supprimée.")
    scratch = f"tracker_restore_check_{secrets.token_hex(4)}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{scratch}"'))
    scratch_url = url.set(database=scratch)
    try:
        env = dict(os.environ)
        if url.password:
            env["PGPASSWORD"] = url.password
        libpq_uri = scratch_url.set(drivername="postgresql", password=None).render_as_string()
        result = subprocess.run([pg_restore, "--no-owner", f"--dbname={libpq_uri}", str(path)],
                                env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise DomainError(f"pg_restore a échoué : {result.stderr.strip()[:500]}")
        engine = create_engine(scratch_url)
        try:
            with engine.connect() as connection:
                tables = set(connection.scalars(text(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")))
                revision = connection.scalar(text("SELECT version_num FROM alembic_version")) \
                    if "alembic_version" in tables else None
                rows = {table: connection.scalar(text(f'SELECT count(*) FROM "{table}"'))
                        for table in CHECKED_TABLES if table in tables}
        finally:
            engine.dispose()
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{scratch}"'))
        admin.dispose()
    return RestoreCheck(len(tables), revision, rows)
