"""`tracker annual-report --year YEAR --format pdf|docx [--out PATH] [--archive]`."""

from pathlib import Path

import click

from tracker.actors import COMMAND_LINE, act_as
from tracker.annual_report.archive import produce, render_files
from tracker.annual_report.outputs import ANNUAL_REPORT
from tracker.annual_report.services import read_report_file
from tracker.console import fail, terminal_progress
from tracker.errors import DomainError
from tracker.params import YEAR, file_format, option_type

REPORT_FORMAT = file_format(*ANNUAL_REPORT.formats)


@click.command("annual-report")
@click.option("--year", type=option_type(YEAR), required=True,
              help="Année civile dont le rapport rend compte.")
@click.option("--format", "output", type=option_type(REPORT_FORMAT), default="pdf",
              show_default=True)
@click.option("--out", "out_path", type=click.Path(dir_okay=False, writable=True),
              help="Fichier à écrire (défaut : la sortie standard).")
@click.option("--archive", is_flag=True,
              help="Archiver une nouvelle version (PDF et Word), comme le bouton de la page.")
def annual_report_command(year: int, output: str, out_path, archive: bool):
    """Le rapport d'activité à l'assemblée générale : textes de la direction, l'année en
    chiffres, l'équipe, les finances, les plans d'action, la gouvernance, les partenariats et
    les questionnaires archivés de l'année en annexe."""
    act_as(COMMAND_LINE)
    try:
        with terminal_progress() as progress:
            if archive:
                version = produce(year, progress)
                content = read_report_file(next(file for file in version.files
                                                if file.format == output))
            else:
                content = render_files(year, None, progress, (output,))[output]
    except DomainError as error:
        fail(error.message)
    if out_path:
        Path(out_path).write_bytes(content)
        click.echo(f"Rapport annuel {year} : {out_path} ({len(content)} octets).", err=True)
    else:
        click.echo(content, nl=False)
