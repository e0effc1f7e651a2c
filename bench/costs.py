"""Benchmark of the costs charged to funders (issue 18), side by side in one run.

300 people × 10 years of monthly costs (36,000 person-months), each person with one or two
allocations a year (a change of funder mid-month included), each funder with an instrument;
50,000 operating expenses over the ten years, a third of them split between two instruments.
- The per-funder costs of a year (`finance.charging.charged_costs`: FTE × days weights, cents
  split exactly, non-ventilé, operating expenses per instrument) against the bare SQL that sums
  the same year's personnel costs per funder (a join on the allocation of the month, no
  weights, no split) and operating shares per funder. Target: at most 1.5× (issue 31), the
  personnel windows kept while no cost, allocation or person changes; computed afresh too.
- The Justification page of one instrument-year (every person-month and expense line with
  its status), as the secretary and as the board load it over HTTP. Target: under 100 ms.

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
from tracker.auth.roles import Role  # noqa: E402
from tracker.auth.services import create_user  # noqa: E402
from tracker.extensions import db  # noqa: E402
from tracker.figure_cache import forget_all  # noqa: E402
from tracker.finance.charging import charged_costs  # noqa: E402
from tracker.finance.models import Expense, ExpenseShare, PersonnelCost  # noqa: E402
from tracker.funders.models import Funder, Instrument  # noqa: E402
from tracker.periods import overlaps  # noqa: E402
from tracker.staffing.models import Allocation, Person  # noqa: E402

PEOPLE, FIRST_YEAR, YEARS, EXPENSES = 300, 2016, 10, 50_000
FUNDERS = ["COCOF", "SPW", "PSSP", "AVIQ", "APE", "MARIBEL", "ACS", "PCS"]
CATEGORIES = ["loyer", "energie", "materiel", "fournitures", "formation", "deplacements"]
PASSWORD = "banc-essai-justification-18"


def fill() -> int:
    rng = random.Random(18)
    funders = {code: db.session.scalar(select(Funder.id).where(Funder.code == code))
               for code in FUNDERS}
    instruments = {code: index for index, code in enumerate(FUNDERS, start=1)}
    db.session.execute(insert(Instrument), [
        {"id": number, "funder_id": funders[code], "kind": "subvention",
         "title": f"Subvention {code}", "legal_reference": "", "missions": "",
         "start_date": date(2010, 1, 1), "end_date": None, "status": "en_cours",
         "year_start_month": 1} for code, number in instruments.items()])
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
                                    "funder_id": funders[funder],
                                    "instrument_id": instruments[funder], "start_date": start,
                                    "end_date": end, "end_reason": ""})
            for month in range(1, 13):
                last = (date(year + month // 12, month % 12 + 1, 1).toordinal() - 1)
                costs.append({"person_id": person, "month": date(year, month, 1),
                              "month_end": date.fromordinal(last), "kind": "salaire",
                              "amount_cents": rng.randint(150000, 600000)})
    db.session.execute(insert(Allocation), allocations)
    for start in range(0, len(costs), 10000):
        db.session.execute(insert(PersonnelCost), costs[start:start + 10000])
    expenses, shares = [], []
    for number in range(1, EXPENSES + 1):
        amount = rng.randint(1000, 500000)
        expenses.append({"id": number, "supplier": f"Fournisseur {number % 400}",
                         "spent_on": date.fromordinal(rng.randint(
                             date(FIRST_YEAR, 1, 1).toordinal(),
                             date(FIRST_YEAR + YEARS - 1, 12, 31).toordinal())),
                         "description": "Frais", "category_code": rng.choice(CATEGORIES),
                         "amount_cents": amount, "receipt_name": ""})
        charged = rng.sample(range(1, len(FUNDERS) + 1), 2 if number % 3 == 0 else 1)
        parts = [amount * 60 // 100, amount - amount * 60 // 100] if len(charged) == 2 \
            else [amount]
        shares += [{"expense_id": number, "instrument_id": instrument, "cents": part,
                    "status": "a_justifier", "reason": ""}
                   for instrument, part in zip(charged, parts, strict=True)]
    for start in range(0, EXPENSES, 10000):
        db.session.execute(insert(Expense), expenses[start:start + 10000])
    for start in range(0, len(shares), 10000):
        db.session.execute(insert(ExpenseShare), shares[start:start + 10000])
    create_user("secretariat@bench.example", "Secrétariat", Role.SECRETARY, PASSWORD)
    create_user("ca@bench.example", "Conseil", Role.BOARD, PASSWORD)
    db.session.commit()
    if db.engine.dialect.name == "postgresql":
        db.session.execute(db.text("ANALYZE personnel_cost, allocation, expense, "
                                   "expense_share"))
        db.session.commit()
    return len(costs)


def bare(start: date, end: date) -> tuple[dict, dict]:
    """The reference: the year's costs summed per funder through the month's allocations, and
    the year's operating shares summed per funder."""
    personnel = dict(db.session.execute(
        select(Allocation.funder_id, func.sum(PersonnelCost.amount_cents))
        .join(Allocation, (Allocation.person_id == PersonnelCost.person_id)
              & overlaps(Allocation, PersonnelCost.month, PersonnelCost.month_end))
        .where(PersonnelCost.month >= start, PersonnelCost.month <= end,
               overlaps(Allocation, start, end))
        .group_by(Allocation.funder_id)).all())
    operating = dict(db.session.execute(
        select(Instrument.funder_id, func.sum(ExpenseShare.cents))
        .join(Expense, Expense.id == ExpenseShare.expense_id)
        .join(Instrument, Instrument.id == ExpenseShare.instrument_id)
        .where(Expense.spent_on.between(start, end))
        .group_by(Instrument.funder_id)).all())
    return personnel, operating


def page_timing(app, email: str, url: str) -> tuple[float, int]:
    """Median time of the page over HTTP, signed in (the first load warms the caches)."""
    app.config["WTF_CSRF_ENABLED"] = False
    client = app.test_client()

    def get(path: str, **data):
        with app.app_context():  # a request of its own: nothing cached in `g` from another
            return client.post(path, data=data) if data else client.get(path)
    get("/login", email=email, password=PASSWORD, form_sent="1")
    response = get(url)
    assert response.status_code == 200, response.status_code
    return timed(lambda: get(url)), len(response.data)


def timed(action, runs: int = 7) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def main() -> None:
    with bench_database() as app:
        rows = fill()
        start, end = date(2024, 1, 1), date(2024, 12, 31)
        reference = timed(lambda: bare(start, end))

        def computed():  # the personnel windows computed afresh (a cost changed meanwhile)
            forget_all()
            charged_costs(start, end)

        afresh = timed(computed)
        charged = timed(lambda: charged_costs(start, end))  # windows kept (figure_cache.py)
        print(f"costs: {rows:,} person-months, {PEOPLE} people, {EXPENSES:,} expenses; one "
              f"year per funder: bare sum {reference * 1000:.1f} ms, charged (FTE × days, "
              f"exact cents, operating shares) {charged * 1000:.1f} ms, ratio "
              f"{charged / reference:.2f} (target <= 1.5); computed afresh "
              f"{afresh * 1000:.1f} ms, ratio {afresh / reference:.2f}", flush=True)
        url = "/finances/justification/1/2024"
        for role, email in (("secretary", "secretariat@bench.example"),
                            ("board", "ca@bench.example")):
            timing, size = page_timing(app, email, url)
            print(f"justification page [{role}], one instrument-year: {timing * 1000:.1f} ms "
                  f"({size // 1024} KB of HTML, target < 100 ms)", flush=True)


if __name__ == "__main__":
    main()
