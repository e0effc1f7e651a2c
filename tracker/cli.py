"""The `tracker` command: Flask's CLI over create_app, with the commands each module defines
in its own cli.py, and the operator's own (backup, scheduler)."""

import click
from flask import current_app
from flask.cli import FlaskGroup, with_appcontext

from tracker import create_app
from tracker.activities.cli import import_activities_command, import_undo_command
from tracker.aids.cli import aids_group
from tracker.auth.cli import user_group
from tracker.backup import backup_database
from tracker.console import fail
from tracker.deadlines.cli import deadlines_command, reminders_group
from tracker.demo.cli import demo_command
from tracker.errors import DomainError
from tracker.finance.cli import costs_command, import_costs_command, import_expenses_command
from tracker.questionnaires.cli import report_command
from tracker.scheduler import SchedulerLock, build_scheduler
from tracker.staffing.cli import import_staff_command, staffing_command

cli = FlaskGroup(
    create_app=create_app,
    help="Outil de suivi des financements, échéances et questionnaires de l'ASBL.",
)


@cli.group("import")
def import_group():
    """Importer des fichiers (CSV ou XLSX) : tout est vérifié avant d'écrire."""


def in_app_context(command: click.Command) -> click.Command:
    """Flask pushes an application context only around the commands the application itself
    registers, not around those added to the group: each of ours (and every subcommand)
    pushes its own, whatever click and Flask versions are installed."""
    if isinstance(command, click.Group):
        for subcommand in command.commands.values():
            in_app_context(subcommand)
    elif command.callback is not None:
        command.callback = with_appcontext(command.callback)
    return command


for command in (import_staff_command, import_activities_command, import_costs_command,
                import_expenses_command, import_undo_command):
    import_group.add_command(in_app_context(command))
for command in (user_group, demo_command, staffing_command, deadlines_command, reminders_group,
                report_command, costs_command, aids_group):
    cli.add_command(in_app_context(command))


@cli.command("backup")
@with_appcontext
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
def backup_command(path: str):
    """Copie cohérente de la base (SQLite) ou pg_dump (PostgreSQL) vers PATH."""
    try:
        backup_database(path)
    except DomainError as error:
        fail(error.message)
    click.echo(f"Sauvegarde écrite : {path}")


@cli.command("scheduler")
@with_appcontext
def scheduler_command():
    """Lancer le planificateur (un seul processus : un second refuse de démarrer)."""
    app = current_app._get_current_object()
    lock = SchedulerLock(app)
    try:
        lock.acquire()
    except DomainError as error:
        fail(error.message)
    scheduler = build_scheduler(app)
    click.echo(f"Planificateur démarré : échéances et rappels chaque jour à "
               f"{app.config['TRACKER_REMINDER_TIME']} (Europe/Brussels).")
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        lock.release()


def main() -> None:
    cli(prog_name="tracker")
