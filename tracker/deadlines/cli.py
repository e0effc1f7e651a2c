"""`tracker deadlines` and `tracker reminders send`: the deadlines ahead, and the day's
reminders (the same work as the scheduler's morning job)."""

import json
from datetime import date

import click

from tracker.actors import COMMAND_LINE, act_as
from tracker.deadlines.jobs import run_daily
from tracker.deadlines.reminders import retry_failed as retry_failed_reminders
from tracker.deadlines.services import generate_deadlines, upcoming_deadlines
from tracker.deadlines.vocabulary import OVERDUE, STATE_LABELS
from tracker.extensions import db
from tracker.formatting import format_date
from tracker.params import DAY, TERMINAL_FORMAT, WHOLE_NUMBER, option_type


@click.command("deadlines")
@click.option("--today", "today", type=option_type(DAY), help="Date du jour.")
@click.option("--within", type=option_type(WHOLE_NUMBER), default=90, show_default=True,
              help="Jours à venir à lister.")
@click.option("--format", "output", type=option_type(TERMINAL_FORMAT), default="table",
              show_default=True)
@click.option("--all", "every_status", is_flag=True,
              help="Aussi les échéances déjà soumises, acceptées, refusées ou sans objet.")
def deadlines_command(today, within: int, output: str, every_status: bool):
    """Échéances ouvertes jusqu'à aujourd'hui + N jours (en retard comprises)."""
    act_as(COMMAND_LINE)
    day = today or date.today()
    generate_deadlines(day)  # idempotent: rules are up to date before anything is listed
    db.session.commit()
    views = upcoming_deadlines(day, within, every_status)
    if output == "json":
        click.echo(json.dumps([view.as_json() for view in views], ensure_ascii=False, indent=2))
        return
    for view in views:
        where = f" [{view.funder}]" if view.funder else ""
        state = STATE_LABELS[OVERDUE if view.overdue else view.status]
        click.echo(f"{format_date(view.due)}  {view.title}{where} ({state})")
    if not views:
        click.echo("Aucune échéance sur cette période.")


@click.group("reminders")
def reminders_group():
    """Rappels d'échéances par e-mail."""


@reminders_group.command("send")
@click.option("--today", "today", type=option_type(DAY), help="Date du jour.")
@click.option("--retry-failed", is_flag=True,
              help="Remettre d'abord en envoi les rappels abandonnés après 5 échecs.")
def reminders_send_command(today, retry_failed: bool):
    """Envoyer les rappels dus : un récapitulatif par destinataire ; relancer n'envoie rien
    deux fois."""
    act_as(COMMAND_LINE)
    if retry_failed:
        click.echo(f"{retry_failed_reminders()} rappel(s) en échec remis en envoi.")
        db.session.commit()
    report = run_daily(today or date.today())
    click.echo(f"{report.planned} rappel(s) planifié(s) ; {report.digests_sent} e-mail(s) "
               f"envoyé(s) pour {report.reminders_sent} rappel(s) ; "
               f"{report.failures} échec(s) d'envoi (nouvel essai plus tard).")
