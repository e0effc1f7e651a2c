"""Staff pages: the board's views (read-only, exportable) and the office's data entry."""

from datetime import date

from flask import current_app, render_template, request, url_for
from flask_login import current_user

from tracker.association.services import list_sites
from tracker.auth.roles import OFFICE, READERS, Role, role_required
from tracker.auth.services import list_users
from tracker.catalogue.services import function_labels, list_functions
from tracker.documents import download
from tracker.forms import choices
from tracker.funders.services import list_funders, list_instruments
from tracker.jobs.pages import add_import_template_route, followed_job, submit_import
from tracker.params import (
    DAY,
    YEAR,
    bounded_int,
    file_format,
    query_arg,
    query_period,
)
from tracker.partnerships.services import list_partners
from tracker.periods import Period
from tracker.staffing import bp
from tracker.staffing.board import (
    add_monthly_costs,
    cadre_vs_actual,
    funding_loss,
    year_timeline,
)
from tracker.staffing.exports import (
    STAFFING_TABLES,
    TablesDocument,
    cadre_tables,
    loss_table,
    matrix_tables,
    timeline_table,
)
from tracker.staffing.forms import AbsenceForm, AllocationForm, PersonForm, StaffImportForm
from tracker.staffing.fte import staffing_matrix
from tracker.staffing.importer import template_rows
from tracker.staffing.models import Absence, Allocation, Person
from tracker.staffing.services import (
    delete_absence,
    delete_allocation,
    link_account,
    list_people,
    save_absence,
    save_allocation,
    save_person,
)
from tracker.staffing.vocabulary import ABSENCE_KINDS
from tracker.tabular import ERRORS_SHOWN
from tracker.web import get_or_404, run_action, submit_form

EXPORT_FORMAT = file_format(*STAFFING_TABLES.formats)


def _export(build_tables, title: str, slug: str, subtitle: str = ""):
    """?format=xlsx or ?format=pdf turns the page into a file (its tables built only then);
    None renders the page."""
    wanted = query_arg("format", EXPORT_FORMAT, ignored="la page est affichée.")
    if wanted is None:
        return None
    document = TablesDocument(title, build_tables(), subtitle)
    return download(STAFFING_TABLES.render(document, wanted), f"{slug}.{wanted}")


@bp.get("/")
@role_required(*READERS)
def people():
    today = date.today()
    return render_template("staffing/people.html", people=list_people(), today=today,
                           function_labels=function_labels())


@bp.get("/effectifs")
@role_required(*READERS)
def matrix():
    period = query_period()
    result = staffing_matrix(period)
    return _export(lambda: matrix_tables(result), "Effectifs par financeur",
                   f"effectifs-{period.start}") or \
        render_template("staffing/matrix.html", matrix=result, period=period,
                        tables=matrix_tables(result, person_url=lambda person_id: url_for(
                            "staffing.person", person_id=person_id)))


@bp.get("/cadre")
@role_required(*READERS)
def cadre():
    period = query_period()
    comparisons = cadre_vs_actual(period)
    return _export(lambda: cadre_tables(comparisons, period.label()), "Cadre et effectif réel",
                   f"cadre-{period.start}") or \
        render_template("staffing/cadre.html", comparisons=comparisons, period=period,
                        function_labels=function_labels())


@bp.get("/chronologie")
@role_required(*READERS)
def timeline():
    year = query_arg("annee", YEAR, date.today().year)
    timelines = year_timeline(year, reasons=current_user.role in OFFICE)
    return _export(lambda: [timeline_table(timelines, year)], f"Chronologie {year}",
                   f"chronologie-{year}") or \
        render_template("staffing/timeline.html", timelines=timelines, year=year)


@bp.get("/scenario")
@role_required(*READERS)
def scenario():
    stop_date = query_arg("date", DAY, date.today(), ignored="la date du jour est utilisée.")
    funder_code = request.args.get("financeur") or None
    instrument_id = request.args.get("instrument", type=bounded_int)
    loss = funding_loss(stop_date, funder_code, instrument_id) \
        if (funder_code or instrument_id) else None
    office = current_user.role in OFFICE
    if loss is not None:
        costing = current_app.extensions.get("loss_costing")  # the finance module's
        if costing is not None:
            add_monthly_costs(loss, costing([post.allocation_id for post in loss.posts],
                                            stop_date))
        exported = _export(lambda: [loss_table(loss, costs_per_person=office)],
                           "Scénario : arrêt d'un financement", f"scenario-{stop_date}")
        if exported:
            return exported
    return render_template("staffing/scenario.html", loss=loss, stop_date=stop_date,
                           office=office,
                           funders=list_funders(), instruments=list_instruments(),
                           funder_code=funder_code, instrument_id=instrument_id,
                           function_labels=function_labels())


@bp.get("/dossier-ca")
@role_required(*READERS)
def board_pack():
    """The « dossier CA » (PDF, or ?format=xlsx): at a date, the year's average, the cadre,
    the year's timeline, the year's money (grants against charged, costs per function) and
    the board with its mandates ending soon, when the finance and governance modules offer
    them."""
    day = query_arg("date", DAY, date.today(), ignored="la date du jour est utilisée.")
    wanted = query_arg("format", EXPORT_FORMAT, "pdf", ignored="le PDF est produit.")
    year, office = Period.year(day.year), current_user.role in OFFICE
    money = current_app.extensions.get("board_pack_money")  # the finance module's
    governance = current_app.extensions.get("board_pack_governance")  # the governance's
    tables = [
        *matrix_tables(staffing_matrix(Period.day(day))),
        *matrix_tables(staffing_matrix(year)),
        *cadre_tables(cadre_vs_actual(Period.day(day)), Period.day(day).label()),
        timeline_table(year_timeline(day.year, reasons=office), day.year),
        *(money(day.year, office) if money is not None else []),
        *(governance(day) if governance is not None else []),
    ]
    document = TablesDocument("Dossier du conseil d'administration : personnel et "
                              "financements", tables)
    return download(STAFFING_TABLES.render(document, wanted), f"dossier-ca-{day}.{wanted}")


@bp.get("/<int:person_id>")
@role_required(*READERS)
def person(person_id: int):
    person = get_or_404(Person, person_id)
    return render_template("staffing/person.html", person=person,
                           function_labels=function_labels(), absence_kinds=ABSENCE_KINDS)


@bp.route("/nouveau", methods=["GET", "POST"])
@bp.route("/<int:person_id>/modifier", methods=["GET", "POST"])
@role_required(*OFFICE)
def person_form(person_id: int | None = None):
    person = get_or_404(Person, person_id) if person_id else None
    form = PersonForm(obj=person)
    if current_user.role == Role.DIRECTOR:
        form.user_id.choices = choices(
            [("", "— aucun —")] + [(u.id, f"{u.full_name} ({u.email})") for u in list_users()])
    else:
        del form.user_id

    def save():
        saved = save_person(person, full_name=form.full_name.data, training=form.training.data)
        if "user_id" in form:
            link_account(saved, form.user_id.data)
        return saved

    done = submit_form(form, save, success=lambda saved: f"{saved.full_name} enregistré(e).",
                       then=lambda saved: url_for("staffing.person", person_id=saved.id))
    return done or render_template("staffing/person_form.html", form=form, person=person)


def _allocation_choices(form: AllocationForm) -> None:
    form.function_code.choices = choices((f.code, f.label) for f in list_functions())
    form.funder_id.choices = choices((f.id, f.label) for f in list_funders())
    form.instrument_id.choices = choices(
        [("", "—")] + [(i.id, str(i)) for i in list_instruments()])
    form.detached_to_id.choices = choices(
        [("", "—")] + [(p.id, p.name) for p in list_partners()])
    form.site_id.choices = choices(
        [("", "— le siège —")] + [(site.id, site.name) for site in list_sites()])


@bp.route("/<int:person_id>/affectations/nouvelle", methods=["GET", "POST"])
@bp.route("/affectations/<int:allocation_id>/modifier", methods=["GET", "POST"])
@role_required(*OFFICE)
def allocation_form(person_id: int | None = None, allocation_id: int | None = None):
    allocation = get_or_404(Allocation, allocation_id) if allocation_id else None
    person = allocation.person if allocation else get_or_404(Person, person_id)
    form = AllocationForm(obj=allocation)
    _allocation_choices(form)
    done = submit_form(
        form, lambda: save_allocation(
            allocation, person=person, function_code=form.function_code.data,
            fte=form.fte.data, funder_id=form.funder_id.data,
            instrument_id=form.instrument_id.data, start_date=form.start_date.data,
            end_date=form.end_date.data, end_reason=form.end_reason.data,
            detached_to_id=form.detached_to_id.data,
            detachment_agreed_on=form.detachment_agreed_on.data,
            detachment_reference=form.detachment_reference.data,
            site_id=form.site_id.data),
        success="Affectation enregistrée.",
        then=url_for("staffing.person", person_id=person.id))
    return done or render_template("staffing/allocation_form.html", form=form, person=person,
                                   allocation=allocation)


@bp.post("/affectations/<int:allocation_id>/supprimer")
@role_required(*OFFICE)
def allocation_delete(allocation_id: int):
    allocation = get_or_404(Allocation, allocation_id)
    return run_action(lambda: delete_allocation(allocation), success="Affectation supprimée.",
                      then=url_for("staffing.person", person_id=allocation.person_id))


@bp.route("/<int:person_id>/absences/nouvelle", methods=["GET", "POST"])
@role_required(*OFFICE)
def absence_form(person_id: int):
    person = get_or_404(Person, person_id)
    form = AbsenceForm()
    form.replacement_id.choices = choices(
        [("", "—")] + [(p.id, p.full_name) for p in list_people() if p.id != person.id])
    done = submit_form(
        form, lambda: save_absence(None, person=person, kind=form.kind.data,
                                   start_date=form.start_date.data, end_date=form.end_date.data,
                                   fte=form.fte.data, replacement_id=form.replacement_id.data),
        success="Absence enregistrée.", then=url_for("staffing.person", person_id=person.id))
    return done or render_template("staffing/absence_form.html", form=form, person=person)


@bp.post("/absences/<int:absence_id>/supprimer")
@role_required(*OFFICE)
def absence_delete(absence_id: int):
    absence = get_or_404(Absence, absence_id)
    return run_action(lambda: delete_absence(absence), success="Absence supprimée.",
                      then=url_for("staffing.person", person_id=absence.person_id))


add_import_template_route(bp, template_rows, "modele-personnel")


@bp.route("/import", methods=["GET", "POST"])
@role_required(*OFFICE)
def import_page():
    form = StaffImportForm()
    sent = submit_import(form, "import_staff", {"dry_run": form.dry_run.data})
    outcome = followed_job()
    return sent or render_template(
        "staffing/import.html", form=form, outcome=outcome, report=outcome.report,
        errors=outcome.errors[:ERRORS_SHOWN], error_count=len(outcome.errors),
        refusal=outcome.refusal)
