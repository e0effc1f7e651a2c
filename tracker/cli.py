"""The `tracker` command: Flask's CLI over create_app, plus the project's own commands."""

import sys

import click
from flask.cli import FlaskGroup
from sqlalchemy import func

from tracker import create_app
from tracker.audit.services import Actor, act_as
from tracker.auth.models import User
from tracker.auth.roles import Role
from tracker.errors import DomainError
from tracker.extensions import db

CLI_ACTOR = Actor(None, "ligne de commande")

cli = FlaskGroup(
    create_app=create_app,
    help="Outil de suivi des financements, échéances et questionnaires de l'ASBL.",
)


def fail(message: str) -> None:
    click.echo(f"Erreur : {message}", err=True)
    sys.exit(1)


@cli.group("user")
def user_group():
    """Gérer les comptes utilisateurs."""


@user_group.command("create")
@click.argument("email")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--name", "full_name", default=None, help="Nom complet (défaut : l'e-mail).")
@click.option("--password-stdin", is_flag=True, help="Lire le mot de passe sur l'entrée standard.")
def user_create(email: str, role: str, full_name: str | None, password_stdin: bool):
    """Créer un utilisateur (mot de passe lu sur l'entrée standard ou demandé)."""
    from tracker.auth.services import create_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Mot de passe", hide_input=True, confirmation_prompt=True)
    act_as(CLI_ACTOR)
    try:
        user = create_user(email, full_name or email, role, password)
    except DomainError as error:
        db.session.rollback()
        fail(error.message)
    db.session.commit()
    click.echo(f"Utilisateur créé : {user.email} ({Role(role).label}).")


@cli.command("demo")
@click.option("--if-empty", is_flag=True,
              help="Ne rien charger si la base contient déjà des comptes.")
def demo_command(if_empty: bool):
    """Charger l'association de démonstration (fictive) ; relancer ne duplique rien."""
    from tracker.demo import DEMO_LOGINS, load_demo

    if if_empty and (db.session.scalar(db.select(func.count(User.id))) or 0) > 0:
        click.echo("La base contient déjà des comptes : données de démonstration non chargées.")
    else:
        act_as(Actor(None, "démonstration"))
        try:
            load_demo()
        except DomainError as error:
            db.session.rollback()
            fail(f"données de démonstration refusées : {error.message}")
        db.session.commit()
        click.echo("Données de démonstration chargées.")
    emails = {email for email, *_ in DEMO_LOGINS}
    existing = set(db.session.scalars(db.select(User.email).where(User.email.in_(emails))))
    if existing:
        click.echo("Comptes de démonstration (e-mail / mot de passe) :")
        for email, password, _name, role in DEMO_LOGINS:
            if email in existing:
                click.echo(f"  {role.label:<26} {email:<36} {password}")


@cli.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
def backup_command(path: str):
    """Copie cohérente de la base (SQLite) ou pg_dump (PostgreSQL) vers PATH."""
    from tracker.backup import backup_database

    try:
        backup_database(path)
    except DomainError as error:
        fail(error.message)
    click.echo(f"Sauvegarde écrite : {path}")


@cli.group("import")
def import_group():
    """Importer des fichiers (CSV ou XLSX) : tout est vérifié avant d'écrire."""


@import_group.command("staff")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Vérifier seulement, ne rien enregistrer.")
def import_staff_command(path: str, dry_run: bool):
    """Importer un tableau du personnel (une ligne par affectation)."""
    from pathlib import Path

    from tracker.staffing.importer import import_staff
    from tracker.tabular import TableRefused

    act_as(CLI_ACTOR)
    try:
        report = import_staff(Path(path).read_bytes(), path, dry_run=dry_run)
    except TableRefused as refused:
        db.session.rollback()
        print_refusal(refused)
        sys.exit(1)
    if dry_run:
        db.session.rollback()
    else:
        db.session.commit()
    verb = "seraient créées" if dry_run else "créées"
    click.echo(f"{report.rows} ligne(s) lue(s) ; {len(report.people_created)} personne(s) "
               f"nouvelle(s) ; {report.allocations_created} affectation(s) {verb} ; "
               f"{report.allocations_already_there} déjà présente(s).")


def print_refusal(refused) -> None:
    click.echo(f"Fichier refusé, rien n'a été enregistré ({len(refused.errors)} erreur(s)"
               + (", les 50 premières" if len(refused.errors) > 50 else "") + ") :", err=True)
    for error in refused.errors[:50]:
        click.echo(f"  {error}", err=True)


@import_group.command("activities")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Vérifier seulement, ne rien enregistrer.")
@click.option("--force", is_flag=True, help="Importer même un fichier déjà importé.")
def import_activities_command(path: str, dry_run: bool, force: bool):
    """Importer des activités (une ligne par activité)."""
    from pathlib import Path

    from tracker.activities.importer import import_activities
    from tracker.tabular import TableRefused

    act_as(CLI_ACTOR)
    try:
        report = import_activities(Path(path).read_bytes(), Path(path).name, dry_run, force)
    except TableRefused as refused:
        db.session.rollback()
        print_refusal(refused)
        sys.exit(1)
    except DomainError as error:
        db.session.rollback()
        fail(error.message)
    if dry_run:
        db.session.rollback()
        click.echo(f"Fichier valide : {report.rows} activité(s) seraient importées.")
        return
    db.session.commit()
    click.echo(f"{report.rows} activité(s) importées (import n° {report.batch_id}).")


@import_group.command("undo")
@click.argument("batch_id", type=int)
def import_undo_command(batch_id: int):
    """Annuler un import d'activités entier."""
    from tracker.activities.importer import undo_batch
    from tracker.activities.models import ImportBatch

    act_as(CLI_ACTOR)
    batch = db.session.get(ImportBatch, batch_id)
    if batch is None:
        fail(f"aucun import n° {batch_id}.")
    try:
        count = undo_batch(batch)
    except DomainError as error:
        fail(error.message)
    db.session.commit()
    click.echo(f"Import n° {batch_id} annulé : {count} activité(s) retirées.")


@cli.command("staffing")
@click.option("--at", "at_date", default="", help="ETP à cette date (31/12/2014 ou 2014-12-31).")
@click.option("--from", "from_date", default="", help="Début de période.")
@click.option("--to", "to_date", default="", help="Fin de période.")
@click.option("--format", "output", type=click.Choice(["json", "table"]), default="table")
def staffing_command(at_date, from_date, to_date, output):
    """ETP par financeur et par fonction, à une date ou en moyenne sur une période."""
    import json

    from tracker.errors import DomainError
    from tracker.formatting import format_fte
    from tracker.periods import period_from_text
    from tracker.staffing.fte import fte_by_funder

    try:
        period = period_from_text(at_date, from_date, to_date)
    except DomainError as error:
        fail(error.message)
    summary = fte_by_funder(period)
    if output == "json":
        click.echo(json.dumps(summary.as_json(), ensure_ascii=False, indent=2))
        return
    click.echo(f"ETP par financeur {period.label()}")
    for code, entry in summary.by_funder.items():
        click.echo(f"{code:<14} {format_fte(entry['total']):>12}")
        for function_code, value in entry["by_function"].items():
            click.echo(f"  {function_code:<24} {format_fte(value):>12}")
    click.echo(f"{'Total':<14} {format_fte(summary.total):>12}")


@cli.command("deadlines")
@click.option("--today", "today", type=click.DateTime(["%Y-%m-%d"]), help="Date du jour.")
@click.option("--within", default=90, show_default=True, help="Jours à venir à lister.")
@click.option("--format", "output", type=click.Choice(["json", "table"]), default="table")
def deadlines_command(today, within: int, output: str):
    """Échéances ouvertes jusqu'à aujourd'hui + N jours (en retard comprises)."""
    import json
    from datetime import date

    from tracker.deadlines.services import generate_deadlines, upcoming_deadlines
    from tracker.deadlines.vocabulary import DEADLINE_STATUSES
    from tracker.formatting import format_date

    act_as(CLI_ACTOR)
    day = today.date() if today else date.today()
    generate_deadlines(day)  # idempotent: rules are up to date before anything is listed
    db.session.commit()
    views = upcoming_deadlines(day, within)
    if output == "json":
        click.echo(json.dumps([view.as_json() for view in views], ensure_ascii=False, indent=2))
        return
    for view in views:
        flag = "EN RETARD " if view.overdue else ""
        where = f" [{view.funder}]" if view.funder else ""
        click.echo(f"{format_date(view.due)}  {flag}{view.title}{where} "
                   f"({DEADLINE_STATUSES.get(view.status, view.status)})")
    if not views:
        click.echo("Aucune échéance sur cette période.")


@cli.group("reminders")
def reminders_group():
    """Rappels d'échéances par e-mail."""


@reminders_group.command("send")
@click.option("--today", "today", type=click.DateTime(["%Y-%m-%d"]), help="Date du jour.")
def reminders_send_command(today):
    """Envoyer les rappels dus : un récapitulatif par destinataire ; relancer n'envoie rien
    deux fois."""
    from datetime import date

    from tracker.deadlines.reminders import send_reminders
    from tracker.deadlines.services import generate_deadlines

    act_as(CLI_ACTOR)
    day = today.date() if today else date.today()
    generate_deadlines(day)
    db.session.commit()
    report = send_reminders(day)
    click.echo(f"{report.planned} rappel(s) planifié(s) ; {report.digests_sent} e-mail(s) "
               f"envoyé(s) pour {report.reminders_sent} rappel(s) ; "
               f"{report.failures} échec(s) d'envoi (nouvel essai plus tard).")


@cli.command("report")
@click.argument("definition_id", required=False)
@click.option("--definition", "definition_file", type=click.Path(exists=True, dir_okay=False),
              help="Un fichier de définition YAML (au lieu d'un identifiant).")
@click.option("--year", type=int, required=True, help="Année du rapport.")
@click.option("--format", "output", type=click.Choice(["pdf", "docx", "xlsx", "json", "html"]),
              default="json", show_default=True)
@click.option("--out", "out_path", type=click.Path(dir_okay=False, writable=True),
              help="Fichier à écrire (défaut : la sortie standard).")
def report_command(definition_id, definition_file, year: int, output: str, out_path):
    """Produire un questionnaire (figures, tableaux et textes enregistrés) pour une année."""
    from pathlib import Path

    from tracker.questionnaires.definition import load_definition_file
    from tracker.questionnaires.export import export_report
    from tracker.questionnaires.registry import definition_ids, get_definition

    if bool(definition_id) == bool(definition_file):
        fail("indiquez un identifiant de questionnaire, ou --definition FICHIER.")
    try:
        if definition_file:
            definition = load_definition_file(Path(definition_file))
        else:
            definition = get_definition(definition_id)
            if definition is None:
                fail(f"questionnaire « {definition_id} » inconnu (connus : "
                     f"{', '.join(definition_ids())}).")
        content = export_report(definition, year, output)
    except DomainError as error:
        fail(error.message)
    if out_path:
        Path(out_path).write_bytes(content)
        click.echo(f"{definition.title} {year} : {out_path} ({len(content)} octets).", err=True)
    else:
        click.echo(content.decode() if output in ("json", "html") else content, nl=False)


@cli.command("scheduler")
def scheduler_command():
    """Lancer le planificateur (un seul processus : un second refuse de démarrer)."""
    from flask import current_app

    from tracker.scheduler import SchedulerLock, build_scheduler

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
