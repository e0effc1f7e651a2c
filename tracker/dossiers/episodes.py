"""Episodes of care (prises en charge), read from the log rather than stored, so that an
import undone or an activity corrected leaves nothing stale: an episode opens at a person's
first contact held, and again at the first contact after the office closed one or after
`EPISODE_IDLE_MONTHS` months without contact (the idle episode ends at its last contact)."""

from dataclasses import dataclass
from datetime import date

from flask import current_app
from sqlalchemy import exists, func, or_, select

from tracker.activities.models import HELD, Activity
from tracker.activities.visible import written_whole
from tracker.dossiers.models import END_REASONS, WITHOUT_CONTACT, Dossier, EpisodeEnd
from tracker.extensions import db
from tracker.periods import add_months
from tracker.sql import months_after


def idle_months() -> int:
    return current_app.config["EPISODE_IDLE_MONTHS"]


def openings(until: date):
    """(id, hash, day) of every activity that opens an episode, up to a day (a subquery)."""
    previous_day = func.lag(Activity.date).over(partition_by=Activity.dossier_hash,
                                                order_by=(Activity.date, Activity.id))
    held = (select(Activity.id, Activity.dossier_hash.label("hash"), Activity.date.label("day"),
                   previous_day.label("previous"))
            .where(Activity.dossier_hash.is_not(None), Activity.presence == HELD,
                   Activity.date <= until, written_whole())
            .subquery("held"))
    closed_between = exists().where(
        EpisodeEnd.dossier_id == Dossier.id, Dossier.hash == held.c.hash,
        EpisodeEnd.closed_on >= held.c.previous, EpisodeEnd.closed_on < held.c.day)
    return (select(held.c.id, held.c.hash, held.c.day)
            .where(or_(held.c.previous.is_(None),
                       held.c.day > months_after(held.c.previous, idle_months()),
                       closed_between))
            .subquery("openings"))


@dataclass
class Episode:
    opened: date
    last_contact: date
    contacts: int
    closed: date | None = None
    reason: str = ""

    @property
    def open(self) -> bool:
        return self.closed is None


def episodes_of(dossier_hash: str, dossier: Dossier | None, today: date) -> list[Episode]:
    """The person's episodes, oldest first, for their page."""
    days = list(db.session.scalars(select(Activity.date).where(
        Activity.dossier_hash == dossier_hash, Activity.presence == HELD, written_whole())
        .order_by(Activity.date)))
    ends = {end.closed_on: end.reason for end in (dossier.episode_ends if dossier else [])}
    return episodes_from(days, ends, idle_months(), today)


def episodes_from(days: list[date], ends: dict[date, str], months: int,
                  today: date) -> list[Episode]:
    """Episodes from the days of contact held (in order) and the office's closures."""
    episodes: list[Episode] = []
    for day in days:
        current = episodes[-1] if episodes else None
        if current is not None and current.closed is None:
            _close_if_ended(current, ends, months, day)
        if current is None or current.closed is not None:
            episodes.append(Episode(opened=day, last_contact=day, contacts=1))
        else:
            current.last_contact, current.contacts = day, current.contacts + 1
    if episodes and episodes[-1].closed is None:
        _close_if_ended(episodes[-1], ends, months, None, today)
    return episodes


def _close_if_ended(episode: Episode, ends: dict[date, str], months: int,
                    next_contact: date | None, today: date | None = None) -> None:
    """Close an open episode before the next contact (or, without one, as of today): at the
    office's first closure since its last contact, else at its last contact when the next
    one (or today) comes more than `months` later."""
    closures = [closed for closed in ends if closed >= episode.last_contact
                and (next_contact is None or closed < next_contact)]
    if closures:
        episode.closed, episode.reason = min(closures), END_REASONS[ends[min(closures)]]
    elif (next_contact or today) > add_months(episode.last_contact, months):
        episode.closed, episode.reason = episode.last_contact, WITHOUT_CONTACT
