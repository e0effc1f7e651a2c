"""Which years' questionnaire figures a change can alter: a version per year, replaced in the
same transaction as the change (a session listener), so that a cached figure is used only
while nothing it reads has changed. A version is a random number, never a count: a change
rolled back, then another, can never bring back a version a cache already holds. A model
whose rows feed figures mixes in FigureSource and says from which year its change counts (an
activity of 2022 changes 2022 and later years: first interviews and multi-year tables of
later years read it; earlier years never rescan); None means every year (a vocabulary, a
permanence, a partner's name)."""

import secrets
from itertools import chain

from sqlalchemy import BigInteger, event, inspect, update
from sqlalchemy.orm import Mapped, ORMExecuteState, Session, mapped_column

from tracker.extensions import db

FIRST_YEAR, LAST_YEAR = 1990, 2100  # the years that have a version row (0031 seeds them)
NO_YEAR = LAST_YEAR + 1  # a change that alters no figure (yet)


class FigureSource:
    """Mixin: a change of this row alters figures from `figures_from(session)` on (a year,
    None for every year, NO_YEAR for none); an UPDATE or DELETE statement over its table
    alters every year unless `bulk_changes_figures` is False."""

    bulk_changes_figures = True

    def figures_from(self, session: Session) -> int | None:
        return None


def earliest_year(obj, attribute: str) -> int | None:
    """The earliest year among a date attribute's old and new values (a moved date changes
    both years)."""
    history = inspect(obj).attrs[attribute].history
    days = [day for day in chain(history.added, history.unchanged, history.deleted) if day]
    return min(day.year for day in days) if days else None


class FigureVersion(db.Model):
    __tablename__ = "figure_version"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    version: Mapped[int] = mapped_column(BigInteger, default=0)


def figures_changed(session: Session, from_year: int | None = None) -> None:
    """A new version for every year from `from_year` (all years for None), in the session's
    transaction; also for writes that bypass the session's objects (bulk inserts on a
    connection)."""
    if from_year is not None and from_year > LAST_YEAR:
        return
    start = FIRST_YEAR if from_year is None else max(from_year, FIRST_YEAR)
    session.connection().execute(update(FigureVersion).where(FigureVersion.year >= start)
                                 .values(version=secrets.randbits(62)))


def current_version(year: int) -> int:
    year = max(min(year, LAST_YEAR), FIRST_YEAR)
    return db.session.scalar(db.select(FigureVersion.version)
                             .where(FigureVersion.year == year)) or 0


def _after_flush(session: Session, _context) -> None:
    changed = [obj for obj in chain(session.new, session.deleted, session.dirty)
               if isinstance(obj, FigureSource)
               and (obj in session.new or obj in session.deleted
                    or session.is_modified(obj, include_collections=False))]
    if not changed:
        return
    with session.no_autoflush:
        years = [obj.figures_from(session) for obj in changed]
    figures_changed(session, None if None in years else min(years))


def _bulk(state: ORMExecuteState) -> None:
    """An UPDATE or DELETE statement over a figure source (a purge, an undone import):
    which years it touched is unknown, so every year."""
    if not (state.is_update or state.is_delete or state.is_insert):
        return
    mapper = state.bind_mapper
    if mapper is not None and issubclass(mapper.class_, FigureSource) \
            and mapper.class_.bulk_changes_figures:
        figures_changed(state.session)


def install_figure_listener() -> None:
    """Listen on every ORM session once per process (idempotent)."""
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)
    if not event.contains(Session, "do_orm_execute", _bulk):
        event.listen(Session, "do_orm_execute", _bulk)
