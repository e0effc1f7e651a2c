"""A questionnaire table's rows and totals, a list's columns and rows, and how a figure is
rounded and shared."""

from dataclasses import dataclass, field

from tracker.documents.tables import Cell, FteValue
from tracker.privacy import SMALL_GROUP, too_small
from tracker.questionnaires.schema import Metric

MISSING = "Non renseigné"


@dataclass
class ListResult:
    """A built-in list (team, conventions, meetings, objectives…): its columns and rows."""

    columns: list[str]
    rows: list[list[Cell | FteValue]] = field(default_factory=list)
    # (row, column) of each cell that counts persons (an action plan's indicator in persons):
    # the board reads « < 3 » there when it counts one or two
    persons_cells: set[tuple[int, int]] = field(default_factory=set)

    def for_the_board(self) -> "ListResult":
        """Its cells counting one or two persons read « < 3 » (tracker/privacy.py)."""
        for row, column in self.persons_cells:
            if too_small(self.rows[row][column]):
                self.rows[row][column] = SMALL_GROUP
        return self


@dataclass
class Row:
    keys: dict[str, str | int | None]
    label: str
    value: float | int
    percent: float | None = None
    labels: tuple[str, ...] = ()
    computed: float | int | None = None  # the figure as computed, when corrected by hand
    reason: str = ""
    hidden: bool = False  # a group too small for the board: printed « < 3 »

    @property
    def key(self) -> str:
        """How a correction names the row: « proche », « 2022 », « formation|wallonie »."""
        return "|".join("" if value is None else str(value) for value in self.keys.values())


@dataclass
class TableResult:
    by: tuple[str, ...]
    rows: list[Row] = field(default_factory=list)
    total: float | int | None = None
    computed_total: float | int | None = None
    total_reason: str = ""


def number_of(value, metric: Metric, weighted: bool):
    if value is None:
        return 0 if metric.kind != "avg" else None
    if metric.kind == "avg":
        return round(float(value), 1)
    if weighted and metric.kind in ("count", "sum"):
        return round(float(value), 2)
    return int(value)


def apply_shares(metric: Metric, rows: list[Row], total) -> None:
    if (metric.kind not in ("count", "sum") and not metric.in_persons) or not total:
        return
    for row in rows:
        row.percent = round(100.0 * float(row.value) / float(total), 1)
