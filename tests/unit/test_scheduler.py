"""Exactly one scheduler: the second refuses to start; jobs are configured deliberately."""

import pytest

from tracker.errors import DomainError
from tracker.scheduler import SchedulerLock, build_scheduler


def test_a_second_scheduler_refuses_to_start(app):
    first, second = SchedulerLock(app), SchedulerLock(app)
    first.acquire()
    try:
        with pytest.raises(DomainError, match="tourne déjà"):
            second.acquire()
    finally:
        first.release()
    second.acquire()  # free again once the first is gone
    second.release()


def test_jobs_run_once_at_a_time_and_coalesce(app):
    scheduler = build_scheduler(app)
    jobs = {job.id: job for job in scheduler.get_jobs()}
    assert set(jobs) == {"deadlines-daily", "reminders-retry", "backup-nightly", "jobs",
                         "jobs-recovery"}
    assert "interval[0:00:01]" in str(jobs["jobs"].trigger)  # imports taken within a second
    for job_id in ("deadlines-daily", "backup-nightly"):
        job = jobs[job_id]
        assert job.max_instances == 1 and job.coalesce and job.misfire_grace_time == 6 * 3600
    assert "hour='2', minute='30'" in str(jobs["backup-nightly"].trigger)
    assert str(scheduler.timezone) == "Europe/Brussels"
    assert not scheduler.running  # built, never started under tests


def test_the_job_runner_runs_one_at_a_time(app):
    """While a long import runs, the next ticks return at once (one import at a time)."""
    from tracker.scheduler import _JOB_RUNNER, run_jobs

    with _JOB_RUNNER:  # a runner is at work
        assert run_jobs(app) is False
    assert run_jobs(app) is True


def test_the_lock_follows_the_database_not_the_instance_folder(app, tmp_path, monkeypatch):
    """Two schedulers started from two instance folders on one SQLite database: the second
    is refused (the lock was in the instance folder: both ran)."""
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("PostgreSQL: the advisory lock belongs to the database itself")
    first = SchedulerLock(app)
    first.acquire()
    try:
        monkeypatch.setattr(app, "instance_path", str(tmp_path / "autre-instance"))
        with pytest.raises(DomainError, match="tourne déjà"):
            SchedulerLock(app).acquire()
    finally:
        first.release()
