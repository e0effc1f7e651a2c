"""`tracker import dossiers FILE`, `tracker dossiers undo N` and `tracker dossiers register`."""

from datetime import date
from pathlib import Path

import click

from tracker.actors import COMMAND_LINE, act_as
from tracker.console import fail, import_or_exit, terminal_progress
from tracker.dossiers.importer import import_dossiers, undo_import
from tracker.dossiers.purge import purge_inactive
from tracker.dossiers.register import REGISTER, register_table
from tracker.dossiers.services import import_to_undo
from tracker.errors import DomainError
from tracker.extensions import db
from tracker.params import WHOLE_NUMBER, YEAR, file_format, option_type, year_begun


@click.command("dossiers")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Vérifier seulement, ne rien enregistrer.")
def import_dossiers_command(path: str, dry_run: bool):
    """Importer les données des dossiers : dossier;date puis une colonne par dimension du
    dossier."""
    act_as(COMMAND_LINE)
    with terminal_progress() as progress:
        report = import_or_exit(lambda: import_dossiers(Path(path).read_bytes(), path,
                                                        dry_run, progress), dry_run)
    verb = "seraient enregistrées" if dry_run else "enregistrées"
    number = "" if dry_run else f" (import n° {report.batch_id})"
    click.echo(f"{report.rows} ligne(s) lue(s) ; {report.dossiers} dossier(s), dont "
               f"{report.dossiers_created} nouveau(x) ; {report.values} valeur(s) {verb}"
               f"{number}.")


@click.group("dossiers")
def dossiers_group():
    """Les dossiers (pseudonymes) : annuler un import, le registre d'une année, oublier
    les personnes qui ne viennent plus."""


@dossiers_group.command("undo")
@click.argument("batch_id", type=option_type(WHOLE_NUMBER))
def undo_command(batch_id: int):
    """Annuler un import de dossiers entier."""
    act_as(COMMAND_LINE)
    try:
        count = undo_import(import_to_undo(batch_id))
    except DomainError as error:
        fail(error.message)
    db.session.commit()
    click.echo(f"Import de dossiers n° {batch_id} annulé : {count} donnée(s) retirée(s).")


@dossiers_group.command("register")
@click.option("--year", type=option_type(YEAR), required=True, help="Année du registre.")
@click.option("--format", "output", type=option_type(file_format(*REGISTER.formats)),
              default="csv", show_default=True)
@click.option("--out", "out_path", type=click.Path(dir_okay=False, writable=True),
              required=True, help="Fichier à écrire.")
def register_command(year: int, output: str, out_path: str):
    """Le registre des prises en charge d'une année (une ligne par prise en charge)."""
    try:
        year_begun(year)
    except DomainError as error:
        fail(error.message)
    table = register_table(year, date.today())
    Path(out_path).write_bytes(REGISTER.render(table, output))
    click.echo(f"Registre {year} : {len(table.rows)} prise(s) en charge, {out_path}.")


@dossiers_group.command("purge")
@click.option("--inactive-years", "inactive_years", type=option_type(WHOLE_NUMBER),
              required=True, help="Oublier les dossiers sans activité depuis ce nombre d'années.")
@click.option("--dry-run", is_flag=True, help="Compter seulement, ne rien effacer.")
def purge_command(inactive_years: int, dry_run: bool):
    """Effacer les dossiers sans activité depuis N années (leurs données et clôtures) ; leurs
    activités restent, anonymes, dans les chiffres des années passées."""
    act_as(COMMAND_LINE)
    try:
        report = purge_inactive(inactive_years, date.today(), dry_run)
    except DomainError as error:
        fail(error.message)
    db.session.commit()
    verb = "seraient oubliés" if dry_run else "oubliés"
    click.echo(f"Dossiers sans activité depuis le {report.cutoff:%d/%m/%Y} : {report.dossiers} "
               f"{verb} ; {report.activities} activité(s) gardée(s), sans lien vers une "
               f"personne.")
