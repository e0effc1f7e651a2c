"""`tracker aids check`: every employment-aid rule, with its state and explanation;
`tracker aids set`: a parameter's value from a date."""

import json
from datetime import date

import click

from tracker.actors import COMMAND_LINE, act_as
from tracker.aids.catalogue import AID_NAMES, AIDS, PARAMETERS
from tracker.aids.checks import run_checks
from tracker.aids.parameters import add_parameter
from tracker.console import fail
from tracker.errors import DomainError
from tracker.extensions import db
from tracker.formatting import format_date, format_quantity
from tracker.params import DAY, TERMINAL_FORMAT, option_type
from tracker.tabular import parse_number


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


@aids_group.command("set")
@click.argument("aid")
@click.argument("code")
@click.argument("value")
@click.option("--from", "from_date", type=option_type(DAY), required=True,
              help="Date à partir de laquelle la valeur s'applique.")
@click.option("--source", default="", help="D'où vient la valeur (décision, courrier…).")
@click.option("--to-verify", is_flag=True, help="Valeur provisoire, à vérifier.")
def set_command(aid: str, code: str, value: str, from_date: date, source: str,
                to_verify: bool):
    """Enregistrer la valeur d'un paramètre à partir d'une date (comme sur la page ; le
    journal des modifications la retient)."""
    act_as(COMMAND_LINE)
    aid = aid.upper()
    try:
        number = parse_number(value)
    except ValueError:
        fail(f"valeur « {value} » illisible : tapez un nombre, comme 7,5 ou 42.978.")
    if aid in PARAMETERS and code not in PARAMETERS[aid]:
        fail(f"paramètre « {code} » inconnu pour {aid} (connus : "
             f"{', '.join(PARAMETERS[aid])}).")
    try:
        saved = add_parameter(aid=aid, code=code, value=number, valid_from=from_date,
                              source=source, to_verify=to_verify)
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        fail(error.message if aid in AIDS else f"aide « {aid} » inconnue (connues : "
                                                f"{', '.join(AIDS)}).")
    meaning = PARAMETERS[saved.aid][saved.code]
    click.echo(f"{AID_NAMES[saved.aid]} : {meaning.label} = "
               f"{format_quantity(saved.value, meaning.unit)} à partir du "
               f"{format_date(saved.valid_from)}.")
