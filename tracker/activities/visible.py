"""Which activities count: those entered one by one, and those of an import written whole.
The rows of an import still being written (or cut by a crash, until the scheduler removes
them) count in no list, figure, export or finalisation."""

from sqlalchemy import ColumnElement, or_, select

from tracker.activities.models import Activity, ImportBatch


def written_whole(activity=Activity) -> ColumnElement[bool]:
    """SQL: the activity belongs to no import, or to one whose writing is complete."""
    unfinished = select(ImportBatch.id).where(ImportBatch.completed_at.is_(None))
    return or_(activity.batch_id.is_(None), activity.batch_id.not_in(unfinished))
