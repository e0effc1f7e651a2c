"""What every `tracker` command shares: stopping with a French message, printing a refused
file's errors, running an import."""

import sys
from collections.abc import Callable
from typing import Any

import click

from tracker.errors import DomainError
from tracker.extensions import db
from tracker.tabular import TableRefused

ERRORS_PRINTED = 50


def fail(message: str) -> None:
    click.echo(f"Erreur : {message}", err=True)
    sys.exit(1)


def print_refusal(refused: TableRefused) -> None:
    count = len(refused.errors)
    click.echo(f"Fichier refusé, rien n'a été enregistré ({count} erreur(s)"
               + (f", les {ERRORS_PRINTED} premières" if count > ERRORS_PRINTED else "") + ") :",
               err=True)
    for error in refused.errors[:ERRORS_PRINTED]:
        click.echo(f"  {error}", err=True)


def import_or_exit(action: Callable[[], Any], dry_run: bool) -> Any:
    """An import command's one step: the importer reads the whole file; a refused file (its
    errors printed) or a refusal stops the command with nothing kept; a dry run keeps
    nothing either; otherwise the batch is committed."""
    try:
        report = action()
    except TableRefused as refused:
        db.session.rollback()
        print_refusal(refused)
        sys.exit(1)
    except DomainError as error:
        db.session.rollback()
        fail(error.message)
    if dry_run:
        db.session.rollback()
    else:
        db.session.commit()
    return report
