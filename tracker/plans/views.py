"""The action plans' pages: the director imports and edits a plan and writes each year's
evaluation; the secretary and the board read it and download it."""

from datetime import date
from decimal import Decimal

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from tracker.auth.roles import READERS, Role, role_required
from tracker.documents import download
from tracker.documents.formats import labels
from tracker.errors import DomainError
from tracker.params import YEAR, format_in_url, query_arg
from tracker.plans import bp
from tracker.plans.evaluation import PlanReport, evaluate_plan
from tracker.plans.forms import EvaluationForm, IndicatorValueForm, PlanFileForm, PlanTextForm
from tracker.plans.models import ActionPlan, PlanIndicator, PlanObjective
from tracker.plans.objectives_list import PlanObjectives
from tracker.plans.outputs import PLAN_REPORT
from tracker.plans.services import (
    export_plan,
    get_plan,
    import_plan,
    list_plans,
    plan_report,
    save_evaluation,
    save_indicator_value,
)
from tracker.plans.vocabulary import ASSESSMENTS, DECISIONS, DIRECTIONS, LEVELS, STATES
from tracker.questionnaires.objectives import HOOK
from tracker.web import get_or_404, run_service, submit_inline

VOCABULARY = {"levels": LEVELS, "states": STATES, "assessments": ASSESSMENTS,
              "decisions": DECISIONS, "directions": DIRECTIONS}


@bp.record_once
def _offer_to_questionnaires(state) -> None:
    """Questionnaires' `objectives` list (tracker/questionnaires/objectives.py)."""
    state.app.extensions[HOOK] = PlanObjectives()


def _plan_or_404(code: str) -> ActionPlan:
    plan = get_plan(code)
    if plan is None:
        abort(404)
    return plan


def _evaluated_years(plan: ActionPlan) -> list[int]:
    return [year for year in plan.years if year <= date.today().year]


@bp.get("/")
@role_required(*READERS)
def index():
    return render_template("plans/index.html", plans=list_plans(), file_form=PlanFileForm(),
                           director=current_user.role == Role.DIRECTOR)


@bp.post("/importer")
@role_required(Role.DIRECTOR)
def import_file():
    form = PlanFileForm()
    if not form.validate_on_submit():
        flash("Plan non importé : choisissez un fichier YAML.", "error")
        return redirect(url_for("plans.index"))
    upload = form.file.data
    plan, error = run_service(lambda: import_plan(upload.read(), upload.filename or "plan"))
    if error:
        flash(f"Plan non importé, rien n'a été enregistré : {error.message}", "error")
        return redirect(url_for("plans.index"))
    flash(f"Plan « {plan.title} » importé.", "success")
    return redirect(url_for("plans.show", code=plan.code))


@bp.get("/<code>")
@role_required(*READERS)
def show(code: str):
    plan = _plan_or_404(code)
    years = _evaluated_years(plan)
    year = query_arg("annee", YEAR, years[-1] if years else None,
                     ignored="la dernière année évaluable est affichée.")
    if year not in years:
        year = years[-1] if years else None
    report: PlanReport | None = None
    if year is not None:
        report = evaluate_plan(plan, year)
        if current_user.role == Role.BOARD:
            report.for_the_board()
    director = current_user.role == Role.DIRECTOR
    return render_template(
        "plans/show.html", plan=plan, report=report, year=year, years=years,
        director=director, formats=labels(*PLAN_REPORT.formats),
        evaluation_forms=_evaluation_forms(report) if director and report else {},
        value_forms=_value_forms(report) if director and report else {}, **VOCABULARY)


def _evaluation_forms(report: PlanReport) -> dict[int, EvaluationForm]:
    forms = {}
    for objective in report.objectives:
        form = EvaluationForm(prefix=f"o{objective.id}", formdata=None)
        form.assessment.data, form.comment.data = objective.assessment, objective.comment
        form.decision.data = objective.decision
        forms[objective.id] = form
    return forms


def _value_forms(report: PlanReport) -> dict[int, IndicatorValueForm]:
    forms = {}
    for objective in report.objectives:
        for indicator in objective.indicators:
            if not indicator.computed:
                form = IndicatorValueForm(prefix=f"i{indicator.id}", formdata=None)
                current = indicator.current
                form.value.data = None if current.value is None else Decimal(str(current.value))
                form.source.data = current.source
                forms[indicator.id] = form
    return forms


@bp.post("/<code>/<year:year>/objectifs/<int:objective_id>")
@role_required(Role.DIRECTOR)
def evaluation(code: str, year: int, objective_id: int):
    objective = get_or_404(PlanObjective, objective_id)
    if objective.plan.code != code:
        abort(404)
    form = EvaluationForm(prefix=f"o{objective.id}")
    return submit_inline(
        form, lambda: save_evaluation(objective, year, form.assessment.data or "",
                                      form.comment.data or "", form.decision.data or ""),
        success="Évaluation enregistrée.", refused="Évaluation non enregistrée",
        then=url_for("plans.show", code=code, annee=year) + f"#objectif-{objective.id}")


@bp.post("/<code>/<year:year>/indicateurs/<int:indicator_id>")
@role_required(Role.DIRECTOR)
def indicator_value(code: str, year: int, indicator_id: int):
    indicator = get_or_404(PlanIndicator, indicator_id)
    if indicator.objective.plan.code != code:
        abort(404)
    form = IndicatorValueForm(prefix=f"i{indicator.id}")
    return submit_inline(
        form, lambda: save_indicator_value(indicator, year, form.value.data,
                                           form.source.data or ""),
        success="Valeur enregistrée.", refused="Valeur non enregistrée",
        then=url_for("plans.show", code=code, annee=year) + f"#objectif-{indicator.objective_id}")


@bp.route("/<code>/modifier", methods=["GET", "POST"])
@role_required(Role.DIRECTOR)
def edit(code: str):
    plan = _plan_or_404(code)
    form = PlanTextForm()
    error = None
    if form.validate_on_submit():
        saved, error = run_service(lambda: import_plan(form.text.data.encode(),
                                                       f"{plan.code}.yaml", editing=plan.code))
        if error is None:
            flash("Plan enregistré.", "success")
            return redirect(url_for("plans.show", code=saved.code))
    elif request.method == "GET":
        form.text.data = export_plan(code)
    return render_template("plans/edit.html", plan=plan, form=form, error=error)


@bp.get("/<code>/telecharger/plan.yaml")
@role_required(*READERS)
def export_yaml(code: str):
    _plan_or_404(code)
    return download(export_plan(code).encode(), f"{code}.yaml")


@bp.get(f"/<code>/<year:year>/telecharger/{format_in_url(PLAN_REPORT.formats)}")
@role_required(*READERS)
def export(code: str, year: int, extension: str):
    _plan_or_404(code)
    try:
        report = plan_report(code, year)
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for("plans.show", code=code))
    if current_user.role == Role.BOARD:
        report.for_the_board()
    return download(PLAN_REPORT.render(report, extension), f"{report.filename_stem}.{extension}")
