"""What the team costs, per funder, instrument and function (everyone who reads), per person
(director and secretary only); the cost file upload."""

from datetime import date

from flask import render_template, request
from flask_login import current_user

from tracker.auth.roles import OFFICE, READERS, role_required
from tracker.finance import bp
from tracker.finance.charging import charged_by, charged_costs
from tracker.finance.coverage import coverage_of_year
from tracker.finance.forms import CostImportForm
from tracker.finance.importer import import_costs
from tracker.tabular import ERRORS_SHOWN
from tracker.url_values import bounded_int
from tracker.web import run_import

FIRST_YEAR = 2000


@bp.get("/")
@role_required(*READERS)
def costs():
    this_year = date.today().year
    year = request.args.get("annee", this_year - 1, type=bounded_int)
    if not FIRST_YEAR <= year <= this_year:
        year = this_year - 1
    start, end = date(year, 1, 1), date(year, 12, 31)
    office = current_user.role in OFFICE
    return render_template(
        "finance/costs.html", year=year, years=range(this_year, FIRST_YEAR - 1, -1)[:12],
        costs=charged_costs(start, end), by_function=charged_by(start, end, "function"),
        coverage=coverage_of_year(year),
        by_person=charged_by(start, end, "person") if office else None)


@bp.route("/import", methods=["GET", "POST"])
@role_required(*OFFICE)
def import_page():
    form = CostImportForm()
    outcome = run_import(form, lambda content, filename: import_costs(
        content, filename, form.dry_run.data), form.dry_run.data)
    return render_template("finance/import.html", form=form, report=outcome.report,
                           errors=outcome.errors[:ERRORS_SHOWN],
                           error_count=len(outcome.errors), refusal=outcome.refusal)
