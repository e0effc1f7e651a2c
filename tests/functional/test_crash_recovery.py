"""A real scheduler killed in the middle of a 150,000-row import, then started again: the rows
it had written count nowhere, before or after the restart, and are removed as soon as the
scheduler starts, its job saying so in French (issue 27)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.conftest import migrated_app
from tests.factories import make_user
from tests.functional.test_concurrency import big_file
from tracker.activities.listing import ActivityFilters, filtered_activities
from tracker.activities.models import Activity
from tracker.activities.vocabulary import Vocabulary
from tracker.actors import Actor, act_as
from tracker.auth.roles import Role
from tracker.extensions import db
from tracker.jobs.models import BackgroundJob
from tracker.jobs.services import submit_job

ROWS = 150_000


@pytest.fixture(scope="module")
def crash_app(tmp_path_factory):
    with migrated_app(tmp_path_factory, "crash") as app:
        yield app


def _counts(app) -> tuple[int, int]:
    """(rows stored, rows that count) — a fresh session each time, as a page would read."""
    with app.app_context():
        stored = db.session.scalar(select(func.count(Activity.id)))
        visible = db.session.scalar(select(func.count()).select_from(
            filtered_activities(ActivityFilters(), Vocabulary.load()).subquery()))
        db.session.remove()
    return stored, visible


def _scheduler(app) -> subprocess.Popen:
    with app.app_context():
        url = db.engine.url.render_as_string(hide_password=False)
    environment = {**os.environ, "DATABASE_URL": url, "TRACKER_INSTANCE_PATH": app.instance_path,
                   "JOBS_DIR": app.config["JOBS_DIR"], "SECRET_KEY": "x" * 40}
    tracker = Path(sys.executable).with_name("tracker")
    return subprocess.Popen([str(tracker), "scheduler"], env=environment,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def test_a_killed_import_counts_nowhere_and_is_removed_at_the_restart(crash_app):
    app = crash_app
    with app.app_context():
        secretary = make_user(Role.SECRETARY)
        act_as(Actor(secretary.id, secretary.full_name))
        job_id = submit_job("import_activities", big_file(ROWS), "coupe.csv", {}).id
        db.session.commit()
    first = _scheduler(app)
    deadline = time.monotonic() + 180
    while _counts(app)[0] < 10_000:  # some chunks written
        assert time.monotonic() < deadline and first.poll() is None, first.stderr.read()
        time.sleep(0.2)
    first.send_signal(signal.SIGKILL)
    first.communicate(timeout=30)
    stored, visible = _counts(app)
    assert 10_000 <= stored < ROWS and visible == 0  # half-written: stored, counted nowhere
    second = _scheduler(app)
    try:
        deadline = time.monotonic() + 60
        while True:
            stored, visible = _counts(app)
            assert visible == 0  # at no moment after the restart
            with app.app_context():
                job = db.session.get(BackgroundJob, job_id)
                status, result = job.status, job.result
                db.session.remove()
            if status == "echoue":
                break
            assert time.monotonic() < deadline, (status, stored)
            time.sleep(0.1)
        assert stored == 0 or _counts(app)[0] == 0
        assert "lignes déjà écrites ont été retirées" in result
    finally:
        second.send_signal(signal.SIGTERM)
        second.communicate(timeout=30)
