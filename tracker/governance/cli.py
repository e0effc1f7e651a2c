"""`tracker import mandates FILE` and `tracker governance check`: the register from a table,
and every legal obligation with its state."""

import json
from datetime import date
from pathlib import Path

import click

from tracker.actors import COMMAND_LINE, act_as
from tracker.console import import_or_exit, terminal_progress
from tracker.formatting import format_date
from tracker.governance.importer import import_mandates
from tracker.governance.obligations import check_obligations
from tracker.governance.vocabulary import STATES
from tracker.params import DAY, TERMINAL_FORMAT, option_type


@click.command("mandates")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Vérifier seulement, ne rien enregistrer.")
def import_mandates_command(path: str, dry_run: bool):
    """Importer le registre des mandats (nom;qualite;debut;fin[;terme;motif_fin])."""
    act_as(COMMAND_LINE)
    with terminal_progress() as progress:
        report = import_or_exit(lambda: import_mandates(Path(path).read_bytes(), path,
                                                        dry_run, progress), dry_run)
    verb = "seraient créé(s)" if dry_run else "créé(s)"
    click.echo(f"{report.rows} ligne(s) lue(s) ; {report.created} mandat(s) {verb} ; "
               f"{len(report.members_created)} membre(s) nouveau(x) ; "
               f"{report.ends_recorded} fin(s) de mandat ajoutée(s) ; "
               f"{report.already_there} déjà présent(s).")


@click.group("governance")
def governance_group():
    """Gouvernance de l'association : obligations légales."""


@governance_group.command("check")
@click.option("--at", "at", type=option_type(DAY), help="Date de contrôle (aujourd'hui).")
@click.option("--format", "output", type=option_type(TERMINAL_FORMAT), default="table",
              show_default=True)
def check_command(at, output: str):
    """Chaque obligation légale : état (ok / à surveiller / en retard), explication et
    paramètres utilisés."""
    day = at or date.today()
    obligations = check_obligations(day)
    if output == "json":
        click.echo(json.dumps({"at": day.isoformat(),
                               "obligations": [item.as_json(day) for item in obligations]},
                              ensure_ascii=False, indent=2))
        return
    for item in obligations:
        click.echo(f"{format_date(item.due)}  {STATES[item.state(day)]:<13} {item.title}")
        click.echo(f"            {item.explanation}")
        if item.fulfilled_by:
            click.echo(f"            {item.fulfilled_by}")
        for parameter in item.parameters:
            click.echo(f"            · {parameter['label']} : {parameter['text']}")
    if not obligations:
        click.echo("Aucune obligation légale à cette date.")
