"""`tracker import costs`, `tracker import expenses` and `tracker costs`: the social
secretariat's monthly costs, operating expenses, and what each funder is charged for a
period."""

import json
from pathlib import Path

import click

from tracker.actors import COMMAND_LINE, act_as
from tracker.console import import_or_exit, terminal_progress
from tracker.finance.charging import as_json, charged_costs
from tracker.finance.expense_import import import_expenses
from tracker.finance.importer import import_costs
from tracker.formatting import format_money
from tracker.params import TERMINAL_FORMAT, option_period, option_type


def _import_file(importer, path: str, dry_run: bool, noun: str, imported: str) -> None:
    """One cost or expense file, refused whole or imported whole; « 12 dépense(s)
    importées (1 234,56 €) »."""
    act_as(COMMAND_LINE)
    with terminal_progress() as progress:
        report = import_or_exit(lambda: importer(Path(path).read_bytes(), Path(path).name,
                                                 dry_run, progress), dry_run)
    total = format_money(report.total_cents / 100)
    if dry_run:
        click.echo(f"Fichier valide : {report.rows} {noun} seraient {imported} ({total}).")
        return
    click.echo(f"{report.rows} {noun} {imported} ({total}), import n° {report.import_id}.")


@click.command("costs")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Vérifier seulement, ne rien enregistrer.")
def import_costs_command(path: str, dry_run: bool):
    """Importer les coûts mensuels du secrétariat social (nom;mois;cout[;type])."""
    _import_file(import_costs, path, dry_run, "coût(s)", "importés")


@click.command("expenses")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Vérifier seulement, ne rien enregistrer.")
def import_expenses_command(path: str, dry_run: bool):
    """Importer des frais de fonctionnement
    (date;fournisseur;description;categorie;montant;imputation)."""
    _import_file(import_expenses, path, dry_run, "dépense(s)", "importées")


@click.command("costs")
@click.option("--from", "start", required=True, help="Début (31/12/2014 ou 2014-12-31).")
@click.option("--to", "end", required=True, help="Fin.")
@click.option("--format", "output", type=option_type(TERMINAL_FORMAT), default="table",
              show_default=True)
def costs_command(start: str, end: str, output: str):
    """Coûts du personnel imputés à chaque financeur sur une période."""
    period = option_period("", start, end)
    costs = charged_costs(period.start, period.end)
    if output == "json":
        click.echo(json.dumps(as_json(costs), ensure_ascii=False, indent=2))
        return
    def line(label: str, personnel: int, operating: int) -> None:
        click.echo(f"{label:<36} {format_money(personnel / 100):>16} "
                   f"{format_money(operating / 100):>16}")
    click.echo(f"{'':<36} {'Personnel':>16} {'Fonctionnement':>16}")
    for funder in costs.by_funder.values():
        line(funder.label, funder.personnel_cents, funder.operating_cents)
    line("Non ventilé", costs.unallocated_cents, costs.operating_unallocated_cents)
    click.echo(f"{'Total':<36} {format_money(costs.total_cents / 100):>16}")
