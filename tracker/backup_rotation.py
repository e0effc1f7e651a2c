"""Backups on a schedule, kept by a grandfather-father-son rule: the newest of each of the
last 7 days, of the last 4 weeks and of the last 12 months; the rest is removed."""

from datetime import datetime
from pathlib import Path

KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
PREFIX = "tracker-"
STAMP = "%Y%m%d-%H%M%S"


def backup_name(now: datetime, postgresql: bool) -> str:
    """« tracker-20261130-023000.sqlite3 » or « .dump » (pg_dump's custom format)."""
    return f"{PREFIX}{now:{STAMP}}.{'dump' if postgresql else 'sqlite3'}"


def taken_at(path: Path) -> datetime | None:
    """When a backup of ours was taken, from its name (None for any other file)."""
    if not path.name.startswith(PREFIX):
        return None
    try:
        return datetime.strptime(path.stem[len(PREFIX):], STAMP)
    except ValueError:
        return None


def to_keep(moments: list[datetime]) -> set[datetime]:
    """The newest backup of each of the last KEEP_DAILY days, KEEP_WEEKLY ISO weeks and
    KEEP_MONTHLY months that have one."""
    keep: set[datetime] = set()
    for period_of, count in ((lambda moment: moment.date(), KEEP_DAILY),
                             (lambda moment: moment.isocalendar()[:2], KEEP_WEEKLY),
                             (lambda moment: (moment.year, moment.month), KEEP_MONTHLY)):
        newest: dict = {}
        for moment in sorted(moments, reverse=True):
            newest.setdefault(period_of(moment), moment)
        keep |= set(sorted(newest.values(), reverse=True)[:count])
    return keep


def prune(folder: Path) -> list[Path]:
    """Remove our backups the rule no longer keeps; returns what was removed."""
    backups = {moment: path for path in folder.glob(f"{PREFIX}*")
               if (moment := taken_at(path)) is not None}
    kept = to_keep(list(backups))
    removed = [path for moment, path in sorted(backups.items()) if moment not in kept]
    for path in removed:
        path.unlink()
    return removed


def latest_backup(folder: Path) -> tuple[datetime, Path] | None:
    backups = [(moment, path) for path in folder.glob(f"{PREFIX}*")
               if (moment := taken_at(path)) is not None]
    return max(backups) if backups else None
