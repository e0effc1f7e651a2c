"""Scheduled jobs, each a thin wrapper over a service (and each also a CLI command)."""

from datetime import date

from flask import Flask

from tracker.actors import Actor, act_as
from tracker.deadlines.reminders import SendReport, send_reminders
from tracker.deadlines.services import generate_deadlines
from tracker.extensions import db

SCHEDULER_ACTOR = Actor(None, "planificateur")


def run_daily(today: date) -> SendReport:
    """The day's work: deadlines brought up to date (committed), then the reminders due sent
    (committed as they go). The scheduler runs it each morning, `tracker reminders send` by
    hand or from cron."""
    generate_deadlines(today)
    db.session.commit()
    return send_reminders(today)


def daily_deadlines_and_reminders(app: Flask) -> None:
    """`tracker reminders send`, every morning."""
    with app.app_context():
        act_as(SCHEDULER_ACTOR)
        run_daily(date.today())


def retry_reminders(app: Flask) -> None:
    """Between the daily runs: send what an SMTP failure left pending."""
    with app.app_context():
        act_as(SCHEDULER_ACTOR)
        send_reminders(date.today())
