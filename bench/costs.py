"""Benchmark of personnel costs charged to funders (issue 18), side by side in one run.

300 people × 10 years of monthly costs (36,000 person-months), each person with one or two
allocations a year (a change of funder mid-month included). The per-funder costs of a year
(`finance.charging.charged_costs`: FTE × days weights, cents split exactly, non-ventilé)
against the bare SQL that sums the same year's costs per funder (a join on the allocation of
the month, no weights, no split). Target: at most 2×.

Usage: `make bench` (SQLite) or `make bench-postgres`.
"""

import random
import statistics
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, insert, select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.activities import bench_database  # noqa: E402
from tracker.extensions import db  # noqa: E402
from tracker.finance.charging import charged_costs  # noqa: E402
from tracker.finance.models import PersonnelCost  # noqa: E402
from tracker.funders.models import Funder  # noqa: E402
from tracker.periods import overlaps  # noqa: E402
from tracker.staffing.models import Allocation, Person  # noqa: E402

PEOPLE, FIRST_YEAR, YEARS = 300, 2016, 10
FUNDERS = ["COCOF", "SPW", "PSSP", "AVIQ", "APE", "MARIBEL", "ACS", "PCS"]


def fill() -> int:
    rng = random.Random(18)
    funders = {code: db.session.scalar(select(Funder.id).where(Funder.code == code))
               for code in FUNDERS}
    people = [{"id": number, "full_name": f"Personne {number:03d}", "training": ""}
              for number in range(1, PEOPLE + 1)]
    db.session.execute(insert(Person), people)
    allocations, costs, allocation_id = [], [], 0
    for person in range(1, PEOPLE + 1):
        for year in range(FIRST_YEAR, FIRST_YEAR + YEARS):
            change = date(year, rng.randint(1, 12), rng.randint(1, 28))
            first, second = rng.sample(FUNDERS, 2)
            next_day = date.fromordinal(change.toordinal() + 1)
            for funder, start, end in ((first, date(year, 1, 1), change),
                                       (second, next_day, date(year, 12, 31))):
                allocation_id += 1
                allocations.append({"id": allocation_id, "person_id": person,
                                    "function_code": "psychologue",
                                    "fte": Decimal(rng.choice(["0.5", "0.8", "1"])),
                                    "funder_id": funders[funder], "start_date": start,
                                    "end_date": end, "end_reason": ""})
            for month in range(1, 13):
                last = (date(year + month // 12, month % 12 + 1, 1).toordinal() - 1)
                costs.append({"person_id": person, "month": date(year, month, 1),
                              "month_end": date.fromordinal(last), "kind": "salaire",
                              "amount_cents": rng.randint(150000, 600000)})
    db.session.execute(insert(Allocation), allocations)
    for start in range(0, len(costs), 10000):
        db.session.execute(insert(PersonnelCost), costs[start:start + 10000])
    db.session.commit()
    if db.engine.dialect.name == "postgresql":
        db.session.execute(db.text("ANALYZE personnel_cost, allocation"))
        db.session.commit()
    return len(costs)


def bare(start: date, end: date) -> dict:
    """The reference: the year's costs summed per funder through the month's allocations."""
    return dict(db.session.execute(
        select(Allocation.funder_id, func.sum(PersonnelCost.amount_cents))
        .join(Allocation, (Allocation.person_id == PersonnelCost.person_id)
              & overlaps(Allocation, PersonnelCost.month, PersonnelCost.month_end))
        .where(PersonnelCost.month >= start, PersonnelCost.month <= end,
               overlaps(Allocation, start, end))
        .group_by(Allocation.funder_id)).all())


def timed(action, runs: int = 7) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def main() -> None:
    with bench_database():
        rows = fill()
        start, end = date(2024, 1, 1), date(2024, 12, 31)
        reference = timed(lambda: bare(start, end))
        charged = timed(lambda: charged_costs(start, end))
        print(f"costs: {rows:,} person-months, {PEOPLE} people; one year per funder: bare sum "
              f"{reference * 1000:.1f} ms, charged (FTE × days, exact cents) "
              f"{charged * 1000:.1f} ms, ratio {charged / reference:.2f} (target <= 2)",
              flush=True)


if __name__ == "__main__":
    main()
