"""The `tracker` command: Flask's CLI over create_app, with the commands each module defines
in its own cli.py (named in tracker.modules), and the operator's own (backup, scheduler)."""

from importlib import import_module

import click
from flask import current_app
from flask.cli import FlaskGroup, with_appcontext

from tracker import create_app
from tracker.backup import backup_database, backup_into_folder, check_restore
from tracker.console import fail
from tracker.doctor import examine
from tracker.errors import DomainError
from tracker.mail import MailError, build_message, send_message
from tracker.modules import MODULES
from tracker.scheduler import SchedulerLock, build_scheduler, recover_interrupted_work

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


for module in MODULES:  # each module's commands, as tracker.modules names them
    if module.commands or module.imports:
        commands = import_module(f"tracker.{module.name}.cli")
        for name in module.imports:
            import_group.add_command(in_app_context(getattr(commands, name)))
        for name in module.commands:
            cli.add_command(in_app_context(getattr(commands, name)))


@cli.command("backup")
@with_appcontext
@click.argument("path", required=False, type=click.Path(dir_okay=False, writable=True))
def backup_command(path: str | None):
    """Copie cohérente de la base (SQLite) ou pg_dump (PostgreSQL) vers PATH ; sans PATH,
    dans BACKUP_DIR, en gardant 7 quotidiennes, 4 hebdomadaires et 12 mensuelles."""
    try:
        if path:
            backup_database(path)
            click.echo(f"Sauvegarde écrite : {path}")
            return
        written, removed = backup_into_folder(current_app.config["BACKUP_DIR"])
    except DomainError as error:
        fail(error.message)
    click.echo(f"Sauvegarde écrite : {written}" + (
        f" ; {len(removed)} ancienne(s) supprimée(s)." if removed else ""))


@cli.command("restore")
@with_appcontext
@click.option("--check", "path", required=True,
              type=click.Path(exists=True, dir_okay=False),
              help="Restaurer FILE dans une base temporaire et la relire (rien d'autre n'est "
                   "touché).")
def restore_command(path: str):
    """Vérifier qu'une sauvegarde se restaure."""
    try:
        checked = check_restore(path)
    except DomainError as error:
        fail(error.message)
    counts = ", ".join(f"{table} {rows}" for table, rows in checked.rows.items())
    click.echo(f"Sauvegarde lisible : {checked.tables} tables, version "
               f"{checked.revision or 'inconnue'} ; lignes : {counts}.")


@cli.command("doctor")
@with_appcontext
def doctor_command():
    """Vérifier l'installation (clé, base, e-mails, disque, sauvegardes, planificateur,
    imports)."""
    findings = examine(current_app._get_current_object())
    for finding in findings:
        click.echo(f"{'✔' if finding.ok else '✘'} {finding.topic} : {finding.message}")
    problems = sum(not finding.ok for finding in findings)
    if problems:
        fail(f"{problems} problème(s) à corriger.")
    click.echo("Tout est en ordre.")


@cli.command("mail-test")
@click.argument("address")
@with_appcontext
def mail_test_command(address: str):
    """Envoyer un e-mail d'essai à ADDRESS (vérifie les réglages MAIL_*)."""
    try:
        send_message(build_message(
            [address], "Suivi ASBL : e-mail d'essai",
            "Bonjour,\n\nCet e-mail d'essai confirme que Suivi ASBL peut envoyer ses rappels "
            "d'échéances.\n\nSuivi ASBL"))
    except MailError as error:
        fail(f"envoi impossible ({error}) : vérifiez MAIL_SERVER, MAIL_PORT, MAIL_USE_TLS, "
             "MAIL_USE_SSL, MAIL_USERNAME et MAIL_PASSWORD.")
    click.echo(f"E-mail d'essai envoyé à {address}.")


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
    recover_interrupted_work(app, starting=True)
    scheduler = build_scheduler(app)
    click.echo(f"Planificateur démarré : échéances et rappels chaque jour à "
               f"{app.config['TRACKER_REMINDER_TIME']} (Europe/Brussels), imports envoyés "
               "depuis les pages traités dès leur arrivée.")
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        lock.release()


def main() -> None:
    cli(prog_name="tracker")
