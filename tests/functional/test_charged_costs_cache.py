"""A year's charged costs are computed once and read again while nothing they read changes;
a salary, an allocation or a person changed is seen at the next read, and only the years it
touches are computed again."""

import re
from datetime import date

from tests.factories import make_allocation, make_person
from tracker.figure_cache import counts
from tracker.finance.charging import _charged_lines, charged_costs
from tracker.finance.models import PersonnelCost

YEAR_2024 = (date(2024, 1, 1), date(2024, 12, 31))
YEAR_2023 = (date(2023, 1, 1), date(2023, 12, 31))


def salary(db, person, month: date, cents: int) -> PersonnelCost:
    cost = PersonnelCost(person_id=person.id, month=month,
                         month_end=month.replace(day=28), amount_cents=cents)
    db.session.add(cost)
    db.session.commit()
    return cost


def cocof(period) -> int:
    funder = charged_costs(*period).by_funder.get("COCOF")
    return funder.personnel_cents if funder else 0


def test_a_salary_changed_is_charged_at_the_next_read_and_other_years_stay_kept(db):
    person = make_person("Aline Essai")
    make_allocation(person, 1, "COCOF", date(2023, 1, 1))
    salary(db, person, date(2023, 5, 1), 300_000)
    may_2024 = salary(db, person, date(2024, 5, 1), 310_000)
    assert (cocof(YEAR_2023), cocof(YEAR_2024)) == (300_000, 310_000)
    hits = counts["hits"]
    assert (cocof(YEAR_2023), cocof(YEAR_2024)) == (300_000, 310_000)
    assert counts["hits"] == hits + 2  # read again, not computed

    may_2024.amount_cents = 320_000
    db.session.commit()
    misses, hits = counts["misses"], counts["hits"]
    assert cocof(YEAR_2024) == 320_000 and counts["misses"] == misses + 1
    assert cocof(YEAR_2023) == 300_000 and counts["hits"] == hits + 1  # 2023 untouched


def test_an_allocation_moved_to_another_funder_moves_the_cost(db):
    person = make_person("Bruno Essai")
    allocation = make_allocation(person, 1, "COCOF", date(2024, 1, 1))
    salary(db, person, date(2024, 3, 1), 250_000)
    assert cocof(YEAR_2024) == 250_000
    from tests.factories import funder

    allocation.funder_id = funder("SPW").id
    db.session.commit()
    costs = charged_costs(*YEAR_2024)
    assert "COCOF" not in costs.by_funder and costs.by_funder["SPW"].personnel_cents == 250_000


def test_every_table_the_charged_costs_read_is_a_figure_source(db):
    from sqlalchemy import event

    from tracker.extensions import db as database
    from tracker.figure_versions import FigureSource

    read: set[str] = set()

    def capture(_connection, _cursor, statement, *_rest):
        read.update(re.findall(r'\b(?:FROM|JOIN)\s+"?([a-z_]+)"?', statement))

    event.listen(database.engine, "before_cursor_execute", capture)
    try:
        _charged_lines(*YEAR_2024)
    finally:
        event.remove(database.engine, "before_cursor_execute", capture)
    sources = {mapper.local_table.name for mapper in database.Model.registry.mappers
               if issubclass(mapper.class_, FigureSource)}
    tables = read & set(database.metadata.tables)
    assert tables == {"personnel_cost", "allocation"} and tables <= sources
