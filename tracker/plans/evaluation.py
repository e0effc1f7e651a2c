"""An action plan for a year: each indicator's value (computed from the log, or typed) for
the plan's years up to that one, against its target, and each objective's evaluation.
Every output (the page, the four files, the questionnaires' `objectives` list) reads this
one object."""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from tracker.activities.vocabulary import Vocabulary
from tracker.association.services import get_association
from tracker.errors import DomainError
from tracker.figure_cache import kept
from tracker.plans.models import ActionPlan, PlanIndicator, PlanObjective
from tracker.plans.vocabulary import PARTIAL_SHARE
from tracker.privacy import too_small
from tracker.questionnaires.definition_items import parse_item
from tracker.questionnaires.figures import Figures
from tracker.questionnaires.lists import FROM_FIGURE_SOURCES, compute_list
from tracker.questionnaires.placements import people_figure
from tracker.questionnaires.schema import Item, ReportingPeriod

CALENDAR = ReportingPeriod()


@dataclass
class YearValue:
    year: int
    value: float | None
    target: float | None
    state: str
    source: str = ""  # a typed value's source
    hidden: bool = False  # fewer than three persons, as the board reads it


@dataclass
class IndicatorResult:
    id: int
    code: str
    label: str
    computed: bool
    direction: str
    baseline: float | None
    history: list[YearValue]  # the plan's years up to the report's, oldest first
    in_persons: bool = False

    @property
    def current(self) -> YearValue:
        return self.history[-1]


@dataclass
class ActionResult:
    label: str
    activities: float | None  # the activities it is tied to, counted in the year


@dataclass
class ObjectiveResult:
    id: int
    code: str
    label: str
    level: str
    depth: int
    parent: str | None
    indicators: list[IndicatorResult] = field(default_factory=list)
    actions: list[ActionResult] = field(default_factory=list)
    state: str = "sans_cible"  # from its indicators and those of the objectives below it
    assessment: str = ""
    comment: str = ""
    decision: str = ""


@dataclass
class PlanReport:
    code: str
    title: str
    instrument: str
    first_year: int
    last_year: int
    year: int
    organisation: str
    objectives: list[ObjectiveResult] = field(default_factory=list)

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.year + 1))

    @property
    def filename_stem(self) -> str:
        return f"{self.code}-{self.year}"

    def for_the_board(self) -> "PlanReport":
        """Values counting fewer than three persons read « < 3 » (tracker/privacy.py)."""
        for objective in self.objectives:
            for indicator in objective.indicators:
                for entry in indicator.history:
                    if indicator.in_persons and too_small(entry.value):
                        entry.hidden = True
        return self


def state_of(value: float | None, target: float | None, direction: str) -> str:
    """atteint, partiel (within PARTIAL_SHARE of the target), non_atteint; sans_cible without
    a target, non_renseigne without a value."""
    if target is None:
        return "sans_cible"
    if value is None:
        return "non_renseigne"
    if direction == "at_most":
        if value <= target:
            return "atteint"
        return "partiel" if value * PARTIAL_SHARE <= target else "non_atteint"
    if value >= target:
        return "atteint"
    return "partiel" if value >= target * PARTIAL_SHARE else "non_atteint"


def combined_state(states: list[str]) -> str:
    judged = [state for state in states if state in ("atteint", "partiel", "non_atteint")]
    if not judged:
        return "sans_cible"
    if all(state == "atteint" for state in judged):
        return "atteint"
    if all(state == "non_atteint" for state in judged):
        return "non_atteint"
    return "partiel"


def evaluate_plan(plan: ActionPlan, year: int, today: date | None = None) -> PlanReport:
    if not plan.first_year <= year <= plan.last_year:
        raise DomainError(f"Le plan « {plan.title} » couvre {plan.first_year} à "
                          f"{plan.last_year} : choisissez une de ces années.")
    association = get_association()
    report = PlanReport(plan.code, plan.title, plan.instrument.title if plan.instrument else "",
                        plan.first_year, plan.last_year, year,
                        str(association) if association else "")
    this_year = (today or date.today()).year
    logged = {past: logged_values(plan, past) for past in report.years if past <= this_year}
    for root in plan.roots():
        _add(report, root, 0, None, logged)
    return report


def _add(report: PlanReport, objective: PlanObjective, depth: int, parent: str | None,
         logged: dict[int, dict[str, float | None]]) -> list[str]:
    """The objective and those below it, in reading order; returns every state it covers."""
    result = ObjectiveResult(objective.id, objective.code, objective.label, objective.level,
                             depth, parent)
    report.objectives.append(result)
    evaluation = next((e for e in objective.evaluations if e.year == report.year), None)
    if evaluation:
        result.assessment, result.comment = evaluation.assessment, evaluation.comment
        result.decision = evaluation.decision
    of_year = logged.get(report.year, {})
    result.actions = [ActionResult(action.label, of_year.get(_action_key(objective, action)))
                      for action in objective.actions]
    states = []
    for indicator in objective.indicators:
        indicator_result = _indicator(indicator, report.years, logged)
        result.indicators.append(indicator_result)
        states.append(indicator_result.current.state)
    for child in objective.children:
        states += _add(report, child, depth + 1, objective.code, logged)
    result.state = combined_state(states)
    return states


def _indicator(indicator: PlanIndicator, years: list[int],
               logged: dict[int, dict[str, float | None]]) -> IndicatorResult:
    targets = {target.year: float(target.value) for target in indicator.targets}
    typed = {value.year: value for value in indicator.values}
    history = []
    for year in years:
        source = ""
        if indicator.computed:
            value = logged.get(year, {}).get(f"i:{indicator.code}")
        else:
            entry = typed.get(year)
            value, source = (float(entry.value), entry.source) if entry else (None, "")
        target = targets.get(year)
        history.append(YearValue(year, value, target,
                                 state_of(value, target, indicator.direction), source))
    return IndicatorResult(indicator.id, indicator.code, indicator.label, indicator.computed,
                           indicator.direction,
                           float(indicator.baseline) if indicator.baseline is not None
                           else None, history, _in_persons(indicator))


def logged_values(plan: ActionPlan, year: int) -> dict[str, float | None]:
    """Every computed indicator's value and every tied action's activities for the year,
    from the figure cache while nothing of that year changed."""
    measures = {}
    for objective in plan.objectives:
        for indicator in objective.indicators:
            if indicator.computed:
                measures[f"i:{indicator.code}"] = indicator.measure
        for action in objective.actions:
            if action.links:
                measures[_action_key(objective, action)] = json.dumps(
                    {"metric": "count", "where": json.loads(action.links)})
    # lists of what the figure versions do not follow (staff, conventions, deadlines):
    # counted afresh each time, the rest kept while nothing of the year changed
    fresh = {key: measure for key, measure in measures.items()
             if (item := measure_item(measure, key)).type == "list"
             and item.table not in FROM_FIGURE_SOURCES}
    cached = {key: measure for key, measure in measures.items() if key not in fresh}
    digest = hashlib.sha256(json.dumps(cached, sort_keys=True).encode()).hexdigest()
    values = kept(("plan", plan.code, digest, year), year, lambda: _computed(cached, year))
    return values | _computed(fresh, year) if fresh else values


def _computed(measures: dict[str, str], year: int) -> dict[str, float | None]:
    start, end = CALENDAR.of_year(year)
    vocabulary = Vocabulary.load()
    figures = Figures(start, end, vocabulary)
    values = {}
    for key, measure in measures.items():
        item = measure_item(measure, key)
        values[key] = _number(figure_value(item, figures, start, end, vocabulary))
    return values


@lru_cache(maxsize=512)
def measure_item(measure: str, key: str) -> Item:
    """A stored measure read again as the questionnaire item it was checked as."""
    raw = {"id": "indicateur", "label": key, **json.loads(measure)}
    return parse_item(raw, "plan", key)


def figure_value(item: Item, figures: Figures, start: date, end: date,
                 vocabulary: Vocabulary):
    """The questionnaire's own computation of the same item: a figure, a people figure, or
    the number of rows of a list."""
    if item.type == "list":
        return len(compute_list(item, start, end, vocabulary).rows)
    if item.of:
        return people_figure(item, start, end)
    return figures.figure(item)


def _in_persons(indicator: PlanIndicator) -> bool:
    if not indicator.computed:
        return False
    item = measure_item(indicator.measure, indicator.code)
    return item.metric is not None and item.metric.in_persons


def _number(value) -> float | None:
    return None if value is None else float(value)


def _action_key(objective: PlanObjective, action) -> str:
    return f"a:{objective.code}:{action.position}"
