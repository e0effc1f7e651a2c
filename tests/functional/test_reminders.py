"""Reminders: one digest per recipient per day, never sent twice, retried until sent."""

import socket
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from email import message_from_bytes
from email.policy import default
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from tests.factories import make_user
from tracker.association.models import Association
from tracker.auth.roles import Role
from tracker.cli import cli
from tracker.deadlines.models import Deadline, Reminder
from tracker.deadlines.reminders import send_reminders, tell_the_association
from tracker.demo import DEMO_LOGINS


def read_outbox(folder: Path) -> list:
    return [message_from_bytes(path.read_bytes(), policy=default)
            for path in sorted(folder.glob("*.eml"))]


@contextmanager
def outbox_of(app, folder: Path):
    saved = app.config["TRACKER_MAIL_OUTBOX"]
    app.config["TRACKER_MAIL_OUTBOX"] = str(folder)
    try:
        yield folder
    finally:
        app.config["TRACKER_MAIL_OUTBOX"] = saved


@pytest.fixture
def outbox(app, tmp_path):
    with outbox_of(app, tmp_path / "outbox") as folder:
        yield folder


@pytest.fixture
def demo_outbox(demo_app, tmp_path):
    with outbox_of(demo_app, tmp_path / "outbox") as folder:
        yield folder


def test_sending_twice_leaves_one_digest_mentioning_the_pac(demo_app, demo_db, demo_outbox):
    outbox = demo_outbox
    runner = demo_app.test_cli_runner()
    first = runner.invoke(cli, ["reminders", "send", "--today", "2027-06-08"])
    second = runner.invoke(cli, ["reminders", "send", "--today", "2027-06-08"])
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    assert "0 e-mail(s) envoyé(s)" in second.output
    messages = read_outbox(outbox)
    recipients = [message["To"] for message in messages]
    assert len(recipients) == len(set(recipients))  # one digest per recipient
    about_pac = [message for message in messages if "PAC" in message.get_content()]
    director = next(email for email, _p, _n, role in DEMO_LOGINS if role == Role.DIRECTOR)
    assert [message["To"] for message in about_pac] == [director]
    body = about_pac[0].get_content()
    # the funder as people write it, never its code
    assert "15/06/2027, dans 7 jours : PAC à introduire à l'AViQ (AViQ)" in body


class FlakySmtp:
    """A real SMTP server (aiosmtpd) that refuses the first `failures` messages."""

    def __init__(self, failures: int, quit_reply: str | None = None):
        self.failures, self.received, self.quit_reply = failures, [], quit_reply

    async def handle_QUIT(self, server, session, envelope):  # noqa: N802 (aiosmtpd's API)
        return self.quit_reply or "221 Au revoir"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's API)
        if self.failures > 0:
            self.failures -= 1
            return "451 4.3.0 Essayez plus tard"
        self.received.append(envelope.content)
        return "250 OK"


@pytest.fixture
def smtp_server(app):
    def start(failures: int, quit_reply: str | None = None):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        handler = FlakySmtp(failures, quit_reply)
        controller = Controller(handler, hostname="127.0.0.1", port=port)
        controller.start()
        started.append(controller)
        app.config.update(TRACKER_MAIL_OUTBOX=None, MAIL_SERVER="127.0.0.1", MAIL_PORT=port,
                          MAIL_USE_TLS=False, MAIL_USERNAME=None, MAIL_TIMEOUT=5)
        return handler

    started, saved = [], dict(app.config)
    yield start
    for controller in started:
        controller.stop()
    app.config.clear()
    app.config.update(saved)


def due_in_a_week(db, today: date) -> Deadline:
    owner = make_user(Role.DIRECTOR)
    deadline = Deadline(title="Rapport d'activité SPW", kind="rapport_activite",
                        due_date=today + timedelta(days=7), owner_user_id=owner.id,
                        reminders="30,7,1,-1")
    db.session.add(deadline)
    db.session.commit()
    return deadline


def test_an_smtp_failure_is_retried_then_sent_once(app, db, smtp_server):
    server = smtp_server(failures=1)
    today, now = date(2027, 6, 8), datetime(2027, 6, 8, 7, 0)
    deadline = due_in_a_week(db, today)

    first = send_reminders(today, now)
    assert first.failures == 1 and server.received == []
    rows = db.session.scalars(db.select(Reminder).where(Reminder.deadline_id == deadline.id))
    rows = list(rows)
    assert {row.offset_days for row in rows} == {30, 7}  # the missed 30-day one caught up
    assert all(row.status == "pending" and row.attempts == 1 and "451" in row.last_error
               for row in rows)

    too_soon = send_reminders(today, now + timedelta(minutes=5))
    assert too_soon.digests_sent == 0 and server.received == []
    retried = send_reminders(today, now + timedelta(minutes=11))
    assert retried.digests_sent == 1 and len(server.received) == 1
    assert send_reminders(today, now + timedelta(hours=2)).digests_sent == 0
    assert len(server.received) == 1  # never doubled
    body = message_from_bytes(server.received[0], policy=default).get_content()
    assert body.count("Rapport d'activité SPW") == 1  # two reminders, one line


def test_a_failing_reminder_is_retried_for_three_days_then_shows_as_failed(app, db,
                                                                          smtp_server):
    """It was abandoned after five attempts, about 2,5 hours: a night's outage lost it."""
    smtp_server(failures=1000)
    today, start = date(2027, 6, 8), datetime(2027, 6, 8, 7, 0)
    due_in_a_week(db, today)
    now, attempts_at = start, []
    while True:
        send_reminders(today, now)
        attempts_at.append(now)
        rows = list(db.session.scalars(db.select(Reminder)))
        if {row.status for row in rows} != {"pending"}:
            break
        assert now - start < timedelta(days=4)
        now = max(row.next_attempt_at for row in rows)
    assert {row.status for row in rows} == {"failed"}
    assert attempts_at[-1] - start >= timedelta(days=3)  # never before three days of tries
    gaps = [later - earlier for earlier, later in zip(attempts_at, attempts_at[1:], strict=False)]
    assert gaps[:3] == [timedelta(minutes=10), timedelta(minutes=20), timedelta(minutes=40)]
    assert max(gaps) == timedelta(hours=6)


def test_the_association_is_told_which_reminders_reached_nobody(app, db, outbox):
    today = date(2027, 6, 8)
    deadline = due_in_a_week(db, today)
    send_reminders(today, datetime(2027, 6, 8, 7, 0))
    rows = list(db.session.scalars(db.select(Reminder).where(
        Reminder.deadline_id == deadline.id)))
    for row in rows:
        row.status, row.last_error = "failed", "451 serveur indisponible"
    association = db.session.scalar(db.select(Association))
    if association is None:
        association = Association(name="Asbl d'essai")
        db.session.add(association)
    association.email = "contact@asbl.example"
    db.session.commit()
    tell_the_association(rows, today)
    told = [message for message in read_outbox(outbox)
            if message["To"] == "contact@asbl.example"]
    assert len(told) == 1
    body = told[0].get_content()
    assert "malgré trois jours d'essais" in body and "451 serveur indisponible" in body


def test_submitted_deadlines_get_no_reminder(app, db, outbox):
    today = date(2027, 6, 8)
    deadline = due_in_a_week(db, today)
    deadline.status = "soumis"
    db.session.commit()
    assert send_reminders(today).planned == 0
    assert not outbox.exists() or read_outbox(outbox) == []


def test_a_message_accepted_then_a_failing_quit_is_sent_once(app, db, smtp_server):
    """Hardening 11: the server says 250 after DATA, then 421 on QUIT: that digest is sent,
    never repeated on the next runs."""
    server = smtp_server(failures=0, quit_reply="421 4.4.2 Fermeture du canal")
    today, now = date(2027, 6, 8), datetime(2027, 6, 8, 7, 0)
    deadline = due_in_a_week(db, today)
    for hours in (0, 1, 2):
        send_reminders(today, now + timedelta(hours=hours))
    assert len(server.received) == 1
    statuses = set(db.session.scalars(db.select(Reminder.status).where(
        Reminder.deadline_id == deadline.id)))
    assert statuses == {"sent"}


def test_failed_reminders_are_sent_again_by_the_director_or_the_command(app, db, client,
                                                                         login_as, outbox):
    """Hardening 12: after five failures (an overnight outage) nothing is lost."""
    from tests.helpers import post_form
    from tracker.audit.models import AuditEntry

    today = date(2027, 6, 8)
    deadline = due_in_a_week(db, today)
    send_reminders(today, datetime(2027, 6, 8, 7, 0))
    rows = list(db.session.scalars(db.select(Reminder).where(
        Reminder.deadline_id == deadline.id)))
    for row in rows:  # as five failed attempts leave them
        row.status, row.attempts, row.sent_at = "failed", 17, None
    db.session.commit()
    login_as(Role.DIRECTOR)
    assert "Renvoyer ces rappels" in client.get("/").get_data(as_text=True)
    response = post_form(client, "/echeances/rappels/renvoyer", {})
    assert response.status_code == 302
    db.session.expire_all()
    assert {row.status for row in rows} == {"pending"} and {row.attempts for row in rows} == {0}
    entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.entity_type == "Rappels"))
    assert entry.summary == f"{len(rows)} rappel(s) en échec remis en envoi"
    before = len(list(outbox.glob("*.eml")))
    assert send_reminders(today, datetime(2027, 6, 8, 8, 0)).digests_sent == 1
    assert len(list(outbox.glob("*.eml"))) == before + 1

    for row in rows:
        row.status = "failed"
    db.session.commit()
    result = app.test_cli_runner().invoke(cli, ["reminders", "send", "--today", "2027-06-08",
                                                "--retry-failed"])
    assert f"{len(rows)} rappel(s) en échec remis en envoi" in result.output


def test_concurrent_senders_never_take_the_same_reminder(tmp_path_factory):
    """Hardening 13: two senders started together (scheduler and cron, two workers) on a
    committed database, on SQLite and on PostgreSQL alike: each digest leaves once."""
    import threading

    from tests.conftest import migrated_app
    from tracker.actors import SYSTEM, act_as
    from tracker.extensions import db as _db

    today, now = date(2027, 6, 8), datetime(2027, 6, 8, 7, 0)
    with migrated_app(tmp_path_factory, "senders") as app:
        outbox = Path(app.config["TRACKER_MAIL_OUTBOX"])
        with app.app_context():
            act_as(SYSTEM)
            for number in range(12):
                owner = make_user(Role.SECRETARY, email=f"s{number}@test.example")
                _db.session.add(Deadline(title=f"Rapport {number}", kind="rapport_activite",
                                         due_date=today + timedelta(days=7),
                                         owner_user_id=owner.id, reminders="7"))
            _db.session.commit()
            from tracker.deadlines.reminders import plan_reminders

            plan_reminders(today, now)
            _db.session.commit()
        start, reports, errors = threading.Barrier(2), [], []

        def sender():
            try:
                with app.app_context():
                    act_as(SYSTEM)
                    start.wait()
                    reports.append(send_reminders(today, now))
            except Exception as error:  # noqa: BLE001 (reported below)
                errors.append(error)

        threads = [threading.Thread(target=sender) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert not errors, errors
        recipients = [message["To"] for message in read_outbox(outbox)]
        assert sorted(recipients) == sorted(f"s{number}@test.example" for number in range(12))
        assert sum(report.digests_sent for report in reports) == 12
