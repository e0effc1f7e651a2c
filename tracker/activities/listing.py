"""The activity list: filters, newest first, one page at a time. A page is found from the
row before it (keyset pagination on the (date, id) order the indexes hold), never by
skipping rows, so that page 2 000 costs what page 2 costs on a million activities."""

from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from sqlalchemy import Select, and_, exists, func, or_
from sqlalchemy.orm import joinedload, selectinload

from tracker.activities.models import Activity, ActivityValue
from tracker.activities.visible import written_whole
from tracker.activities.vocabulary import Vocabulary
from tracker.extensions import db

PAGE_SIZE = 50
COUNT_CAP = 1_000  # counting further would slow the list down on millions of rows
Position = tuple[date, int]  # a row's place in the list: its date and id


@dataclass
class ActivityFilters:
    start: date | None = None
    end: date | None = None
    type_code: str | None = None
    person_id: int | None = None
    without_person: bool = False  # the director's check: activities nobody is credited with
    created_by_id: int | None = None
    value_ids: list[int] = field(default_factory=list)  # any dimension: all must match


def filtered_activities(filters: ActivityFilters, vocabulary: Vocabulary) -> Select:
    query = db.select(Activity).where(written_whole())
    if filters.start:
        query = query.where(Activity.date >= filters.start)
    if filters.end:
        query = query.where(Activity.date <= filters.end)
    if filters.type_code:
        activity_type = vocabulary.find("type", filters.type_code)
        query = query.where(Activity.type_id == (activity_type.id if activity_type else -1))
    if filters.person_id:
        query = query.where(Activity.person_id == filters.person_id)
    if filters.without_person:
        query = query.where(Activity.person_id.is_(None))
    if filters.created_by_id:
        query = query.where(Activity.created_by_id == filters.created_by_id)
    for value_id in filters.value_ids:
        query = query.where(exists().where(ActivityValue.activity_id == Activity.id,
                                           ActivityValue.value_id == value_id))
    return query.order_by(Activity.date.desc(), Activity.id.desc())


@dataclass
class ActivityPage:
    items: list[Activity]
    number: int  # shown to the reader (« Page 3 »); the position links find the rows
    has_next: bool
    has_previous: bool
    count: int = 0  # capped at COUNT_CAP + 1: « plus de 1 000 »
    count_cap: ClassVar[int] = COUNT_CAP

    @property
    def count_is_capped(self) -> bool:
        return self.count > COUNT_CAP

    @property
    def next_position(self) -> str:
        return position_text(self.items[-1])

    @property
    def previous_position(self) -> str:
        return position_text(self.items[0])


def position_text(activity: Activity) -> str:
    return f"{activity.date.isoformat()}.{activity.id}"


def older_than(position: Position):
    day, activity_id = position  # date <= day first: the index's range, then the tie
    return and_(Activity.date <= day, or_(Activity.date < day, Activity.id < activity_id))


def newer_than(position: Position):
    day, activity_id = position
    return and_(Activity.date >= day, or_(Activity.date > day, Activity.id > activity_id))


def list_activities(filters: ActivityFilters, vocabulary: Vocabulary | None = None, *,
                    after: Position | None = None, before: Position | None = None,
                    number: int = 1) -> ActivityPage:
    """The page just after the row `after` (older activities), or just before the row
    `before` (newer ones), or the first; and how many activities match, counted up to
    COUNT_CAP so that it stays fast on millions of rows."""
    vocabulary = vocabulary or Vocabulary.load()
    query = filtered_activities(filters, vocabulary)
    # counted in the list's own order: the index that serves the page (the author's, the
    # date's) serves the count too, whatever the planner's statistics say of an author
    matching = query.with_only_columns(Activity.id).limit(COUNT_CAP + 1)
    count = db.session.scalar(db.select(func.count()).select_from(matching.subquery()))
    query = query.options(selectinload(Activity.values), joinedload(Activity.person))
    if before is not None:  # the newer rows, nearest first, shown in the list's order
        query = query.where(newer_than(before)).order_by(None).order_by(
            Activity.date.asc(), Activity.id.asc())
    elif after is not None:
        query = query.where(older_than(after))
    rows = list(db.session.scalars(query.limit(PAGE_SIZE + 1)))
    if not rows and (before is not None or after is not None):  # the rows it came from left
        return list_activities(filters, vocabulary)
    more = len(rows) > PAGE_SIZE
    if before is not None:
        return ActivityPage(list(reversed(rows[:PAGE_SIZE])), max(number, 2 if more else 1),
                            True, more, count)
    return ActivityPage(rows[:PAGE_SIZE], 1 if after is None else max(number, 2), more,
                        after is not None, count)
