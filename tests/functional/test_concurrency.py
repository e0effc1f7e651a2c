"""No « database is locked », on SQLite as on PostgreSQL (issue 17): a 200,000-row import sent
from the upload page and run by the scheduler's job runner while 20 people sign in and 20
calls are saved; two imports of one file at once; three `tracker reminders send` at once
(real processes). Each runs on its own committed database, as in production."""

import io
import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path

import pytest
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from tests.conftest import migrated_app
from tests.factories import PASSWORD, make_person, make_user
from tests.functional.test_reminders import read_outbox
from tests.helpers import csrf_token, post_form, signed_in_client
from tracker.activities.importer import import_activities_in_chunks
from tracker.activities.models import Activity, ImportBatch
from tracker.actors import COMMAND_LINE, SYSTEM, act_as
from tracker.auth.roles import Role
from tracker.deadlines.models import Deadline, DeadlineRule, Reminder
from tracker.deadlines.services import generate_deadlines
from tracker.errors import DomainError
from tracker.extensions import db
from tracker.jobs.models import BackgroundJob
from tracker.jobs.services import progress_of, run_waiting_jobs

ROWS = 200_000


def big_file(rows: int) -> bytes:
    start = date(2025, 1, 1)
    lines = ["date;heure;type;duree_min"]
    lines += [f"{start + timedelta(days=number % 365):%d/%m/%Y};{9 + number % 8}:{number % 60:02d};"
              f"appel;{5 + number % 40}" for number in range(rows)]
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture(scope="module")
def busy_app(tmp_path_factory):
    with migrated_app(tmp_path_factory, "busy") as app:
        yield app


def test_a_long_import_runs_while_people_sign_in_and_save_calls(busy_app):
    app = busy_app
    with app.app_context():
        secretary = make_user(Role.SECRETARY).email
        people = [make_user(Role.STAFF) for _ in range(20)]
        savers = [make_user(Role.STAFF) for _ in range(20)]
        for number, saver in enumerate(savers):  # accounts linked to their staff member
            make_person(f"Intervenant {number}", user=saver)
        db.session.commit()
        emails = [person.email for person in people]
        saver_emails = [person.email for person in savers]
    saver_clients = [signed_in_client(app, email) for email in saver_emails]
    office = signed_in_client(app, secretary)
    # the body built in memory (the test client would spool a large file to a temporary
    # file it never closes)
    boundary, body = encode_multipart({
        "form_sent": "1", "csrf_token": csrf_token(office),
        "file": FileStorage(io.BytesIO(big_file(ROWS)), "appels-2025.csv")})
    response = office.post("/activites/import", data=body,
                           content_type=f"multipart/form-data; boundary={boundary}")
    assert response.status_code == 302  # the request returned at once: a job waits
    follow = response.headers["Location"]

    worker_errors: list = []

    def worker():
        try:
            with app.app_context():
                run_waiting_jobs()
        except Exception as error:  # noqa: BLE001 (reported below)
            worker_errors.append(error)

    runner = threading.Thread(target=worker)
    runner.start()
    phases_seen: list[str] = []

    def job_phase() -> str:
        with app.app_context():
            job = db.session.scalar(db.select(BackgroundJob))
            return progress_of(job)["phase"] if not job.finished else "fini"

    def sign_in(email: str) -> int:
        phases_seen.append(job_phase())
        return post_form(app.test_client(), "/login",
                         {"email": email, "password": PASSWORD}).status_code

    def save_call(client) -> int:
        phases_seen.append(job_phase())
        return post_form(client, "/activites/nouvelle?type=appel", {
            "date": date.today().isoformat(), "duree_min": "7", "then": "new"}).status_code

    while job_phase() in ("En attente du traitement", "Démarrage", "Lecture du fichier"):
        time.sleep(0.05)
    with ThreadPoolExecutor(max_workers=8) as pool:
        futures = []
        for number in range(20):  # spread over the import's checking and writing phases
            futures.append(pool.submit(sign_in, emails[number]))
            futures.append(pool.submit(save_call, saver_clients[number]))
            time.sleep(0.25)
        statuses = [future.result() for future in futures]
    runner.join(timeout=600)
    assert not worker_errors, worker_errors
    assert statuses == [302] * 40, statuses  # every sign-in and every save went through
    assert any(phase not in ("fini",) for phase in phases_seen), phases_seen

    page = office.get(follow).get_data(as_text=True)
    assert "200\u202f000 activité(s) importées" in page, page[page.find("<main"):][:2000]
    with app.app_context():
        batch = db.session.scalar(db.select(ImportBatch))
        assert batch.completed_at is not None and batch.rows == ROWS
        counted = db.session.scalar(db.select(db.func.count(Activity.id)).where(
            Activity.batch_id == batch.id))
        saved = db.session.scalar(db.select(db.func.count(Activity.id)).where(
            Activity.batch_id.is_(None)))
        assert (counted, saved) == (ROWS, 20)  # nothing lost, nothing twice
        job = db.session.scalar(db.select(BackgroundJob))
        assert job.status == "termine"


def test_two_imports_of_one_file_at_once_one_is_refused(busy_app):
    content = big_file(20_000).replace(b"appel", b"consultation")
    start, outcomes = threading.Barrier(2), []

    def importer():
        with app.app_context():
            act_as(COMMAND_LINE)
            start.wait()
            try:
                report = import_activities_in_chunks(content, "double.csv")
                outcomes.append(("importé", report.batch_id))
            except DomainError as error:
                outcomes.append(("refusé", error.message))

    app = busy_app
    threads = [threading.Thread(target=importer) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert sorted(kind for kind, _ in outcomes) == ["importé", "refusé"], outcomes
    refusal = next(text for kind, text in outcomes if kind == "refusé")
    assert "déjà été importé" in refusal
    with app.app_context():
        batches = db.session.scalars(db.select(ImportBatch).where(
            ImportBatch.filename == "double.csv")).all()
        assert len(batches) == 1
        assert db.session.scalar(db.select(db.func.count(Activity.id)).where(
            Activity.batch_id == batches[0].id)) == 20_000


def test_three_reminder_senders_at_once_send_each_reminder_once(busy_app, tmp_path):
    """Three real `tracker reminders send` processes, started together."""
    app = busy_app
    today = date.today()
    with app.app_context():
        act_as(SYSTEM)
        for number in range(9):
            owner = make_user(Role.SECRETARY, email=f"rappel{number}@test.example")
            db.session.add(Deadline(title=f"Rapport {number}", kind="rapport_activite",
                                    due_date=today + timedelta(days=7),
                                    owner_user_id=owner.id, reminders="7"))
        db.session.commit()
        url = str(db.engine.url.render_as_string(hide_password=False))
    outbox = tmp_path / "outbox"
    environment = {**os.environ, "DATABASE_URL": url, "TRACKER_MAIL_OUTBOX": str(outbox),
                   "TRACKER_INSTANCE_PATH": app.instance_path, "SECRET_KEY": "x" * 40}
    tracker = Path(sys.executable).with_name("tracker")
    senders = [subprocess.Popen([str(tracker), "reminders", "send"], env=environment,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for _ in range(3)]
    results = [sender.communicate(timeout=120) for sender in senders]
    for sender, (out, err) in zip(senders, results, strict=True):
        assert sender.returncode == 0, out + err
        assert "Traceback" not in out + err, out + err
    mine = [message["To"] for message in read_outbox(outbox)
            if message["To"].startswith("rappel")]
    assert sorted(mine) == [f"rappel{number}@test.example" for number in range(9)]
    with app.app_context():
        statuses = db.session.scalars(db.select(Reminder.status).join(Deadline).where(
            Deadline.title.like("Rapport %"))).all()
        assert sorted(statuses) == ["sent"] * 9


def test_two_generators_of_the_same_deadlines_at_once_create_each_once(busy_app):
    """Two processes bring the same new rules up to date at the same moment (several
    `tracker reminders send` from cron, or one beside the scheduler). The second read the
    rules before the first committed; its rows wait on the first's, then are skipped. Before,
    on PostgreSQL, the unique index refused its whole transaction: a UniqueViolation
    traceback (SQLite's write lock queues the two, hiding the race)."""
    app, today = busy_app, date.today()
    with app.app_context():
        act_as(SYSTEM)
        others = [rule.id for rule in db.session.scalars(db.select(DeadlineRule).where(
            DeadlineRule.active.is_(True)))]
        for rule_id in others:  # the new rules alone: the two generators meet on them first
            db.session.get(DeadlineRule, rule_id).active = False
        rules = [DeadlineRule(title=f"Règle simultanée {number}", kind="rapport_activite",
                              rule_type="yearly", month=month, day=15, reminders="7")
                 for number, month in enumerate((1, 3, 5, 7, 9, 11))]
        db.session.add_all(rules)
        db.session.commit()
        rule_ids = [rule.id for rule in rules]
    created, failures = interleaved(app, lambda: generate_deadlines(today))
    with app.app_context():
        for rule_id in others:
            db.session.get(DeadlineRule, rule_id).active = True
        db.session.commit()
        per_occurrence = db.session.execute(
            db.select(Deadline.rule_id, Deadline.occurrence, db.func.count(Deadline.id))
            .where(Deadline.rule_id.in_(rule_ids))
            .group_by(Deadline.rule_id, Deadline.occurrence)).all()
    assert failures == []
    assert {rule for rule, _day, _count in per_occurrence} == set(rule_ids)
    assert {count for _rule, _day, count in per_occurrence} == {1}
    assert created[True] + created[False] == len(per_occurrence)


def test_two_syncs_of_the_staffing_deadlines_at_once_create_each_once(busy_app):
    """A form's commit that changed allocations syncs the staffing rules' deadlines; the
    morning job does too. Two at once: the second's rows wait on the first's, then are
    skipped (before: a UniqueViolation on uq_deadline_rule_allocation, PostgreSQL)."""
    from tests.factories import funder, make_allocation, make_person
    from tracker.deadlines.staffing_events import sync_staffing_deadlines

    app, today = busy_app, date.today()
    until = today + timedelta(days=540)
    with app.app_context():
        act_as(SYSTEM)
        others = [rule.id for rule in db.session.scalars(db.select(DeadlineRule).where(
            DeadlineRule.active.is_(True)))]
        for rule_id in others:
            db.session.get(DeadlineRule, rule_id).active = False
        for number in range(4):
            make_allocation(make_person(f"Poste simultané {number}"), 0.5, "ACS",
                            today - timedelta(days=400), today + timedelta(days=40 + number))
        db.session.commit()
        rule = DeadlineRule(title="Remplacer le poste", kind="rapport_activite",
                            rule_type="staffing", anchor="end", offset_days=30,
                            funder_id=funder("ACS").id, reminders="7", active=True)
        db.session.add(rule)
        db.session.commit()
        rule_id = rule.id
    created, failures = interleaved(app, lambda: sync_staffing_deadlines(today, until))
    with app.app_context():
        for other in others:
            db.session.get(DeadlineRule, other).active = True
        db.session.get(DeadlineRule, rule_id).active = False
        db.session.commit()
        per_allocation = db.session.execute(
            db.select(Deadline.allocation_id, db.func.count(Deadline.id))
            .where(Deadline.rule_id == rule_id).group_by(Deadline.allocation_id)).all()
    assert failures == []
    assert len(per_allocation) == 4 and {count for _post, count in per_allocation} == {1}
    assert created[True] + created[False] == 4


def test_three_morning_jobs_at_once_create_each_staffing_deadline_once(busy_app, tmp_path):
    """Three real `tracker reminders send` processes (the morning job: deadlines generated,
    staffing rules synced, reminders sent) started together on posts ending soon."""
    from tests.factories import funder, make_allocation, make_person

    app, today = busy_app, date.today()
    with app.app_context():
        act_as(SYSTEM)
        for number in range(6):
            make_allocation(make_person(f"Poste du matin {number}"), 0.5, "MARIBEL",
                            today - timedelta(days=400), today + timedelta(days=20 + number))
        db.session.commit()
        rule = DeadlineRule(title="Prévenir le fonds", kind="rapport_activite",
                            rule_type="staffing", anchor="end", offset_days=10,
                            funder_id=funder("MARIBEL").id, reminders="7", active=True)
        db.session.add(rule)
        db.session.commit()
        rule_id = rule.id
        url = str(db.engine.url.render_as_string(hide_password=False))
    environment = {**os.environ, "DATABASE_URL": url, "TRACKER_MAIL_OUTBOX": str(tmp_path),
                   "TRACKER_INSTANCE_PATH": app.instance_path, "SECRET_KEY": "x" * 40}
    tracker = Path(sys.executable).with_name("tracker")
    jobs = [subprocess.Popen([str(tracker), "reminders", "send"], env=environment,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(3)]
    results = [job.communicate(timeout=120) for job in jobs]
    for job, (out, err) in zip(jobs, results, strict=True):
        assert job.returncode == 0 and "Traceback" not in out + err, out + err
    with app.app_context():
        counts = db.session.execute(
            db.select(Deadline.allocation_id, db.func.count(Deadline.id))
            .where(Deadline.rule_id == rule_id).group_by(Deadline.allocation_id)).all()
        db.session.get(DeadlineRule, rule_id).active = False
        db.session.commit()
    assert len(counts) == 6 and {count for _post, count in counts} == {1}


def interleaved(app, work) -> tuple[dict[bool, int], list[Exception]]:
    """Run `work` in two sessions at once, forced to meet: the first writes its rows and
    holds its transaction open while the second runs into them, then both commit. Returns
    what each created (first: True) and what failed."""
    first_written, release, failures, created = (threading.Event(), threading.Event(), [],
                                                 {})

    def run(first: bool) -> None:
        with app.app_context():
            act_as(SYSTEM)
            try:
                if not first:
                    first_written.wait(30)
                created[first] = work()
                if first:
                    first_written.set()
                    release.wait(30)  # its rows written, not committed: the other waits
                db.session.commit()
            except Exception as error:  # noqa: BLE001 (what the tests are about)
                db.session.rollback()
                failures.append(error)
                first_written.set()

    threads = [threading.Thread(target=run, args=(first,)) for first in (True, False)]
    for thread in threads:
        thread.start()
    first_written.wait(30)
    time.sleep(1)  # the second now waits on the first's rows (or on SQLite's write lock)
    release.set()
    for thread in threads:
        thread.join(60)
    return created, failures
