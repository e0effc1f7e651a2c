"""`tracker plan import FILE`, `tracker plan export ID` and `tracker plan report ID --year
YEAR --format json|pdf|docx|xlsx`."""

from pathlib import Path

import click

from tracker.actors import COMMAND_LINE, act_as
from tracker.console import fail
from tracker.errors import DomainError
from tracker.extensions import db
from tracker.params import YEAR, file_format, option_type
from tracker.plans.outputs import PLAN_REPORT
from tracker.plans.services import export_plan, import_plan, plan_report

REPORT_FORMAT = file_format(*PLAN_REPORT.formats)


@click.group("plan")
def plan_group():
    """Plans d'action : objectifs, indicateurs et évaluation annuelle."""


@plan_group.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def import_command(path: str):
    """Importer (ou mettre à jour) un plan d'action décrit en YAML, vérifié en entier."""
    act_as(COMMAND_LINE)
    try:
        plan = import_plan(Path(path).read_bytes(), Path(path).name)
        counts = (len(plan.objectives),
                  sum(len(objective.indicators) for objective in plan.objectives))
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        fail(error.message)
    click.echo(f"Plan « {plan.code} » enregistré : {counts[0]} objectif(s), {counts[1]} "
               f"indicateur(s).")


@plan_group.command("export")
@click.argument("plan_id")
@click.option("--out", "out_path", type=click.Path(dir_okay=False, writable=True),
              help="Fichier à écrire (défaut : la sortie standard).")
def export_command(plan_id: str, out_path):
    """Le plan en YAML, tel que `tracker plan import` le relit."""
    try:
        text = export_plan(plan_id)
    except DomainError as error:
        fail(error.message)
    if out_path:
        Path(out_path).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


@plan_group.command("report")
@click.argument("plan_id")
@click.option("--year", type=option_type(YEAR), required=True, help="Année évaluée.")
@click.option("--format", "output", type=option_type(REPORT_FORMAT), default="json",
              show_default=True)
@click.option("--out", "out_path", type=click.Path(dir_okay=False, writable=True),
              help="Fichier à écrire (défaut : la sortie standard).")
def report_command(plan_id: str, year: int, output: str, out_path):
    """Chaque indicateur du plan : valeur, cible et état pour l'année et les précédentes."""
    try:
        content = PLAN_REPORT.render(plan_report(plan_id, year), output)
    except DomainError as error:
        fail(error.message)
    if out_path:
        Path(out_path).write_bytes(content)
        click.echo(f"Plan « {plan_id} » {year} : {out_path} ({len(content)} octets).",
                   err=True)
    else:
        click.echo(content.decode() if output == "json" else content, nl=False)
