"""Key figures and charts of the home pages: the office's week ahead, the board's staffing
and money questions at a glance."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import extract, func, select

from tracker.activities.services import count_without_performer
from tracker.catalogue.services import function_labels
from tracker.charts import StackedChart, stacked_bars
from tracker.deadlines.dashboard import Dashboard
from tracker.deadlines.models import Deadline
from tracker.deadlines.vocabulary import CLOSED_STATUSES
from tracker.extensions import db
from tracker.formatting import format_month
from tracker.funders.services import funder_labels
from tracker.partnerships.models import Convention
from tracker.periods import Period
from tracker.questionnaires.models import QuestionnaireResponse
from tracker.questionnaires.registry import all_definitions
from tracker.staffing.board import CadreComparison, cadre_vs_actual
from tracker.staffing.fte import fte_by_funder


@dataclass
class MonthLoad:
    """The deadlines due in one month: still to do, and done."""

    label: str
    first_day: date
    open: int = 0
    done: int = 0

    @property
    def total(self) -> int:
        return self.open + self.done


@dataclass
class OfficeGlance:
    overdue: int
    due_30: int
    drafts: int
    draft_year: int
    without_performer: int  # this year's activities credited to nobody
    months: list[MonthLoad] = field(default_factory=list)

    @property
    def busiest(self) -> int:
        return max((month.total for month in self.months), default=0) or 1


def _month_starts(today: date, count: int) -> list[date]:
    first, months = today.replace(day=1), []
    for _ in range(count + 1):
        months.append(first)
        first = (first + timedelta(days=32)).replace(day=1)
    return months


def office_glance(dashboard: Dashboard, months: int = 6) -> OfficeGlance:
    """Overdue and due within 30 days (counted from the dashboard the same page lists),
    questionnaires of last year not finalised, this year's activities without a performer, and
    the deadlines of the next six months."""
    today = dashboard.today
    still_open = Deadline.status.not_in(CLOSED_STATUSES)
    year = today.year - 1
    final = set(db.session.scalars(select(QuestionnaireResponse.definition_id).where(
        QuestionnaireResponse.year == year, QuestionnaireResponse.status == "final")))
    drafts = sum(1 for definition in all_definitions() if definition.id not in final)

    starts = _month_starts(today, months)
    loads = [MonthLoad(format_month(first, short=True), first) for first in starts[:-1]]
    year_of, month_of = extract("year", Deadline.due_date), extract("month", Deadline.due_date)
    by_month = {(load.first_day.year, load.first_day.month): load for load in loads}
    rows = db.session.execute(
        select(year_of, month_of, func.count().filter(still_open), func.count())
        .where(Deadline.due_date >= starts[0], Deadline.due_date < starts[-1])
        .group_by(year_of, month_of))
    for year_number, month_number, open_count, count in rows:
        load = by_month[(int(year_number), int(month_number))]
        load.open, load.done = open_count, count - open_count
    return OfficeGlance(len(dashboard.overdue), len(dashboard.next_30), drafts, year,
                        count_without_performer(since=today.replace(month=1, day=1)), loads)


@dataclass
class BoardGlance:
    fte: StackedChart
    total_fte: float
    gaps: list[CadreComparison]
    to_renegotiate: list[Convention]
    function_labels: dict[str, str]


def board_glance(today: date) -> BoardGlance:
    """FTE per funder (by function) today, instruments whose cadre is not met, and the
    partnership conventions to renegotiate."""
    summary = fte_by_funder(Period.day(today))
    names = funder_labels()
    rows = {names.get(code, code): entry["by_function"]
            for code, entry in sorted(summary.by_funder.items(),
                                      key=lambda item: -item[1]["total"])}
    functions = function_labels()
    chart = stacked_bars(rows, labels=functions, unit="ETP")
    gaps = [comparison for comparison in cadre_vs_actual(Period.day(today))
            if comparison.has_cadre and any(line.gap < -0.0005 for line in comparison.lines)]
    conventions = list(db.session.scalars(
        select(Convention).where(Convention.status == "a_renegocier")
        .order_by(Convention.end_date)))
    return BoardGlance(chart, summary.total, gaps, conventions, functions)
