"""Declarative base with a naming convention, SQLite tuning and time helpers."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

from flask import current_app, has_request_context, request
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Session

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Audited:
    """Mixin: every insert, update and delete of this model is written to the audit trail
    (tracker.audit records it; the mixin lives here so that any model can opt in, whatever
    its layer)."""

    __audit_label__: str = "Enregistrement"
    # Columns whose values never reach the trail (only the fact that they changed).
    __audit_hidden__: frozenset[str] = frozenset()
    # Columns left out of the trail: bookkeeping not worth an entry (e.g. last sign-in), or a
    # code another column already names in French.
    __audit_ignored__: frozenset[str] = frozenset()


def utcnow() -> datetime:
    """Current time in UTC, naive: every timestamp column stores naive UTC on every database."""
    return datetime.now(UTC).replace(tzinfo=None)


def added_unless_taken(session: Session, row: object) -> bool:
    """Add and flush the row inside a savepoint: False, and nothing kept, when a unique
    constraint refuses it because another process wrote the same row first."""
    savepoint = session.begin_nested()
    try:
        session.add(row)
        session.flush()
    except IntegrityError:
        savepoint.rollback()
        return False
    savepoint.commit()
    return True


# How long a SQLite transaction waits for another one's write lock before giving up.
SQLITE_BUSY_TIMEOUT_MS = 20_000
_reading_only: ContextVar[bool] = ContextVar("reading_only", default=False)
READING_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@contextmanager
def reading_only() -> Iterator[None]:
    """Transactions begun inside only read (a long import's checking phase): on SQLite they
    take no write lock, so everyone else keeps writing meanwhile."""
    token = _reading_only.set(True)
    try:
        yield
    finally:
        _reading_only.reset(token)


def writes_on_get(view):
    """Mark a GET view that writes (sign-out): its transaction takes the write lock at once."""
    view.writes_on_get = True
    return view


def _will_write() -> bool:
    """Whether the transaction being begun may write: a form sent (POST), a GET view marked
    `writes_on_get`, or any command or job (outside a request) not inside `reading_only`."""
    if _reading_only.get():
        return False
    if not has_request_context():
        return True
    if request.method not in READING_METHODS:
        return True
    view = current_app.view_functions.get(request.endpoint or "")
    return bool(getattr(view, "writes_on_get", False))


def configure_sqlite(engine: Engine) -> None:
    """Foreign keys, WAL and real transactions for SQLite.

    pysqlite starts transactions lazily and breaks SAVEPOINT; SQLAlchemy documents the fix:
    disable the driver's own transaction handling and emit BEGIN ourselves. A transaction
    that may write begins IMMEDIATE: it waits (busy timeout) for the write lock up front
    instead of failing with « database is locked » when it first writes after another
    connection committed (a deferred reader cannot be upgraded then). Pages that only read
    begin DEFERRED and never wait: WAL lets them read while someone writes.
    """
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE" if _will_write() else "BEGIN")
