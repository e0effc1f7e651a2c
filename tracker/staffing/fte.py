"""FTE arithmetic in SQL: at a date, or averaged over a period with each allocation weighted
by the days it covers (0,8 ETP for 240 days of a 365-day year counts 0,526)."""

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, Float, case, cast, func, literal

from tracker.extensions import db
from tracker.funders.models import Funder
from tracker.periods import Period, day_index, overlaps
from tracker.sql import day_number, greatest, least
from tracker.staffing.models import Absence, Allocation, Person


def weighted_fte(model, period: Period) -> ColumnElement:
    """fte × (days of the row inside the period) / (days of the period), as a SQL expression
    (a float: the column's Numeric(4, 3) would round 0,526027 to 0,526)."""
    fte = cast(model.fte, Float)
    if period.is_day:
        return fte
    first = greatest(day_number(model.start_date), literal(day_index(period.start)))
    last = least(
        func.coalesce(day_number(model.end_date), literal(day_index(period.end))),
        literal(day_index(period.end)),
    )
    return fte * (last - first + 1) / literal(float(period.days))


@dataclass
class FteSummary:
    """FTE per funder and function, as `tracker staffing --format json` prints it."""

    period: Period
    by_funder: dict[str, dict] = field(default_factory=dict)
    total: float = 0.0

    def as_json(self) -> dict:
        return {"by_funder": self.by_funder, "total": round(self.total, 6)}


def fte_by_funder(period: Period) -> FteSummary:
    weight = func.sum(weighted_fte(Allocation, period))
    rows = db.session.execute(
        db.select(Funder.code, Allocation.function_code, weight)
        .join(Funder, Funder.id == Allocation.funder_id)
        .where(overlaps(Allocation, period))
        .group_by(Funder.code, Allocation.function_code)
        .order_by(Funder.code, Allocation.function_code)
    )
    summary = FteSummary(period)
    for funder_code, function_code, value in rows:
        value = round(float(value), 6)
        entry = summary.by_funder.setdefault(funder_code, {"total": 0.0, "by_function": {}})
        entry["by_function"][function_code] = value
        entry["total"] = round(entry["total"] + value, 6)
        summary.total += value
    return summary


@dataclass
class MatrixRow:
    person_id: int
    person_name: str
    by_funder: dict[str, float]
    functions: list[str]
    total: float
    absent: float = 0.0
    detached: float = 0.0

    @property
    def present(self) -> float:
        return max(self.total - self.absent, 0.0)


@dataclass
class StaffingMatrix:
    period: Period
    funders: list[str]
    rows: list[MatrixRow]
    totals_by_funder: dict[str, float]
    totals_by_function: dict[str, float]
    total: float
    absent: float
    detached: float

    @property
    def present(self) -> float:
        return max(self.total - self.absent, 0.0)


def staffing_matrix(period: Period) -> StaffingMatrix:
    """People × funders, totals per funder and per function; absences and detachments shown."""
    weight = func.sum(weighted_fte(Allocation, period))
    detached = func.sum(
        case((Allocation.detached_to_id.is_not(None), weighted_fte(Allocation, period)), else_=0)
    )
    rows = db.session.execute(
        db.select(Person.id, Person.full_name, Funder.code, Allocation.function_code, weight,
                  detached)
        .join(Person, Person.id == Allocation.person_id)
        .join(Funder, Funder.id == Allocation.funder_id)
        .where(overlaps(Allocation, period))
        .group_by(Person.id, Person.full_name, Funder.code, Allocation.function_code)
        .order_by(Person.full_name)
    )
    absent_rows = db.session.execute(
        db.select(Absence.person_id, func.sum(weighted_fte(Absence, period)))
        .where(overlaps(Absence, period))
        .group_by(Absence.person_id)
    )
    absent_by_person = {person_id: float(value) for person_id, value in absent_rows}

    people: dict[int, MatrixRow] = {}
    by_funder: dict[str, float] = defaultdict(float)
    by_function: dict[str, float] = defaultdict(float)
    for person_id, name, funder_code, function_code, value, detached_value in rows:
        value = float(value)
        row = people.setdefault(person_id, MatrixRow(person_id, name, defaultdict(float), [], 0.0))
        row.by_funder[funder_code] += value
        if function_code not in row.functions:
            row.functions.append(function_code)
        row.total += value
        row.detached += float(detached_value or 0)
        by_funder[funder_code] += value
        by_function[function_code] += value
    for person_id, row in people.items():
        row.absent = min(absent_by_person.get(person_id, 0.0), row.total)
    ordered = sorted(people.values(), key=lambda row: row.person_name)
    return StaffingMatrix(
        period=period,
        funders=sorted(by_funder),
        rows=ordered,
        totals_by_funder=dict(by_funder),
        totals_by_function=dict(sorted(by_function.items())),
        total=sum(by_funder.values()),
        absent=sum(row.absent for row in ordered),
        detached=sum(row.detached for row in ordered),
    )
