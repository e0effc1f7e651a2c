"""`tracker aids check`: every employment-aid rule, with its state and explanation."""

import json
from datetime import date

import click

from tracker.aids.checks import run_checks
from tracker.params import DAY, TERMINAL_FORMAT, option_type


@click.group("aids")
def aids_group():
    """Aides à l'emploi (APE, ACS, Maribel social)."""


@aids_group.command("check")
@click.option("--at", "at", type=option_type(DAY),
              help="Date de la vérification (par défaut : aujourd'hui).")
@click.option("--format", "output", type=option_type(TERMINAL_FORMAT), default="table",
              show_default=True)
def check_command(at, output: str):
    """Vérifier les conditions des aides à l'emploi."""
    day = at or date.today()
    checks = run_checks(day)
    if output == "json":
        click.echo(json.dumps({"at": day.isoformat(),
                               "checks": [check.as_json() for check in checks]},
                              ensure_ascii=False, indent=2))
        return
    if not checks:
        click.echo("Aucune aide à l'emploi : aucun poste APE, ACS ou Maribel social.")
    for check in checks:
        click.echo(f"[{check.state_label}] {check.explanation}")
        for label, value in check.used.items():
            click.echo(f"    {label} : {value}")
