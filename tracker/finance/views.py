"""What the team costs, per funder, instrument and function (everyone who reads), per person
(director and secretary only), against what each grant gives; the cost file upload; the
grants' tranches."""

from datetime import date

from flask import render_template, url_for
from flask_login import current_user

from tracker.auth.roles import OFFICE, READERS, role_required
from tracker.finance import bp
from tracker.finance.board_money import money_tables
from tracker.finance.charging import charged_by, charged_costs, charged_lines
from tracker.finance.coverage import coverage_chart, coverage_of_year
from tracker.finance.forms import ImportForm, ReceivedForm, TrancheForm
from tracker.finance.models import Tranche
from tracker.finance.scenario import monthly_costs
from tracker.finance.tranches import add_tranche, mark_received, tranches_of_year
from tracker.forms import choices
from tracker.funders.services import list_instruments
from tracker.jobs.pages import followed_job, submit_import
from tracker.params import FIRST_YEAR, YEAR, query_arg
from tracker.tabular import ERRORS_SHOWN
from tracker.web import get_or_404, submit_form, submit_inline


@bp.record_once
def _offer_to_staffing(state) -> None:
    """The staffing scenario (« si un financement s'arrête ») prices its posts through this,
    and the board pack adds its money pages."""
    state.app.extensions["loss_costing"] = monthly_costs
    state.app.extensions["board_pack_money"] = money_tables


@bp.get("/")
@role_required(*READERS)
def costs():
    this_year = date.today().year
    year = query_arg("annee", YEAR, this_year - 1)  # the last complete year
    start, end = date(year, 1, 1), date(year, 12, 31)
    office = current_user.role in OFFICE
    lines = charged_lines(start, end)  # the year's shares, read once for every table
    coverage = coverage_of_year(year, lines)
    return render_template(
        "finance/costs.html", year=year, years=range(this_year, FIRST_YEAR - 1, -1)[:12],
        costs=charged_costs(start, end, lines),
        by_function=charged_by(start, end, "function", lines, board=not office),
        coverage=coverage, chart=coverage_chart(coverage),
        by_person=charged_by(start, end, "person", lines) if office else None)


def _upload(job_kind: str, kind: str):
    """The cost or expense upload page (`kind`: personnel | fonctionnement)."""
    form = ImportForm()
    sent = submit_import(form, job_kind, {"dry_run": form.dry_run.data})
    outcome = followed_job()
    return sent or render_template(
        "finance/import.html", form=form, kind=kind, outcome=outcome, report=outcome.report,
        errors=outcome.errors[:ERRORS_SHOWN], error_count=len(outcome.errors),
        refusal=outcome.refusal)


@bp.route("/import", methods=["GET", "POST"])
@role_required(*OFFICE)
def import_page():
    return _upload("import_costs", "personnel")


@bp.route("/frais/import", methods=["GET", "POST"])
@role_required(*OFFICE)
def expense_import():
    return _upload("import_expenses", "fonctionnement")


def _tranche_year() -> int:
    """Tranches: this year by default, next year's may already be planned."""
    this_year = date.today().year
    return query_arg("annee", YEAR, this_year)


def _tranche_form() -> TrancheForm:
    form = TrancheForm()
    form.instrument_id.choices = choices([("", "—")] + [
        (instrument.id, str(instrument)) for instrument in list_instruments()])
    return form


def _tranches_page(year: int, form: TrancheForm):
    return render_template("finance/tranches.html", year=year, form=form,
                           received_form=ReceivedForm(), tranches=tranches_of_year(year),
                           today=date.today(), office=current_user.role in OFFICE)


@bp.get("/tranches")
@role_required(*READERS)
def tranches():
    """The year's tranches, expected and received."""
    year = _tranche_year()
    form = _tranche_form()
    form.year.data = year
    return _tranches_page(year, form)


@bp.post("/tranches")
@role_required(*OFFICE)
def tranche_add():
    form = _tranche_form()
    done = submit_form(
        form, lambda: add_tranche(
            instrument_id=form.instrument_id.data, year=form.year.data,
            label=form.label.data, expected_on=form.expected_on.data,
            expected_amount=form.expected_amount.data),
        success=lambda tranche: f"Tranche « {tranche.label} » ajoutée.",
        then=lambda tranche: url_for("finance.tranches", annee=tranche.year))
    return done or _tranches_page(form.year.data or _tranche_year(), form)


@bp.post("/tranches/<int:tranche_id>/recue")
@role_required(*OFFICE)
def tranche_received(tranche_id: int):
    tranche = get_or_404(Tranche, tranche_id)
    form = ReceivedForm()
    return submit_inline(
        form, lambda: mark_received(tranche, form.received_on.data, form.received_amount.data),
        success=f"Tranche « {tranche.label} » marquée reçue.",
        refused="Réception non enregistrée",
        then=url_for("finance.tranches", annee=tranche.year))

