"""Activity pages: entry in seconds, lists, vocabularies, imports."""

from flask import abort, render_template, request, url_for
from flask_login import current_user

from tracker.activities import bp
from tracker.activities.entry import (
    ABOUT_A_PERSON,
    DIRECTED,
    INSTITUTIONAL,
    WITH_DOSSIER,
    WITH_PARTICIPANTS,
    split_dimensions,
)
from tracker.activities.forms import ActivityForm, ActivityImportForm, ValueEditForm, ValueForm
from tracker.activities.importer import (
    list_batches,
    template_rows,
    undo_batch,
)
from tracker.activities.listing import ActivityFilters, list_activities
from tracker.activities.models import HELD, Activity, DimensionValue, ImportBatch, Service
from tracker.activities.services import (
    ActivityInput,
    default_performer_id,
    delete_activity,
    dossier_enabled,
    save_activity,
)
from tracker.activities.vocabulary import (
    Vocabulary,
    add_service,
    add_value,
    delete_value,
    list_services,
    toggle_service,
    update_value,
    usage_counts,
)
from tracker.auth.roles import OFFICE, READERS, WRITERS, Role, role_required
from tracker.formatting import quoted
from tracker.forms import choices
from tracker.jobs.pages import add_import_template_route, followed_job, submit_import
from tracker.params import DAY, LIST_POSITION, bounded_int, query_arg
from tracker.partnerships.services import list_partners
from tracker.staffing.services import list_people, person_of_user
from tracker.tabular import ERRORS_SHOWN
from tracker.web import get_or_404, run_action, submit_form, submit_inline

NOBODY = "aucun"  # the « Intervenant(e) » filter value for activities credited to nobody


def _changeable(activity_id: int) -> Activity:
    """The activity, if this user may change it: the office any, staff their own."""
    activity = get_or_404(Activity, activity_id)
    if current_user.role not in OFFICE and activity.created_by_id != current_user.id:
        abort(403)
    return activity


def _set_choices(form: ActivityForm, activity: Activity | None = None) -> None:
    # A member of staff whose account is linked records as themselves only (the office may
    # credit anyone; an unlinked account chooses, and is told to ask for the link).
    own = person_of_user(current_user.id) if current_user.role == Role.STAFF else None
    form.person_id.choices = choices(
        [(own.id, own.full_name)] if own else
        [("", "—")] + [(p.id, p.full_name) for p in list_people()])
    form.service.choices = choices([("", "—")] + [
        (service.code, service.label) for service in list_services()
        if service.active or (activity is not None and service.code == activity.service)])
    form.partner_id.choices = choices(
        [("", "—")] + [(p.id, p.name) for p in list_partners()])


def _input_from(form: ActivityForm, type_code: str, vocabulary: Vocabulary) -> ActivityInput:
    return ActivityInput(
        date=form.date.data, type_code=type_code, duree_min=form.duree_min.data,
        start_time=form.start_time.data,
        person_id=form.person_id.data, service=form.service.data or "",
        partner_id=form.partner_id.data, participants=form.participants.data,
        dossier=(form.dossier.data or "") if dossier_enabled() else "",
        values={code: request.form.getlist(code) for code in vocabulary.activity_dimensions()
                if request.form.getlist(code)},
        received=None if not form.direction.data else form.direction.data == "recu",
        presence=(form.presence.data or HELD) if type_code in WITH_DOSSIER else HELD,
        purpose=form.purpose.data or "", place=form.place.data or "",
    )


def _direction_code(received: bool) -> str:
    return "recu" if received else "donne"


def _render_form(form, vocabulary, type_code, activity=None, selected=None):
    all_codes = vocabulary.activity_dimensions()
    main, others = split_dimensions(type_code, all_codes)
    if selected is None:
        selected = {code: request.form.getlist(code) for code in all_codes}
    return render_template(
        "activities/form.html", form=form, vocabulary=vocabulary, type_code=type_code,
        main_dimensions=main, other_dimensions=others, selected=selected, activity=activity,
        with_participants=type_code in WITH_PARTICIPANTS, dossier_enabled=dossier_enabled(),
        directed=type_code in DIRECTED, institutional=type_code in INSTITUTIONAL,
        with_dossier=type_code in WITH_DOSSIER and dossier_enabled(),
        with_partner=type_code not in ABOUT_A_PERSON,
        dossier_dimensions=[code for code in all_codes
                            if vocabulary.dimensions[code].scope == "dossier"],
        unlinked_account=activity is None and person_of_user(current_user.id) is None)


@bp.route("/nouvelle", methods=["GET", "POST"])
@role_required(*WRITERS)
def new():
    vocabulary = Vocabulary.load()
    type_code = request.values.get("type", "appel")
    if vocabulary.find("type", type_code) is None:
        type_code = "appel"
    form = ActivityForm()
    _set_choices(form)
    if request.method == "GET":
        form.person_id.data = default_performer_id(current_user.id)
        form.direction.data = _direction_code(DIRECTED.get(type_code, False))
    done = submit_form(
        form, lambda: save_activity(None, _input_from(form, type_code, vocabulary),
                                    current_user.id),
        success=lambda saved: f"C'est enregistré : {vocabulary.label('type', type_code)} du "
                              f"{saved.date:%d/%m/%Y}.",
        then=url_for("activities.mine") if request.form.get("then") == "list"
        else url_for("activities.new", type=type_code))
    return done or _render_form(form, vocabulary, type_code)


@bp.route("/<int:activity_id>/modifier", methods=["GET", "POST"])
@role_required(*WRITERS)
def edit(activity_id: int):
    activity = _changeable(activity_id)
    vocabulary = Vocabulary.load()
    type_code = vocabulary.by_id[activity.type_id].code
    form = ActivityForm(obj=activity)
    _set_choices(form, activity)
    if request.method == "GET":
        form.direction.data = _direction_code(activity.received)
    done = submit_form(
        form, lambda: save_activity(activity, _input_from(form, type_code, vocabulary)),
        success="Activité modifiée.",
        then=url_for("activities.mine" if current_user.role == Role.STAFF
                     else "activities.index"))
    if done:
        return done
    selected = None
    if request.method == "GET":
        selected = {}
        for link in activity.values:
            code = vocabulary.by_id[link.value_id].code
            selected.setdefault(link.dimension_code, []).append(code)
    return _render_form(form, vocabulary, type_code, activity, selected)


@bp.post("/<int:activity_id>/supprimer")
@role_required(*WRITERS)
def delete(activity_id: int):
    activity = _changeable(activity_id)
    back = request.referrer if request.referrer and request.referrer.startswith(
        request.host_url) else url_for("activities.mine")
    return run_action(lambda: delete_activity(activity), success="Activité supprimée.",
                      then=back)


def _filters_from_args(vocabulary: Vocabulary) -> ActivityFilters:
    return ActivityFilters(
        start=query_arg("du", DAY, ignored="filtre « du » ignoré."),
        end=query_arg("au", DAY, ignored="filtre « au » ignoré."),
        type_code=request.args.get("type") or None,
        person_id=request.args.get("intervenant", type=bounded_int),
        without_person=request.args.get("intervenant") == NOBODY,
        value_ids=[value_id for value_id in request.args.getlist("valeur", type=bounded_int)
                   if value_id in vocabulary.by_id],
    )


def _render_list(template_title: str, filters: ActivityFilters, vocabulary: Vocabulary,
                 endpoint: str):
    page = list_activities(
        filters, vocabulary, number=request.args.get("page", 1, type=bounded_int),
        after=query_arg("apres", LIST_POSITION, ignored="retour à la première page."),
        before=query_arg("avant", LIST_POSITION, ignored="retour à la première page."))
    return render_template("activities/list.html", page=page, vocabulary=vocabulary,
                           filters=filters, people=list_people(), title=template_title,
                           endpoint=endpoint, nobody=NOBODY)


@bp.get("/")
@role_required(*READERS)
def index():
    vocabulary = Vocabulary.load()
    return _render_list("Activités", _filters_from_args(vocabulary), vocabulary,
                        "activities.index")


@bp.get("/miennes")
@role_required(*WRITERS)
def mine():
    vocabulary = Vocabulary.load()
    filters = _filters_from_args(vocabulary)
    filters.created_by_id = current_user.id
    return _render_list("Mes activités", filters, vocabulary, "activities.mine")


@bp.get("/vocabulaires")
@role_required(*OFFICE)
def vocabularies():
    return render_template("activities/vocabularies.html", vocabulary=Vocabulary.load(),
                           usage=usage_counts(), form=ValueForm(), services=list_services())


@bp.post("/vocabulaires/services")
@role_required(*OFFICE)
def service_add():
    form = ValueForm()
    return submit_inline(
        form, lambda: add_service(form.code.data, form.label.data),
        success=lambda service: f"Service {quoted(service.label)} ajouté.",
        refused="Service non ajouté", then=url_for("activities.vocabularies") + "#services")


@bp.post("/vocabulaires/services/<code>/basculer")
@role_required(*OFFICE)
def service_toggle(code: str):
    service = get_or_404(Service, code)
    return run_action(
        lambda: toggle_service(service),
        success=lambda done: f"Service {quoted(done.label)} " + (
            "proposé à l'encodage." if done.active else "retiré de l'encodage."),
        then=url_for("activities.vocabularies") + "#services")


@bp.post("/vocabulaires/<dimension_code>")
@role_required(*OFFICE)
def value_add(dimension_code: str):
    form = ValueForm()
    return submit_inline(
        form, lambda: add_value(dimension_code, form.code.data, form.label.data),
        success=lambda value: f"Valeur {quoted(value.label)} ajoutée.",
        refused="Valeur non ajoutée",
        then=url_for("activities.vocabularies") + f"#dim-{dimension_code}")


@bp.route("/vocabulaires/valeur/<int:value_id>", methods=["GET", "POST"])
@role_required(*OFFICE)
def value_edit(value_id: int):
    value = get_or_404(DimensionValue, value_id)
    form = ValueEditForm(obj=value)
    done = submit_form(
        form, lambda: update_value(value, label=form.label.data, active=form.active.data),
        success="Valeur mise à jour.",
        then=url_for("activities.vocabularies") + f"#dim-{value.dimension_code}")
    return done or render_template("activities/value_form.html", form=form, value=value)


@bp.post("/vocabulaires/valeur/<int:value_id>/supprimer")
@role_required(*OFFICE)
def value_delete(value_id: int):
    value = get_or_404(DimensionValue, value_id)
    return run_action(lambda: delete_value(value), success="Valeur supprimée.",
                      then=url_for("activities.vocabularies") + f"#dim-{value.dimension_code}")


@bp.route("/import", methods=["GET", "POST"])
@role_required(*OFFICE)
def import_page():
    form = ActivityImportForm()
    sent = submit_import(form, "import_activities", {
        "dry_run": form.dry_run.data, "force": form.force.data,
        "create_partners": form.create_partners.data})
    outcome = followed_job()
    return sent or render_template(
        "activities/import.html", form=form, outcome=outcome, report=outcome.report,
        errors=outcome.errors[:ERRORS_SHOWN], error_count=len(outcome.errors),
        refusal=outcome.refusal, batches=list_batches(), dimensions=Vocabulary.load().dimensions)


add_import_template_route(bp, lambda: template_rows(Vocabulary.load()), "modele-activites")


@bp.post("/imports/<int:batch_id>/annuler")
@role_required(*OFFICE)
def batch_undo(batch_id: int):
    batch = get_or_404(ImportBatch, batch_id)
    return run_action(
        lambda: undo_batch(batch),
        success=lambda count: f"Import n° {batch_id} annulé : {count} activité(s) retirées.",
        then=url_for("activities.import_page"))
