"""An action plan written from its checked spec, and written back as YAML.

Importing a plan whose id exists updates it in place: objectives and indicators are matched
by their id, so the values typed and the evaluations written for them stay. One that the
new file drops is removed only when nothing was typed for it; otherwise the file is
refused, naming it (nothing typed is ever lost by an import)."""

import json
from decimal import Decimal

import yaml
from sqlalchemy import select

from tracker.extensions import db
from tracker.funders.models import Instrument
from tracker.plans.errors import PlanError
from tracker.plans.models import (
    ActionPlan,
    IndicatorTarget,
    PlanAction,
    PlanIndicator,
    PlanObjective,
)
from tracker.plans.specs import IndicatorSpec, ObjectiveSpec, PlanSpec


def save_plan(spec: PlanSpec) -> ActionPlan:
    plan = db.session.scalar(select(ActionPlan).where(ActionPlan.code == spec.code))
    if plan is None:
        plan = ActionPlan(code=spec.code)
        db.session.add(plan)
    plan.title, plan.first_year, plan.last_year = spec.title, spec.first_year, spec.last_year
    plan.instrument = db.session.scalar(select(Instrument).where(
        Instrument.title == spec.instrument)) if spec.instrument else None
    objectives = {objective.code: objective for objective in plan.objectives}
    indicators = {indicator.code: indicator for objective in plan.objectives
                  for indicator in objective.indicators}
    kept_objectives, kept_indicators = set(), set()
    for position, root in enumerate(spec.objectives):
        _save_objective(plan, root, None, position, objectives, indicators, kept_objectives,
                        kept_indicators)
    _remove_dropped(spec, [indicator for code, indicator in indicators.items()
                           if code not in kept_indicators],
                    [objective for code, objective in objectives.items()
                     if code not in kept_objectives])
    db.session.flush()
    return plan


def _save_objective(plan: ActionPlan, spec: ObjectiveSpec, parent: PlanObjective | None,
                    position: int, objectives: dict, indicators: dict, kept_objectives: set,
                    kept_indicators: set) -> None:
    objective = objectives.get(spec.code)
    if objective is None:
        objective = PlanObjective(code=spec.code)
        plan.objectives.append(objective)
    objective.parent, objective.label, objective.level = parent, spec.label, spec.level
    objective.position = position
    kept_objectives.add(spec.code)
    objective.actions.clear()
    for number, action in enumerate(spec.actions):
        objective.actions.append(PlanAction(
            label=action.label, position=number,
            links=json.dumps(action.where, ensure_ascii=False) if action.where else ""))
    for number, indicator_spec in enumerate(spec.indicators):
        indicator = indicators.get(indicator_spec.code)
        if indicator is None:
            indicator = PlanIndicator(code=indicator_spec.code)
        if indicator.objective is not objective:
            objective.indicators.append(indicator)
        _fill_indicator(indicator, indicator_spec, number)
        kept_indicators.add(indicator_spec.code)
    for number, child in enumerate(spec.objectives):
        _save_objective(plan, child, objective, number, objectives,
                        indicators, kept_objectives, kept_indicators)


def _fill_indicator(indicator: PlanIndicator, spec: IndicatorSpec, position: int) -> None:
    indicator.label, indicator.position = spec.label, position
    indicator.measure = json.dumps(spec.measure, ensure_ascii=False, sort_keys=True) \
        if spec.measure else ""
    indicator.baseline, indicator.direction, indicator.source = (spec.baseline,
                                                                 spec.direction, spec.source)
    targets = {target.year: target for target in indicator.targets}
    for year, target in targets.items():
        if year not in spec.targets:
            indicator.targets.remove(target)
    for year, value in spec.targets.items():
        if year in targets:
            targets[year].value = value
        else:
            indicator.targets.append(IndicatorTarget(year=year, value=value))


def _remove_dropped(spec: PlanSpec, indicators: list[PlanIndicator],
                    objectives: list[PlanObjective]) -> None:
    for indicator in indicators:
        if indicator.values:
            raise PlanError(spec.source, indicator.objective.code, "cet indicateur a des "
                                                                   "valeurs tapées : gardez-le "
                                                                   "dans le fichier.",
                            indicator.code)
        db.session.delete(indicator)
    for objective in objectives:
        if objective.evaluations:
            raise PlanError(spec.source, objective.code, "cet objectif a des évaluations : "
                                                         "gardez-le dans le fichier.")
        db.session.delete(objective)


def plan_as_yaml(plan: ActionPlan) -> str:
    """The plan as `tracker plan import` reads it: exported, edited and imported again."""
    data = {"id": plan.code, "title": plan.title}
    if plan.instrument:
        data["instrument"] = plan.instrument.title
    data["years"] = [plan.first_year, plan.last_year]
    data["objectives"] = [_objective_data(objective) for objective in plan.roots()]
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100,
                          default_flow_style=None)


def _objective_data(objective: PlanObjective) -> dict:
    data = {"id": objective.code, "label": objective.label, "level": objective.level}
    if objective.actions:
        data["actions"] = [{"label": action.label, "where": json.loads(action.links)}
                           if action.links else action.label for action in objective.actions]
    if objective.indicators:
        data["indicators"] = [_indicator_data(indicator) for indicator in objective.indicators]
    if objective.children:
        data["objectives"] = [_objective_data(child) for child in objective.children]
    return data


def _indicator_data(indicator: PlanIndicator) -> dict:
    data = {"id": indicator.code, "label": indicator.label}
    data.update(json.loads(indicator.measure) if indicator.measure else {"input": "number"})
    if indicator.baseline is not None:
        data["baseline"] = _plain(indicator.baseline)
    if indicator.targets:
        data["targets"] = {target.year: _plain(target.value) for target in indicator.targets}
    data["direction"] = indicator.direction
    if indicator.source:
        data["source"] = indicator.source
    return data


def _plain(number: Decimal) -> int | float:
    return int(number) if number == number.to_integral_value() else float(number)
