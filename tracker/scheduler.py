"""The one scheduler process: a lock makes a second one refuse to start.

SQLite: an exclusive file lock next to the database file (two instance folders on one database
share it). PostgreSQL: a session advisory lock held on a dedicated connection (advisory locks
belong to their database). Either is released when the process ends, even by a crash.
"""

import fcntl
import threading
from pathlib import Path

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from flask import Flask
from sqlalchemy import text

from tracker.errors import DomainError
from tracker.extensions import db

_JOB_RUNNER = threading.Lock()  # one job runner at a time in this process
ADVISORY_LOCK_KEY = 734_215_906  # any constant shared by every scheduler of this application
TIMEZONE = "Europe/Brussels"


class SchedulerLock:
    def __init__(self, app: Flask):
        self.app, self.handle, self.connection = app, None, None

    def acquire(self) -> None:
        with self.app.app_context():
            if db.engine.dialect.name == "postgresql":
                self.connection = db.engine.connect()
                got = self.connection.execute(
                    text("SELECT pg_try_advisory_lock(:key)"), {"key": ADVISORY_LOCK_KEY}
                ).scalar()
                self.connection.commit()
                if not got:
                    self.connection.close()
                    raise DomainError("Un planificateur tourne déjà pour cette base de données.")
                return
        self.handle = lock_file_of(self.app).open("w")
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            self.handle.close()
            raise DomainError("Un planificateur tourne déjà pour cette base de données.") \
                from error

    def release(self) -> None:
        if self.connection is not None:
            self.connection.execute(text("SELECT pg_advisory_unlock(:key)"),
                                    {"key": ADVISORY_LOCK_KEY})
            self.connection.close()
        if self.handle is not None:
            fcntl.flock(self.handle, fcntl.LOCK_UN)
            self.handle.close()


def lock_file_of(app: Flask) -> Path:
    """Beside the SQLite database (« tracker.sqlite3.scheduler-lock »); in the instance folder
    for a database without a file."""
    with app.app_context():
        database = db.engine.url.database
    if database in (None, "", ":memory:"):
        return Path(app.instance_path) / "scheduler.lock"
    return Path(database).with_name(Path(database).name + ".scheduler-lock")


def build_scheduler(app: Flask) -> BlockingScheduler:
    from tracker.deadlines.jobs import daily_deadlines_and_reminders, retry_reminders

    hour, minute = (int(part) for part in app.config["TRACKER_REMINDER_TIME"].split(":"))
    scheduler = BlockingScheduler(timezone=TIMEZONE)
    # A job missed while the machine slept still runs if less than 6 hours late; several
    # missed runs collapse into one; never two at once.
    scheduler.add_job(daily_deadlines_and_reminders, CronTrigger(hour=hour, minute=minute),
                      args=[app], id="deadlines-daily", max_instances=1, coalesce=True,
                      misfire_grace_time=6 * 3600, replace_existing=True)
    scheduler.add_job(retry_reminders, IntervalTrigger(minutes=15), args=[app],
                      id="reminders-retry", max_instances=1, coalesce=True,
                      misfire_grace_time=600, replace_existing=True)
    hour, minute = (int(part) for part in app.config["TRACKER_BACKUP_TIME"].split(":"))
    scheduler.add_job(nightly_backup, CronTrigger(hour=hour, minute=minute), args=[app],
                      id="backup-nightly", max_instances=1, coalesce=True,
                      misfire_grace_time=6 * 3600, replace_existing=True)
    # The pages' imports: waiting jobs are taken within a second, one after the other (the
    # runner's own lock: while a long import runs, the next ticks return at once instead of
    # filling the log with « maximum number of running instances reached »).
    scheduler.add_job(run_jobs, IntervalTrigger(seconds=1), args=[app], id="jobs",
                      max_instances=3, coalesce=True, misfire_grace_time=60,
                      replace_existing=True)
    scheduler.add_job(recover_interrupted_work, IntervalTrigger(minutes=5), args=[app],
                      id="jobs-recovery", max_instances=1, coalesce=True,
                      misfire_grace_time=600, replace_existing=True)
    return scheduler


def run_jobs(app: Flask) -> bool:
    """Run the waiting jobs, unless this process is already running them (False then)."""
    from tracker.jobs.services import run_waiting_jobs

    if not _JOB_RUNNER.acquire(blocking=False):
        return False
    try:
        with app.app_context():
            run_waiting_jobs()
    finally:
        _JOB_RUNNER.release()
    return True


def recover_interrupted_work(app: Flask, starting: bool = False) -> None:
    """What a crash left behind: at the start, the jobs it cut (marked failed); at any time,
    the batches whose writer stopped giving signs (removed whole)."""
    from tracker.activities.importer import discard_abandoned_batches, discard_batches_of_jobs
    from tracker.jobs.services import fail_interrupted_jobs, interrupted_job_ids

    with app.app_context():
        failed = 0
        if starting:  # before anything else runs: what the dead jobs wrote goes at once
            failed = fail_interrupted_jobs(discard_batches_of_jobs(interrupted_job_ids()))
        discarded = discard_abandoned_batches()
        db.session.commit()
        if failed or discarded:
            app.logger.warning("Reprise : %d tâche(s) interrompue(s), import(s) %s retiré(s).",
                               failed, discarded)


def nightly_backup(app: Flask) -> None:
    """The rotated backup in BACKUP_DIR (a failure is logged; the next night tries again)."""
    from tracker.backup import backup_into_folder

    with app.app_context():
        try:
            written, removed = backup_into_folder(app.config["BACKUP_DIR"])
        except DomainError as error:
            app.logger.error("Sauvegarde nocturne impossible : %s", error.message)
            return
        app.logger.info("Sauvegarde %s écrite, %d ancienne(s) supprimée(s).", written,
                        len(removed))
