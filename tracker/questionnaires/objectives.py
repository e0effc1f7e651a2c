"""The `objectives` list: an action plan's objectives with their indicators and evaluation.

Plans sit above questionnaires (their indicators are questionnaire figures), so the plans
module provides this list when its blueprint is registered
(`app.extensions["plan_objectives"]`), and questionnaires never import it."""

from datetime import date
from typing import Protocol

from flask import current_app

from tracker.errors import DomainError
from tracker.questionnaires.definition_errors import DefinitionError
from tracker.questionnaires.figure_rows import ListResult
from tracker.questionnaires.schema import Item

HOOK = "plan_objectives"


class ObjectivesProvider(Protocol):
    def plan_codes(self) -> set[str]: ...

    def objectives_list(self, item: Item, start: date, end: date) -> ListResult: ...


def _provider() -> ObjectivesProvider:
    provider = current_app.extensions.get(HOOK)
    if provider is None:
        raise DomainError("Les plans d'action ne sont pas disponibles dans cette installation.")
    return provider


def objectives_list(item: Item, start: date, end: date) -> ListResult:
    return _provider().objectives_list(item, start, end)


def check_plan(item: Item, source: str) -> None:
    """A definition naming a plan that does not exist is refused like an unknown code."""
    if item.plan is None:
        return
    codes = _provider().plan_codes()
    if item.plan not in codes:
        known = ", ".join(sorted(codes)) or "aucun plan importé"
        raise DefinitionError(source, item.id, f"plan d'action « {item.plan} » inconnu "
                                               f"(connus : {known}).")
