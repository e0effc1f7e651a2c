"""`tracker import staff` and `tracker staffing`: the team table and FTE per funder."""

import json
from pathlib import Path

import click

from tracker.actors import COMMAND_LINE, act_as
from tracker.console import import_or_exit, terminal_progress
from tracker.formatting import format_fte
from tracker.params import TERMINAL_FORMAT, option_period, option_type
from tracker.staffing.fte import fte_by_funder
from tracker.staffing.importer import import_staff


@click.command("staff")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Vérifier seulement, ne rien enregistrer.")
def import_staff_command(path: str, dry_run: bool):
    """Importer un tableau du personnel (une ligne par affectation)."""
    act_as(COMMAND_LINE)
    with terminal_progress() as progress:
        report = import_or_exit(lambda: import_staff(Path(path).read_bytes(), path,
                                                     dry_run, progress), dry_run)
    verb = "seraient créées" if dry_run else "créées"
    click.echo(f"{report.rows} ligne(s) lue(s) ; {len(report.people_created)} personne(s) "
               f"nouvelle(s) ; {report.allocations_created} affectation(s) {verb} ; "
               f"{report.allocations_already_there} déjà présente(s).")


@click.command("staffing")
@click.option("--at", "at_date", default="", help="ETP à cette date (31/12/2014 ou 2014-12-31).")
@click.option("--from", "from_date", default="", help="Début de période.")
@click.option("--to", "to_date", default="", help="Fin de période.")
@click.option("--format", "output", type=option_type(TERMINAL_FORMAT), default="table",
              show_default=True)
def staffing_command(at_date, from_date, to_date, output):
    """ETP par financeur et par fonction, à une date ou en moyenne sur une période."""
    period = option_period(at_date, from_date, to_date)
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
