"""`tracker demo`: the fictitious association, for demos and first contact."""

import click
from sqlalchemy import func

from tracker.actors import Actor, act_as
from tracker.auth.models import User
from tracker.console import fail
from tracker.demo import DEMO_LOGINS, load_demo
from tracker.errors import DomainError
from tracker.extensions import db


@click.command("demo")
@click.option("--if-empty", is_flag=True,
              help="Ne rien charger si la base contient déjà des comptes.")
def demo_command(if_empty: bool):
    """Charger l'association de démonstration (fictive) ; relancer ne duplique rien."""
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
