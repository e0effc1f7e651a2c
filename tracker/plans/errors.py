"""The refusal of an action plan that cannot be used: names the file, the objective and
the indicator."""

from tracker.errors import DomainError


class PlanError(DomainError):
    def __init__(self, source: str, objective: str | None, problem: str,
                 indicator: str | None = None):
        where = source
        if objective:
            where += f", objectif « {objective} »"
        if indicator:
            where += f", indicateur « {indicator} »"
        super().__init__(f"{where} : {problem}")
        self.source, self.objective, self.indicator = source, objective, indicator
