"""FTE arithmetic: at a date, averaged over a period, exactly to the day."""

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import make_allocation, make_person
from tracker.periods import Period
from tracker.staffing.fte import fte_by_funder, staffing_matrix

YEAR = Period.year(2014)


def test_split_post_counts_for_both_funders(db):
    person = make_person("Split Poste")
    make_allocation(person, 0.5, "PSSP", date(2014, 1, 1))
    make_allocation(person, 0.5, "SPW", date(2014, 1, 1))
    summary = fte_by_funder(Period.day(date(2014, 12, 31)))
    assert summary.by_funder["PSSP"]["total"] == 0.5
    assert summary.by_funder["SPW"]["total"] == 0.5
    assert summary.total == 1.0


def test_end_date_is_the_last_day_worked(db):
    person = make_person("Fin Inclusive")
    make_allocation(person, 1, "SPW", date(2014, 1, 1), date(2014, 11, 10))
    assert fte_by_funder(Period.day(date(2014, 11, 10))).total == 1.0
    assert fte_by_funder(Period.day(date(2014, 11, 11))).total == 0.0


def test_average_weighs_each_allocation_by_its_days(db):
    person = make_person("Huit Dixièmes")
    make_allocation(person, 0.8, "PSSP", date(2014, 1, 1), date(2014, 8, 28))  # 240 days
    summary = fte_by_funder(YEAR)
    assert summary.by_funder["PSSP"]["total"] == round(0.8 * 240 / 365, 6)  # 0,526


def test_leap_year_has_366_days(db):
    person = make_person("Bissextile")
    make_allocation(person, 1, "COCOF", date(2016, 1, 1), date(2016, 2, 29))  # 60 days
    assert fte_by_funder(Period.year(2016)).total == round(60 / 366, 6)


def test_matrix_totals_per_funder_and_function(db):
    first = make_person("Alpha")
    make_allocation(first, 0.5, "PSSP", date(2014, 1, 1), function_code="psychologue")
    make_allocation(first, 0.5, "SPW", date(2014, 1, 1), function_code="psychologue")
    second = make_person("Bravo")
    make_allocation(second, 0.5, "MARIBEL", date(2014, 1, 1), function_code="assistant_social")
    matrix = staffing_matrix(Period.day(date(2014, 6, 1)))
    assert [row.person_name for row in matrix.rows] == ["Alpha", "Bravo"]
    assert matrix.rows[0].by_funder == {"PSSP": 0.5, "SPW": 0.5}
    assert matrix.totals_by_funder == {"MARIBEL": 0.5, "PSSP": 0.5, "SPW": 0.5}
    assert matrix.totals_by_function == {"assistant_social": 0.5, "psychologue": 1.0}
    assert matrix.total == 1.5


allocations = st.lists(
    st.tuples(
        st.integers(min_value=-40, max_value=400),  # start, days after 01/01/2014
        st.one_of(st.none(), st.integers(min_value=0, max_value=300)),  # length, or open-ended
        st.sampled_from(["0.1", "0.2", "0.25", "0.3", "0.5"]),
        st.sampled_from(["PSSP", "SPW", "PCS"]),
    ),
    min_size=1, max_size=4,
)


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=allocations, start_offset=st.integers(0, 200), length=st.integers(0, 120))
def test_period_average_is_the_mean_of_the_daily_figures(db, rows, start_offset, length):
    """Averaging over a period equals the integral of the at-date figure, divided by its days."""
    savepoint = db.session.begin_nested()
    try:
        base = date(2014, 1, 1)
        for index, (offset, span, fte, funder_code) in enumerate(rows):
            person = make_person(f"Propriété {index}")  # one person each: never above 1 FTE
            start = base + timedelta(days=offset)
            end = None if span is None else start + timedelta(days=span)
            make_allocation(person, fte, funder_code, start, end)
        period = Period(base + timedelta(days=start_offset),
                        base + timedelta(days=start_offset + length))
        daily = [fte_by_funder(Period.day(day)).total for day in period.each_day()]
        assert abs(fte_by_funder(period).total - sum(daily) / period.days) < 1e-5
    finally:
        savepoint.rollback()
