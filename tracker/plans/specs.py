"""An action plan as its YAML describes it, once read and checked: typed, frozen objects
that storing.py writes and export rebuilds."""

from dataclasses import dataclass, field
from decimal import Decimal

from tracker.questionnaires.schema import Item


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    label: str
    measure: dict | None  # the questionnaire keys of a computed indicator; None when typed
    item: Item | None  # that measure, read as a questionnaire item
    baseline: Decimal | None = None
    targets: dict[int, Decimal] = field(default_factory=dict)
    direction: str = "at_least"
    source: str = ""  # a typed indicator: where its value comes from


@dataclass(frozen=True)
class ActionSpec:
    label: str
    where: dict | None = None  # the activities it counts, in the questionnaire language
    item: Item | None = None


@dataclass(frozen=True)
class ObjectiveSpec:
    code: str
    label: str
    level: str
    objectives: tuple["ObjectiveSpec", ...] = ()
    actions: tuple[ActionSpec, ...] = ()
    indicators: tuple[IndicatorSpec, ...] = ()

    def walk(self):
        """This objective, then each one below it, parents first."""
        yield self
        for child in self.objectives:
            yield from child.walk()


@dataclass(frozen=True)
class PlanSpec:
    code: str
    title: str
    first_year: int
    last_year: int
    instrument: str | None = None
    objectives: tuple[ObjectiveSpec, ...] = ()
    source: str = ""

    def all_objectives(self) -> list[ObjectiveSpec]:
        return [objective for root in self.objectives for objective in root.walk()]
