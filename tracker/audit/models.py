"""The append-only audit table and the mixin that opts a model into it."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from tracker.db import utcnow
from tracker.extensions import db


class Audited:
    """Mixin: every insert, update and delete of this model is written to the audit trail."""

    __audit_label__: str = "Enregistrement"
    # Columns whose values never reach the trail (only the fact that they changed).
    __audit_hidden__: frozenset[str] = frozenset()
    # Bookkeeping columns whose changes alone are not worth an entry (e.g. last sign-in).
    __audit_ignored__: frozenset[str] = frozenset()


class AuditEntry(db.Model):
    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entry_entity", "entity_type", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(10))  # create | update | delete
    entity_type: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[str] = mapped_column(String(60))
    summary: Mapped[str] = mapped_column(String(300), default="")
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)


ACTION_LABELS = {"create": "Création", "update": "Modification", "delete": "Suppression"}
