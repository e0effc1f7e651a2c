"""`tracker import activities` and `tracker import undo`: the activity log from files."""

from pathlib import Path

import click

from tracker.activities.importer import import_activities_in_chunks, undo_batch
from tracker.activities.models import ImportBatch
from tracker.actors import COMMAND_LINE, act_as
from tracker.console import fail, import_or_exit, terminal_progress
from tracker.errors import DomainError
from tracker.extensions import db
from tracker.params import WHOLE_NUMBER, option_type


@click.command("activities")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Vérifier seulement, ne rien enregistrer.")
@click.option("--force", is_flag=True, help="Importer même un fichier déjà importé.")
@click.option("--create-partners", is_flag=True,
              help="Créer les partenaires inconnus (sinon le fichier est refusé).")
def import_activities_command(path: str, dry_run: bool, force: bool, create_partners: bool):
    """Importer des activités (une ligne par activité)."""
    act_as(COMMAND_LINE)
    with terminal_progress() as progress:
        report = import_or_exit(lambda: import_activities_in_chunks(
            Path(path).read_bytes(), Path(path).name, dry_run, force, create_partners,
            progress), dry_run)
    if dry_run:
        click.echo(f"Fichier valide : {report.rows} activité(s) seraient importées.")
        return
    click.echo(f"{report.rows} activité(s) importées (import n° {report.batch_id}).")
    if report.partners_created:
        click.echo(f"Partenaires créés : {', '.join(report.partners_created)}.")


@click.command("undo")
@click.argument("batch_id", type=option_type(WHOLE_NUMBER))
def import_undo_command(batch_id: int):
    """Annuler un import d'activités entier."""
    act_as(COMMAND_LINE)
    batch = db.session.get(ImportBatch, batch_id)
    if batch is None:
        fail(f"aucun import n° {batch_id}.")
    try:
        count = undo_batch(batch)
    except DomainError as error:
        fail(error.message)
    db.session.commit()
    click.echo(f"Import n° {batch_id} annulé : {count} activité(s) retirées.")
