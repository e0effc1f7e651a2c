"""Records every change of an Audited model, from any session, in the same transaction."""

import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any

from sqlalchemy import event, insert, inspect, select
from sqlalchemy.orm import ORMExecuteState, Session

from tracker.actors import Actor, current_actor
from tracker.audit.models import AuditEntry
from tracker.db import Audited, utcnow
from tracker.extensions import db
from tracker.formatting import format_money, format_stored_value

HIDDEN = "•••"


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return f"<{len(value)} octets>"
    return value


def _snapshot(obj: Audited) -> dict[str, Any]:
    state = inspect(obj)
    values = {}
    for column in state.mapper.column_attrs:
        key = column.key
        if key in obj.__audit_ignored__:
            continue
        values[key] = HIDDEN if key in obj.__audit_hidden__ else _plain(getattr(obj, key))
    return values


def _changes(obj: Audited) -> tuple[dict[str, Any], dict[str, Any]]:
    state = inspect(obj)
    before, after = {}, {}
    for column in state.mapper.column_attrs:
        if column.key in obj.__audit_ignored__:
            continue
        history = state.attrs[column.key].history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if old == new:
            continue
        hidden = column.key in obj.__audit_hidden__
        before[column.key] = HIDDEN if hidden else _plain(old)
        after[column.key] = HIDDEN if hidden else _plain(new)
    return before, after


def _row(actor: Actor, action: str, entity_type: str, entity_id: str, summary: str,
         before, after) -> dict[str, Any]:
    """One audit_entry row, as every way of recording writes it."""
    return {"at": utcnow(), "user_id": actor.user_id, "actor": actor.label, "action": action,
            "entity_type": entity_type, "entity_id": entity_id, "summary": summary[:300],
            "before": before, "after": after}


def _entry(obj: Audited, action: str, before, after, actor: Actor) -> dict[str, Any]:
    # New rows have their primary key but no identity yet while the flush is under way.
    identity = inspect(obj).mapper.primary_key_from_instance(obj)
    return _row(actor, action, obj.__audit_label__, "-".join(str(part) for part in identity),
                str(obj), before, after)


def _record_flush(session: Session, _flush_context) -> None:
    actor = current_actor()
    rows = []
    for obj in session.new:
        if isinstance(obj, Audited):
            rows.append(_entry(obj, "create", None, _snapshot(obj), actor))
    for obj in session.dirty:
        if isinstance(obj, Audited) and session.is_modified(obj, include_collections=False):
            before, after = _changes(obj)
            if after or before:
                rows.append(_entry(obj, "update", before, after, actor))
    for obj in session.deleted:
        if isinstance(obj, Audited):
            rows.append(_entry(obj, "delete", _snapshot(obj), None, actor))
    if rows:
        session.connection().execute(insert(AuditEntry), rows)


def _record_bulk_delete(state: ORMExecuteState) -> None:
    """A bulk DELETE of an audited model (a rule regenerated, an import undone) skips the
    flush: one entry per statement names every row it removes."""
    if not state.is_delete:
        return
    mapper = state.bind_arguments.get("mapper")
    model = mapper.class_ if mapper is not None else None
    if model is None or not issubclass(model, Audited):
        return
    key = mapper.primary_key[0]
    where = state.statement.whereclause
    query = select(key) if where is None else select(key).where(where)
    ids = [str(value) for value in state.session.execute(query).scalars()]
    if not ids:
        return
    state.session.connection().execute(insert(AuditEntry), [_row(
        current_actor(), "delete", model.__audit_label__, "lot",
        f"{len(ids)} supprimé(e)s en une fois", {"identifiants": ids}, None)])


def record_event(entity_type: str, entity_id: str, summary: str, after: dict) -> None:
    """An action that changes no audited row one by one (failed reminders sent again)."""
    db.session.connection().execute(insert(AuditEntry), [_row(
        current_actor(), "update", entity_type, entity_id, summary, None, after)])


def install_audit_listener() -> None:
    """Listen on every ORM session once per process (idempotent)."""
    if not event.contains(Session, "after_flush", _record_flush):
        event.listen(Session, "after_flush", _record_flush)
    if not event.contains(Session, "do_orm_execute", _record_bulk_delete):
        event.listen(Session, "do_orm_execute", _record_bulk_delete)


def list_audit_entries(entity_type: str | None, user_id: int | None, page: int,
                       per_page: int = 50, start: date | None = None, end: date | None = None):
    query = db.select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    if entity_type:
        query = query.where(AuditEntry.entity_type == entity_type)
    if user_id:
        query = query.where(AuditEntry.user_id == user_id)
    if start:
        query = query.where(AuditEntry.at >= datetime.combine(start, time.min))
    if end:
        query = query.where(AuditEntry.at < datetime.combine(end + timedelta(days=1),
                                                             time.min))
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


@cache
def _column_infos() -> dict[str, dict[str, dict]]:
    """Each audited column's info (French label, labels of its coded values) by entity type."""
    return {
        mapper.class_.__audit_label__: {column.key: column.columns[0].info
                                        for column in mapper.column_attrs}
        for mapper in db.Model.registry.mappers if issubclass(mapper.class_, Audited)
    }


def audit_field_label(entity_type: str, key: str) -> str:
    """« Statut », not status: the column's French label."""
    return _column_infos().get(entity_type, {}).get(key, {}).get("label", key)


@cache
def _references() -> dict[str, dict[str, type]]:
    """Each audited foreign-key column's target model, by entity type."""
    models = {mapper.local_table.name: mapper.class_ for mapper in db.Model.registry.mappers}
    return {
        mapper.class_.__audit_label__: {
            column.key: models[next(iter(column.columns[0].foreign_keys)).column.table.name]
            for column in mapper.column_attrs if column.columns[0].foreign_keys}
        for mapper in db.Model.registry.mappers if issubclass(mapper.class_, Audited)
    }


# Columns nobody reads a decision from: file hashes and storage names (the file's own name
# is shown beside them).
UNREAD = re.compile(r"(sha256|stored|stored_as|hash)$")


def audit_changed_keys(entry: AuditEntry) -> list[str]:
    """The fields an entry shows, before's then after's order, hashes and storage names
    left out."""
    keys = list(dict.fromkeys([*(entry.before or {}), *(entry.after or {})]))
    return [key for key in keys if not UNREAD.search(key)]


def audit_value_label(entity_type: str, key: str, value: Any) -> str:
    """As users see it: « À faire », not a_faire (a column whose codes are data, deadline
    kinds, gives a function returning today's labels); the name of what an id points at;
    euros for cents; dates as 31/12/2014."""
    choices = _column_infos().get(entity_type, {}).get(key, {}).get("choices", {})
    if callable(choices):
        choices = choices()
    if isinstance(value, str) and value in choices:
        return choices[value]
    target = _references().get(entity_type, {}).get(key)
    if target is not None and isinstance(value, int):
        row = db.session.get(target, value)
        if row is None:
            return f"{getattr(target, '__audit_label__', 'Élément')} supprimé(e)"
        return str(row)
    if key.endswith("_cents") and isinstance(value, int):
        return format_money(Decimal(value) / 100)
    return format_stored_value(value)


def list_audited_entity_types() -> list[str]:
    query = db.select(AuditEntry.entity_type).group_by(AuditEntry.entity_type)
    return sorted(db.session.scalars(query))
