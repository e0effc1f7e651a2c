"""Questionnaire pages: the list, one year's preview with its answers, corrections,
finalisation and downloads; the director's upload of a definition."""

from datetime import date

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from tracker.auth.roles import OFFICE, READERS, Role, role_required
from tracker.db import utcnow
from tracker.documents import download
from tracker.errors import DomainError
from tracker.formatting import quoted, to_local
from tracker.jobs.pages import followed_job, submit_work
from tracker.params import YEAR, InputNotFound, format_in_url, query_arg, year_begun
from tracker.questionnaires import bp
from tracker.questionnaires.archives import read_archived_file, reopen
from tracker.questionnaires.definition import DefinitionError
from tracker.questionnaires.export import export_report
from tracker.questionnaires.forms import ActionForm, CorrectionForm, DefinitionUploadForm
from tracker.questionnaires.funder_forms.services import templates_in_use
from tracker.questionnaires.models import ArchivedFile, response_status_label
from tracker.questionnaires.outputs import ARCHIVED_FORMATS, DOWNLOADS
from tracker.questionnaires.outputs.view_model import correctable_items, report_view
from tracker.questionnaires.registry import all_definitions, get_definition, upload_definition
from tracker.questionnaires.services import (
    correct_figure,
    current_report,
    get_response,
    remove_correction,
    responses_of_year,
    save_answers,
    save_indicators,
    suggested_answers,
)
from tracker.questionnaires.small_groups import archived_counts_persons, for_the_board
from tracker.web import get_or_404, run_action, run_service, submit_form, submit_inline

YEARS_SHOWN = 12  # in the year picker


def default_year() -> int:
    """The last complete year: the one the spring's reports are about."""
    return date.today().year - 1


def _definition_or_404(definition_id: str, year: int):
    try:
        year_begun(year)
    except DomainError as error:
        raise InputNotFound(error.message) from error
    return get_definition(definition_id) or abort(404)


@bp.get("/")
@role_required(*READERS)
def index():
    year = query_arg("annee", YEAR, default_year())
    try:
        year_begun(year)
    except DomainError as error:
        flash(f"{error.message} L'année {default_year()} est affichée.", "warning")
        year = default_year()
    statuses = {response.definition_id: response for response in responses_of_year(year)}
    return render_template("questionnaires/index.html", definitions=all_definitions(),
                           response_status_label=response_status_label,
                           year=year, statuses=statuses, upload_form=DefinitionUploadForm(),
                           years=range(date.today().year, date.today().year - YEARS_SHOWN, -1))


@bp.post("/definitions")
@role_required(Role.DIRECTOR)
def upload():
    form = DefinitionUploadForm()
    return submit_inline(
        form, lambda: upload_definition(form.file.data.read(), form.file.data.filename or ""),
        success=lambda definition: f"Définition {quoted(definition.title)} enregistrée.",
        refused="Définition refusée, rien n'a été enregistré",
        then=url_for("questionnaires.index"))


def _show(definition, year: int, typed: dict[str, str] | None = None,
          correction_form: CorrectionForm | None = None, status: int = 200,
          inputs: dict[str, tuple[str, str]] | None = None):
    try:
        # this year's and last year's, read once for the whole page
        response, last_year = get_response(definition, year), get_response(definition, year - 1)
        report = current_report(definition, year, response, last_year)
    except DefinitionError as error:
        flash(error.message, "error")
        return redirect(url_for("questionnaires.index"))
    if current_user.role == Role.BOARD:
        for_the_board(report)
    suggestions = suggested_answers(definition, year, response, last_year)
    texts = {result.id: result.value for section in report.sections
             for result in section.items if result.type == "text"} | (typed or {})
    correction_form = correction_form or CorrectionForm()
    target_labels = {(item_id, key): f"{label} – {row}" if key else label
                     for item_id, label, rows in correctable_items(report) for key, row in rows}
    correction_form.target.choices = [(f"{item_id}::{key}", label)
                                      for (item_id, key), label in target_labels.items()]
    return render_template(
        "questionnaires/show.html", definition=definition, year=year, report=report,
        outcome=followed_job(),
        view=report_view(report), response=response, texts=texts, suggestions=suggestions,
        editable=(response is None or response.status != "final"), inputs=inputs or {},
        action_form=ActionForm(), correction_form=correction_form, formats=DOWNLOADS,
        target_labels=target_labels, funder_forms=templates_in_use(definition),
        response_status_label=response_status_label,
    ), status


@bp.get("/<definition_id>/<year:year>")
@role_required(*READERS)
def show(definition_id: str, year: int):
    return _show(_definition_or_404(definition_id, year), year)


def _typed() -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """The narratives and typed figures the page sent (each textarea and input by name)."""
    texts = {key.removeprefix("text-"): value for key, value in request.form.items()
             if key.startswith("text-")}
    inputs = {key.removeprefix("input-"): (value, request.form.get(
        "source-" + key.removeprefix("input-"), "")) for key, value in request.form.items()
        if key.startswith("input-")}
    return texts, inputs


@bp.post("/<definition_id>/<year:year>/recits")
@role_required(*OFFICE)
def save_narratives(definition_id: str, year: int):
    definition = _definition_or_404(definition_id, year)
    form = ActionForm()
    texts, inputs = _typed()
    if not form.validate_on_submit():
        flash("La page a expiré : vos textes sont ci-dessous, enregistrez à nouveau.", "error")
        return _show(definition, year, typed=texts, inputs=inputs, status=400)
    changed, error = run_service(lambda: save_answers(definition, year, texts)
                                 + save_indicators(definition, year, inputs))
    if error is not None:  # ValidationError included
        flash(f"Brouillon non enregistré : {error.message}", "error")
        return _show(definition, year, typed=texts, inputs=inputs, status=400)
    flash(f"Brouillon enregistré ({changed} rubrique(s) modifiée(s)).", "success")
    return redirect(url_for("questionnaires.show", definition_id=definition.id, year=year))


@bp.post("/<definition_id>/<year:year>/recits/auto")
@role_required(*OFFICE)
def autosave_narratives(definition_id: str, year: int):
    """The page saves what is typed as a draft every few seconds (app.js): JSON, the time it
    was saved or the French reason it was not; the text stays in the page either way."""
    definition = _definition_or_404(definition_id, year)
    if not ActionForm().validate_on_submit():
        return {"error": "La page a expiré : enregistrez avec le bouton (vos textes restent "
                         "affichés)."}, 400
    texts, inputs = _typed()
    changed, error = run_service(lambda: save_answers(definition, year, texts)
                                 + save_indicators(definition, year, inputs))
    if error is not None:
        return {"error": f"Brouillon non enregistré : {error.message}"}, 422
    return {"saved_at": f"{to_local(utcnow()):%H:%M}", "changed": changed}


@bp.post("/<definition_id>/<year:year>/corrections")
@role_required(*OFFICE)
def add_correction(definition_id: str, year: int):
    definition = _definition_or_404(definition_id, year)
    form = CorrectionForm()
    item_id, _, row_key = (form.target.data or "").partition("::")
    done = submit_form(
        form, lambda: correct_figure(definition, year, item_id, row_key, form.value.data,
                                     form.reason.data),
        success="Correction enregistrée (la valeur calculée reste visible).",
        then=url_for("questionnaires.show", definition_id=definition.id, year=year)
        + "#corrections")
    if done:
        return done
    flash("Correction non enregistrée : voyez les champs signalés.", "error")
    return _show(definition, year, correction_form=form, status=400)


def _button_action(definition_id: str, year: int, action, success) -> Response:
    """A button's POST: run the service, commit or roll back, say so, back to the page."""
    definition = _definition_or_404(definition_id, year)
    page = url_for("questionnaires.show", definition_id=definition.id, year=year)
    if not ActionForm().validate_on_submit():
        return redirect(page)
    return run_action(lambda: action(definition, year), success=success, then=page)


@bp.post("/<definition_id>/<year:year>/corrections/<int:correction_id>/supprimer")
@role_required(*OFFICE)
def delete_correction(definition_id: str, year: int, correction_id: int):
    return _button_action(
        definition_id, year,
        lambda definition, year: remove_correction(definition, year, correction_id),
        lambda _: "Correction retirée : la valeur calculée s'applique.")


@bp.post("/<definition_id>/<year:year>/finaliser")
@role_required(*OFFICE)
def finalise_view(definition_id: str, year: int):
    """Rendering four files can take seconds on a large log: the scheduler does it, and the
    page follows it."""
    definition = _definition_or_404(definition_id, year)
    if not ActionForm().validate_on_submit():
        return redirect(url_for("questionnaires.show", definition_id=definition.id, year=year))
    return submit_work("finalise_questionnaire", {"definition_id": definition.id,
                                                  "year": year})


@bp.post("/<definition_id>/<year:year>/rouvrir")
@role_required(*OFFICE)
def reopen_view(definition_id: str, year: int):
    return _button_action(definition_id, year, reopen, lambda _: (
        "Questionnaire rouvert : la version archivée reste inchangée ; une nouvelle "
        "finalisation créera la version suivante."))


@bp.get(f"/<definition_id>/<year:year>/telecharger/{format_in_url(ARCHIVED_FORMATS)}")
@role_required(*READERS)
def export(definition_id: str, year: int, extension: str):
    definition = _definition_or_404(definition_id, year)
    try:
        content = export_report(definition, year, extension,
                                board=current_user.role == Role.BOARD)
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for("questionnaires.index"))
    return download(content, f"{definition.id}-{year}.{extension}")


@bp.get("/archives/<int:file_id>")
@role_required(*READERS)
def archived(file_id: int):
    archived_file = get_or_404(ArchivedFile, file_id)
    if archived_file.format not in ARCHIVED_FORMATS:
        abort(404)
    if current_user.role == Role.BOARD and not archived_file.for_board \
            and archived_counts_persons(archived_file):
        flash("Cette version archivée détaille des groupes de moins de trois personnes : "
              "le conseil d'administration en lit la version « CA » (ou la version courante), "
              "où ils sont masqués.", "warning")
        return redirect(url_for("questionnaires.index"))
    try:
        content = read_archived_file(archived_file)
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for("questionnaires.index"))
    return download(content, archived_file.filename)
