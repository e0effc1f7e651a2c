"""The questionnaires' `objectives` list, provided by this module (questionnaires sit below
it): each objective of the plans asked for, with its indicators' value, target and state
for the report's year, and the team's evaluation."""

from datetime import date

from tracker.plans.evaluation import evaluate_plan
from tracker.plans.models import ActionPlan
from tracker.plans.outputs import plain_figure, shown
from tracker.plans.services import plan_codes, plans_for
from tracker.plans.vocabulary import ASSESSMENTS, DECISIONS, LEVELS, STATES
from tracker.questionnaires.figure_rows import ListResult
from tracker.questionnaires.schema import Item

COLUMNS = ["Objectif", "Indicateur", "Valeur", "Cible", "État", "Appréciation de l'équipe",
           "Pour l'année suivante"]


class PlanObjectives:
    """What `tracker.questionnaires.objectives` asks of the plans."""

    def plan_codes(self) -> set[str]:
        return plan_codes()

    def objectives_list(self, item: Item, start: date, _end: date) -> ListResult:
        year = start.year
        return objectives_rows([plan for plan in plans_for(item.funder, item.plan, year)
                                if plan.first_year <= year <= plan.last_year], year,
                               item.level)


def objectives_rows(plans: list[ActionPlan], year: int, level: str | None = None
                    ) -> ListResult:
    """Each objective (of `level`, or all) with its evaluation, then its indicators' value,
    target and state for the year; a title row per plan when there are several."""
    result = ListResult(list(COLUMNS))
    for plan in plans:
        if len(plans) > 1:
            result.rows.append([plan.title, "", None, None, "", "", ""])
        for objective in evaluate_plan(plan, year).objectives:
            if level and objective.level != level:
                continue
            assessment = ASSESSMENTS.get(objective.assessment, "")
            if objective.comment:
                assessment = " – ".join(filter(None, (assessment, objective.comment)))
            result.rows.append([f"{LEVELS[objective.level]} : {objective.label}", "", None,
                                None, STATES[objective.state], assessment,
                                DECISIONS.get(objective.decision, "")])
            for indicator in objective.indicators:
                current = indicator.current
                if indicator.in_persons:
                    result.persons_cells.add((len(result.rows), 2))
                result.rows.append(["", indicator.label, shown(current),
                                    plain_figure(current.target), STATES[current.state], "",
                                    ""])
    return result
