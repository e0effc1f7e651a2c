"""The funder's own forms of a questionnaire: the list with their versions, the office's
upload (checked first, its problems listed with their place) and retirement, the blank
template, and the form filled with a year's figures."""

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from tracker.auth.roles import OFFICE, READERS, Role, role_required
from tracker.documents import download
from tracker.errors import DomainError, ValidationError
from tracker.formatting import quoted
from tracker.forms import choices
from tracker.params import InputNotFound, year_begun
from tracker.questionnaires import bp
from tracker.questionnaires.forms import ActionForm, TemplateUploadForm
from tracker.questionnaires.funder_forms.problems import TemplateRefused
from tracker.questionnaires.funder_forms.services import (
    fill_template,
    filled_filename,
    get_template,
    retire_template,
    template_content,
    templates_of,
    upload_template,
)
from tracker.questionnaires.models import FunderTemplateVersion
from tracker.questionnaires.registry import get_definition
from tracker.questionnaires.services import current_report
from tracker.questionnaires.small_groups import for_the_board
from tracker.questionnaires.views import default_year
from tracker.web import get_or_404, run_action, run_service


def _definition(definition_id: str):
    return get_definition(definition_id) or abort(404)


def _page(definition, form: TemplateUploadForm | None = None,
          problems: list | None = None, status: int = 200):
    templates = templates_of(definition)
    form = form or TemplateUploadForm()
    form.template.choices = choices([("", "Nouveau formulaire")] + [
        (template.id, f"Nouvelle version de {quoted(template.title)}")
        for template in templates if template.retired_at is None])
    return render_template("questionnaires/funder_forms.html", definition=definition,
                           templates=templates, form=form, problems=problems or [],
                           year=default_year(),
                           action_form=ActionForm()), status


@bp.get("/<definition_id>/formulaires")
@role_required(*READERS)
def funder_forms(definition_id: str):
    return _page(_definition(definition_id))


@bp.post("/<definition_id>/formulaires")
@role_required(*OFFICE)
def upload_funder_form(definition_id: str):
    definition = _definition(definition_id)
    form = TemplateUploadForm()
    if not form.validate_on_submit():
        flash("Formulaire non enregistré : voyez les champs signalés.", "error")
        return _page(definition, form, status=400)
    result, error = run_service(lambda: upload_template(
        definition, form.file.data, form.title.data or "",
        int(form.template.data) if (form.template.data or "").isdigit() else None))
    if isinstance(error, TemplateRefused):
        flash("Modèle refusé, rien n'a été enregistré : corrigez les repères ci-dessous dans "
              "le fichier et déposez-le à nouveau.", "error")
        return _page(definition, form, error.problems, status=400)
    if error is not None:
        field = getattr(form, error.field or "", None) \
            if isinstance(error, ValidationError) else None
        if field is not None:
            field.errors.append(error.message)
        else:
            flash(error.message, "error")
        return _page(definition, form, status=400)
    version, check = result
    flash(f"Formulaire {quoted(version.template.title)} enregistré (version {version.number})"
          ".", "success")
    if check.unused:
        flash(f"{len(check.unused)} rubrique(s) du questionnaire ne sont pas utilisées par ce "
              "modèle : voyez la colonne « Rubriques non utilisées ».", "warning")
    return redirect(url_for("questionnaires.funder_forms", definition_id=definition.id))


@bp.post("/<definition_id>/formulaires/<int:template_id>/retirer")
@role_required(*OFFICE)
def retire_funder_form(definition_id: str, template_id: int):
    definition = _definition(definition_id)
    page = url_for("questionnaires.funder_forms", definition_id=definition.id)
    if not ActionForm().validate_on_submit():
        return redirect(page)
    return run_action(lambda: retire_template(definition, template_id), then=page,
                      success=lambda template: f"Formulaire {quoted(template.title)} retiré : "
                                               "il n'est plus rempli ni archivé.")


@bp.get("/<definition_id>/formulaires/versions/<int:version_id>/telecharger")
@role_required(*OFFICE)
def funder_form_file(definition_id: str, version_id: int):
    version = get_or_404(FunderTemplateVersion, version_id)
    if version.template.definition_id != definition_id:
        abort(404)
    try:
        return download(template_content(version), version.filename)
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for("questionnaires.funder_forms", definition_id=definition_id))


@bp.get("/<definition_id>/<year:year>/telecharger/formulaire-<int:template_id>")
@role_required(*READERS)
def fill_funder_form(definition_id: str, year: int, template_id: int):
    """« Remplir le formulaire du financeur »: the current figures in the funder's file."""
    definition = _definition(definition_id)
    try:
        year_begun(year)
    except DomainError as error:
        raise InputNotFound(error.message) from error
    page = url_for("questionnaires.show", definition_id=definition.id, year=year)
    try:
        template = get_template(definition, template_id)
        if template.latest is None:
            abort(404)
        report = current_report(definition, year)
        if current_user.role == Role.BOARD:
            for_the_board(report)
        content = fill_template(definition, report, template.latest)
    except DomainError as error:
        flash(error.message, "error")
        return redirect(page)
    return download(content, filled_filename(report, template.latest))
