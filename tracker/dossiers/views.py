"""The dossier pages: typing a code, a dossier's page (the office, and the staff who
consulted it; never the board), recording its values, closing an episode, the dossier
import."""

from dataclasses import asdict
from datetime import date

from flask import abort, redirect, render_template, request, url_for
from flask_login import current_user

from tracker.activities.models import PRESENCES
from tracker.activities.services import ACTIVITY_SAVED
from tracker.auth.roles import OFFICE, WRITERS, role_required
from tracker.documents import download
from tracker.dossiers import bp
from tracker.dossiers.events import destinations, functions
from tracker.dossiers.forms import (
    DossierCodeForm,
    DossierEventForm,
    DossierImportForm,
    DossierValuesForm,
    EpisodeEndForm,
)
from tracker.dossiers.importer import template_rows, undo_import
from tracker.dossiers.models import EVENT_KINDS
from tracker.dossiers.register import REGISTER, register_table
from tracker.dossiers.services import (
    NOT_YOURS,
    change_values,
    close_episode,
    dossier_page,
    hash_of,
    import_to_undo,
    known,
    list_imports,
    lookup_for_entry,
    may_open,
    record_event,
    record_from_activity,
)
from tracker.errors import ValidationError
from tracker.forms import choices
from tracker.jobs.pages import add_import_template_route, followed_job, submit_import
from tracker.params import format_in_url, year_begun
from tracker.tabular import ERRORS_SHOWN
from tracker.web import run_action, submit_form, submit_inline

HASH = "<dossier_hash>"


def _page_or_abort(dossier_hash: str) -> None:
    if len(dossier_hash) != 64 or any(char not in "0123456789abcdef" for char in dossier_hash):
        abort(404)
    if not may_open(dossier_hash, current_user):
        abort(404, NOT_YOURS)


@bp.route("/", methods=["GET", "POST"])
@role_required(*WRITERS)
def index():
    form = DossierCodeForm()
    if form.validate_on_submit():
        try:
            dossier_hash = hash_of(form.code.data)
        except ValidationError as error:
            form.code.errors = [error.message]
        else:
            if may_open(dossier_hash, current_user) and (
                    known(dossier_hash) or current_user.role in OFFICE):
                return redirect(url_for("dossiers.show", dossier_hash=dossier_hash))
            form.code.errors = [NOT_YOURS if current_user.role not in OFFICE
                                else "Aucun dossier ne porte ce code."]
    return render_template("dossiers/index.html", form=form,
                           imports=list_imports() if current_user.role in OFFICE else [],
                           register_year=date.today().year - 1)


@bp.post("/attributs")
@role_required(*WRITERS)
def attributes():
    """The entry form's lookup of a typed code (JSON)."""
    form = DossierCodeForm()
    if not form.validate_on_submit():
        return {"status": "none", "message": "", "values": {}}
    return asdict(lookup_for_entry(form.code.data, current_user, date.today()))


@bp.record_once
def _record_what_entries_say(state) -> None:
    state.app.extensions.setdefault(ACTIVITY_SAVED, []).append(record_from_activity)


@bp.get(f"/{HASH}")
@role_required(*WRITERS)
def show(dossier_hash: str):
    _page_or_abort(dossier_hash)
    return _render(dossier_hash, DossierValuesForm(), EpisodeEndForm())


def _event_form() -> DossierEventForm:
    form = DossierEventForm()
    form.destination_id.choices = choices([("", "—")] + [(value.id, value.label)
                                                          for value in destinations()])
    form.function_code.choices = choices([("", "—")] + [(function.code, function.label)
                                                         for function in functions()])
    return form


def _render(dossier_hash: str, values_form, end_form, chosen: dict | None = None):
    page = dossier_page(dossier_hash, date.today())
    return render_template("dossiers/show.html", page=page, values_form=values_form,
                           end_form=end_form, event_form=_event_form(), presences=PRESENCES,
                           event_kinds=EVENT_KINDS,
                           chosen=chosen or {line.code: [value.id for value in line.current]
                                             for line in page.attributes})


@bp.post(f"/{HASH}/valeurs")
@role_required(*WRITERS)
def record(dossier_hash: str):
    _page_or_abort(dossier_hash)
    form = DossierValuesForm()
    chosen = {}
    for key in request.form:
        if key.startswith("dimension-"):
            ids = [int(text) for text in request.form.getlist(key) if text.isdigit()]
            chosen[key.removeprefix("dimension-")] = ids
    done = submit_form(
        form, lambda: change_values(dossier_hash, form.valid_from.data, chosen, date.today()),
        success=lambda count: f"Dossier mis à jour : {count} donnée(s) enregistrée(s), datée(s) "
                              f"du {form.valid_from.data:%d/%m/%Y}.",
        then=url_for("dossiers.show", dossier_hash=dossier_hash))
    return done or _render(dossier_hash, form, EpisodeEndForm(), chosen)


@bp.post(f"/{HASH}/cloture")
@role_required(*WRITERS)
def close(dossier_hash: str):
    _page_or_abort(dossier_hash)
    form = EpisodeEndForm()
    return submit_inline(
        form, lambda: close_episode(dossier_hash, form.closed_on.data, form.reason.data,
                                    date.today()),
        success=lambda end: f"Prise en charge clôturée le {end.closed_on:%d/%m/%Y}.",
        refused="Clôture refusée",
        then=url_for("dossiers.show", dossier_hash=dossier_hash))


@bp.post(f"/{HASH}/evenements")
@role_required(*WRITERS)
def add_event(dossier_hash: str):
    _page_or_abort(dossier_hash)
    form = _event_form()
    return submit_inline(
        form, lambda: record_event(dossier_hash, form.day.data, form.kind.data,
                                   form.destination_id.data, form.function_code.data,
                                   date.today()),
        success=lambda event: f"{EVENT_KINDS[event.kind]} du {event.day:%d/%m/%Y} "
                              f"enregistrée.",
        refused="Événement refusé",
        then=url_for("dossiers.show", dossier_hash=dossier_hash))


@bp.route("/import", methods=["GET", "POST"])
@role_required(*OFFICE)
def import_page():
    form = DossierImportForm()
    sent = submit_import(form, "import_dossiers", {"dry_run": form.dry_run.data})
    outcome = followed_job()
    return sent or render_template(
        "dossiers/import.html", form=form, outcome=outcome, report=outcome.report,
        errors=outcome.errors[:ERRORS_SHOWN], error_count=len(outcome.errors),
        refusal=outcome.refusal, imports=list_imports(), columns=template_rows()[0])


add_import_template_route(bp, template_rows, "modele-dossiers")


@bp.post("/import/<int:batch_id>/annuler")
@role_required(*OFFICE)
def undo(batch_id: int):
    return run_action(
        lambda: undo_import(import_to_undo(batch_id)),
        success=lambda count: f"Import de dossiers n° {batch_id} annulé : {count} donnée(s) "
                              f"retirée(s).",
        then=url_for("dossiers.import_page"))


@bp.get(f"/registre/<year:year>.{format_in_url(REGISTER.formats)}")
@role_required(*OFFICE)
def register(year: int, extension: str):
    year_begun(year)
    table = register_table(year, date.today())
    return download(REGISTER.render(table, extension), f"prises-en-charge-{year}.{extension}")
