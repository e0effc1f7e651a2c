"""Declarative base with a naming convention, SQLite tuning and time helpers."""

from datetime import UTC, datetime

from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase

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


def configure_sqlite(engine: Engine) -> None:
    """Foreign keys, WAL and real transactions for SQLite.

    pysqlite starts transactions lazily and breaks SAVEPOINT; SQLAlchemy documents the fix:
    disable the driver's own transaction handling and emit BEGIN ourselves.
    """
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        connection.exec_driver_sql("BEGIN")
