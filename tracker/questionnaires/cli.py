"""`tracker report`: a funder's questionnaire for a year, in any format."""

from pathlib import Path

import click

from tracker.console import fail
from tracker.errors import DomainError
from tracker.params import YEAR, file_format, option_type, year_begun
from tracker.questionnaires.definition import load_definition_file
from tracker.questionnaires.export import export_report
from tracker.questionnaires.funder_forms.services import fill
from tracker.questionnaires.outputs import QUESTIONNAIRE
from tracker.questionnaires.registry import definition_ids, get_definition
from tracker.questionnaires.services import current_report

REPORT_FORMAT = file_format(*QUESTIONNAIRE.formats)


@click.command("report")
@click.argument("definition_id", required=False)
@click.option("--definition", "definition_file", type=click.Path(exists=True, dir_okay=False),
              help="Un fichier de définition YAML (au lieu d'un identifiant).")
@click.option("--year", type=option_type(YEAR), required=True, help="Année du rapport.")
@click.option("--format", "output", type=option_type(REPORT_FORMAT), default="json",
              show_default=True)
@click.option("--out", "out_path", type=click.Path(dir_okay=False, writable=True),
              help="Fichier à écrire (défaut : la sortie standard).")
@click.option("--template", "template_file", type=click.Path(exists=True, dir_okay=False),
              help="Le formulaire du financeur à remplir (.docx ou .xlsx) : le fichier écrit "
                   "a son format.")
def report_command(definition_id, definition_file, year: int, output: str, out_path,
                   template_file):
    """Produire un questionnaire (figures, tableaux et textes enregistrés) pour une année,
    ou remplir le formulaire du financeur (--template)."""
    if bool(definition_id) == bool(definition_file):
        fail("indiquez un identifiant de questionnaire, ou --definition FICHIER.")
    if template_file and not out_path:
        fail("indiquez où écrire le formulaire rempli : --out FICHIER.")
    try:
        if definition_file:
            definition = load_definition_file(Path(definition_file))
        else:
            definition = get_definition(definition_id)
            if definition is None:
                fail(f"questionnaire « {definition_id} » inconnu (connus : "
                     f"{', '.join(definition_ids())}).")
        if template_file:
            template = Path(template_file)
            content = fill(definition, current_report(definition, year_begun(year)),
                           template.read_bytes(), template.name)
        else:
            content = export_report(definition, year, output)
    except DomainError as error:
        fail(error.message)
    if out_path:
        Path(out_path).write_bytes(content)
        click.echo(f"{definition.title} {year} : {out_path} ({len(content)} octets).", err=True)
    else:
        click.echo(content.decode() if output in ("json", "html") else content, nl=False)
