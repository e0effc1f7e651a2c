"""The annual report's page: the director writes its texts (drafts, last year's offered) and
produces a version (a background job); the secretary and the board read and download the
versions."""

from datetime import date

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from tracker.annual_report import bp
from tracker.annual_report.archive import render_files
from tracker.annual_report.forms import ProduceForm, TextsForm
from tracker.annual_report.models import AnnualReportFile
from tracker.annual_report.outputs import ANNUAL_REPORT
from tracker.annual_report.services import read_report_file, save_texts, texts_of, versions_of
from tracker.annual_report.vocabulary import NARRATIVES
from tracker.auth.roles import OFFICE, READERS, Role, role_required
from tracker.documents import download
from tracker.documents.formats import labels
from tracker.errors import DomainError
from tracker.jobs.pages import followed_job, submit_work
from tracker.params import YEAR, format_in_url, query_arg, year_begun
from tracker.web import get_or_404, submit_form


def _year() -> int:
    last = date.today().year - 1
    year = query_arg("annee", YEAR, last, ignored=f"le rapport {last} est affiché.")
    return year if year <= date.today().year else last


@bp.route("/", methods=["GET", "POST"])
@role_required(*READERS)
def show():
    year = _year()
    director = current_user.role == Role.DIRECTOR
    stored, last_year = texts_of(year), texts_of(year - 1)
    form = TextsForm(data={key: stored.get(key) or last_year.get(key, "")
                           for key in NARRATIVES})
    if director:
        response = submit_form(
            form, lambda: save_texts(year, {key: getattr(form, key).data for key in NARRATIVES}),
            success="Textes enregistrés (brouillon) : ils entrent dans la prochaine version.",
            then=url_for("annual_report.show", annee=year))
        if response is not None:
            return response
    elif form.is_submitted():
        abort(403)
    offered = [NARRATIVES[key] for key in NARRATIVES if not stored.get(key) and last_year.get(key)]
    return render_template(
        "annual_report/show.html", year=year, form=form if director else None,
        stored=stored, offered=offered, versions=versions_of(year), director=director,
        texts_labels=NARRATIVES,
        office=current_user.role in OFFICE, produce_form=ProduceForm(),
        outcome=followed_job(), formats=labels(*ANNUAL_REPORT.formats),
        years=range(date.today().year, date.today().year - 6, -1))


@bp.post("/<year:year>/produire")
@role_required(Role.DIRECTOR)
def produce_view(year: int):
    if not ProduceForm().validate_on_submit():
        return redirect(url_for("annual_report.show", annee=year))
    try:
        year_begun(year)
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for("annual_report.show"))
    return submit_work("annual_report", {"annee": year})


@bp.get("/telecharger/<int:file_id>")
@role_required(*READERS)
def version_file(file_id: int):
    report_file = get_or_404(AnnualReportFile, file_id)
    try:
        content = read_report_file(report_file)
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for("annual_report.show", annee=report_file.report_version.year))
    return download(content, report_file.filename)


@bp.get(f"/<year:year>/telecharger/projet.{format_in_url(ANNUAL_REPORT.formats)}")
@role_required(*OFFICE)
def draft(year: int, extension: str):
    """The report as it would be produced now, archived nowhere (the office's preview)."""
    try:
        content = render_files(year, None, formats=(extension,))[extension]
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for("annual_report.show"))
    return download(content, f"rapport-annuel-{year}-projet.{extension}")
