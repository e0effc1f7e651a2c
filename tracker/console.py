"""What every `tracker` command shares: stopping with a French message, printing a refused
file's errors."""

import sys

import click

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
