"""Action plans: the list, one plan, import and export, its evaluation for a year, and what
the office types on its page (a typed indicator's value, an objective's evaluation)."""

from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.errors import DomainError, ValidationError
from tracker.extensions import db
from tracker.funders.models import Funder, Instrument
from tracker.params import year_begun
from tracker.plans.evaluation import PlanReport, evaluate_plan
from tracker.plans.models import (
    ActionPlan,
    ObjectiveEvaluation,
    PlanIndicator,
    PlanIndicatorValue,
    PlanObjective,
)
from tracker.plans.reading import read_plan
from tracker.plans.storing import plan_as_yaml, save_plan

MAX_PLAN_BYTES = 256 * 1024


def list_plans() -> list[ActionPlan]:
    return list(db.session.scalars(select(ActionPlan).options(
        selectinload(ActionPlan.instrument)).order_by(ActionPlan.first_year.desc(),
                                                       ActionPlan.title)))


def plan_codes() -> set[str]:
    return set(db.session.scalars(select(ActionPlan.code)))


def get_plan(code: str) -> ActionPlan | None:
    return db.session.scalar(select(ActionPlan).where(ActionPlan.code == code).options(
        selectinload(ActionPlan.objectives).selectinload(PlanObjective.indicators)
        .selectinload(PlanIndicator.targets),
        selectinload(ActionPlan.objectives).selectinload(PlanObjective.indicators)
        .selectinload(PlanIndicator.values),
        selectinload(ActionPlan.objectives).selectinload(PlanObjective.actions),
        selectinload(ActionPlan.objectives).selectinload(PlanObjective.evaluations)))


def plan_or_refusal(code: str) -> ActionPlan:
    plan = get_plan(code)
    if plan is None:
        known = ", ".join(sorted(plan_codes())) or "aucun plan importé"
        raise DomainError(f"Plan d'action « {code} » inconnu (connus : {known}).")
    return plan


def import_plan(content: bytes, source: str, editing: str | None = None) -> ActionPlan:
    """The plan from its YAML, checked whole, created or updated; nothing written when
    refused. `editing`: the plan edited on its page, whose id stays."""
    if len(content) > MAX_PLAN_BYTES:
        raise DomainError(f"{source} : un plan fait au plus 256 Ko.")
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as problem:
        raise DomainError(f"{source} : fichier illisible (UTF-8 attendu).") from problem
    spec = read_plan(text, source)
    if editing and spec.code != editing:
        raise DomainError(f"{source} : l'id du plan reste « {editing} » (pour un autre plan, "
                          f"importez un nouveau fichier).")
    return save_plan(spec)


def export_plan(code: str) -> str:
    return plan_as_yaml(plan_or_refusal(code))


def plan_report(code: str, year: int, today: date | None = None) -> PlanReport:
    return evaluate_plan(plan_or_refusal(code), year_begun(year, today), today)


def plans_for(funder_code: str | None, code: str | None, year: int) -> list[ActionPlan]:
    """The plans a questionnaire's `objectives` list shows: the one named, else those of the
    funder's instruments covering the year, else every plan covering it."""
    if code:
        return [plan_or_refusal(code)]
    statement = select(ActionPlan.code).where(ActionPlan.first_year <= year,
                                              ActionPlan.last_year >= year)
    if funder_code:
        statement = statement.join(ActionPlan.instrument).join(Instrument.funder).where(
            Funder.code == funder_code)
    return [get_plan(found) for found in db.session.scalars(statement.order_by(
        ActionPlan.title))]


def save_indicator_value(indicator: PlanIndicator, year: int, value: Decimal | None,
                         source: str) -> None:
    """A typed indicator's value for a year (emptied: removed)."""
    if indicator.computed:
        raise ValidationError("value", "Cet indicateur est calculé à partir du journal : il "
                                       "ne se tape pas.")
    _year_of_plan(indicator.objective.plan, year)
    entry = next((entry for entry in indicator.values if entry.year == year), None)
    if value is None:
        if entry is not None:
            indicator.values.remove(entry)
    elif entry is None:
        indicator.values.append(PlanIndicatorValue(year=year, value=value,
                                                   source=source.strip()))
    else:
        entry.value, entry.source = value, source.strip()
    db.session.flush()


def save_evaluation(objective: PlanObjective, year: int, assessment: str, comment: str,
                    decision: str) -> ObjectiveEvaluation:
    _year_of_plan(objective.plan, year)
    evaluation = next((entry for entry in objective.evaluations if entry.year == year), None)
    if evaluation is None:
        evaluation = ObjectiveEvaluation(year=year)
        objective.evaluations.append(evaluation)
    evaluation.assessment, evaluation.comment = assessment, comment.strip()
    evaluation.decision = decision
    db.session.flush()
    return evaluation


def _year_of_plan(plan: ActionPlan, year: int) -> None:
    if not plan.first_year <= year <= plan.last_year:
        raise ValidationError("year", f"Le plan couvre {plan.first_year} à {plan.last_year}.")
    year_begun(year)
