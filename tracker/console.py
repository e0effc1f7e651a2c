"""What every `tracker` command shares: stopping with a French message, printing a refused
file's errors, running an import, drawing its progress."""

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
from rich.progress import Progress as ProgressBar

from tracker.errors import DomainError
from tracker.extensions import db
from tracker.progress import Progress
from tracker.tabular import TableRefused

ERRORS_PRINTED = 50
PROGRESS_FROM_ROWS = 5000  # smaller files are done before a bar would be worth drawing


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


@contextmanager
def terminal_progress() -> Iterator[Progress]:
    """A progress bar on the terminal (stderr, rich) for a long file's phases; nothing for a
    file of fewer than PROGRESS_FROM_ROWS rows."""
    bar = ProgressBar(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                      TimeElapsedColumn(), console=Console(stderr=True), transient=False)
    tasks: dict[str, int] = {}

    def report(phase: str, done: int, total: int) -> None:
        if total < PROGRESS_FROM_ROWS:
            return
        if phase not in tasks:
            if not tasks:
                bar.start()
            tasks[phase] = bar.add_task(phase, total=total)
        bar.update(tasks[phase], completed=done, total=total)

    try:
        yield report
    finally:
        if tasks:
            bar.stop()
