"""Deadlines that follow other records (allocations, the governance register): one listener
per kind, on every ORM session, that brings them in line before a commit that changed those
records (a form, an import, the demo), flushed or not yet."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import event
from sqlalchemy.orm import Session

from tracker.deadlines import rules

HORIZON_MONTHS = 18  # as far ahead as the rules' deadlines are generated


@dataclass(frozen=True)
class Follower:
    flag: str  # the session's note that such records changed since its last commit
    touches: Callable[[Session], bool]  # whether the session holds such pending changes
    sync: Callable[[date, date], int]  # (today, until) -> deadlines added

    def touched(self, session: Session, _flush_context) -> None:
        if self.touches(session):
            session.info[self.flag] = True

    def follow(self, session: Session) -> None:
        if self.touches(session):
            session.flush()
        if session.info.get(self.flag):
            today = date.today()
            self.sync(today, rules.add_months(today, HORIZON_MONTHS))
            # after the sync: what it wrote itself needs no second one
            session.info.pop(self.flag, None)

    def install(self) -> None:
        """Listen on every ORM session once per process (idempotent)."""
        if not event.contains(Session, "after_flush", self.touched):
            event.listen(Session, "after_flush", self.touched)
        if not event.contains(Session, "before_commit", self.follow):
            event.listen(Session, "before_commit", self.follow)
