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
        load_demo()
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


def main() -> None:
    cli(prog_name="tracker")
