"""Scheduled jobs, each a thin wrapper over a service (and each also a CLI command)."""

from datetime import date

from flask import Flask

from tracker.audit.services import Actor, act_as
from tracker.deadlines.reminders import send_reminders
from tracker.deadlines.services import generate_deadlines
from tracker.extensions import db

SCHEDULER_ACTOR = Actor(None, "planificateur")


def daily_deadlines_and_reminders(app: Flask) -> None:
    """`tracker reminders send`, every morning."""
    with app.app_context():
        act_as(SCHEDULER_ACTOR)
        today = date.today()
        generate_deadlines(today)
        db.session.commit()
        send_reminders(today)


def retry_reminders(app: Flask) -> None:
    """Between the daily runs: send what an SMTP failure left pending."""
    with app.app_context():
        act_as(SCHEDULER_ACTOR)
        send_reminders(date.today())
