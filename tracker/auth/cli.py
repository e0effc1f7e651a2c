"""`tracker user …`: accounts from the command line."""

import sys

import click

from tracker.actors import COMMAND_LINE, act_as
from tracker.auth.roles import Role
from tracker.auth.services import create_user
from tracker.console import fail
from tracker.errors import DomainError
from tracker.extensions import db


@click.group("user")
def user_group():
    """Gérer les comptes utilisateurs."""


@user_group.command("create")
@click.argument("email")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--name", "full_name", default=None, help="Nom complet (défaut : l'e-mail).")
@click.option("--password-stdin", is_flag=True, help="Lire le mot de passe sur l'entrée standard.")
def user_create(email: str, role: str, full_name: str | None, password_stdin: bool):
    """Créer un utilisateur (mot de passe lu sur l'entrée standard ou demandé)."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Mot de passe", hide_input=True, confirmation_prompt=True)
    act_as(COMMAND_LINE)
    try:
        user = create_user(email, full_name or email, role, password)
    except DomainError as error:
        db.session.rollback()
        fail(error.message)
    db.session.commit()
    click.echo(f"Utilisateur créé : {user.email} ({Role(role).label}).")
