"""A long piece of work asked from a page and done by the scheduler process."""

import datetime as dt

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tracker.db import utcnow
from tracker.extensions import db

STATUSES = {
    "en_attente": "En attente",
    "en_cours": "En cours",
    "termine": "Terminé",
    "refuse": "Refusé",
    "echoue": "Échoué",
}
FINISHED = ("termine", "refuse", "echoue")


class BackgroundJob(db.Model):
    """Who asked what (an import of which file, with which options), its state and its
    result. Bookkeeping, not audited: what a job writes is audited as it is written."""

    __tablename__ = "background_job"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"),
                                                index=True)
    actor: Mapped[str] = mapped_column(String(200))
    filename: Mapped[str] = mapped_column(String(255), default="")
    params: Mapped[str] = mapped_column(Text, default="{}")  # JSON: the form's options
    status: Mapped[str] = mapped_column(String(20), default="en_attente", index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    started_at: Mapped[dt.datetime | None]
    finished_at: Mapped[dt.datetime | None]
    worker: Mapped[str] = mapped_column(String(100), default="")  # host:pid that took it
    result: Mapped[str] = mapped_column(Text, default="")  # JSON: report, errors or refusal

    @property
    def finished(self) -> bool:
        return self.status in FINISHED

    @property
    def status_label(self) -> str:
        return STATUSES.get(self.status, self.status)
