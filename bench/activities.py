"""Benchmark of the activity log, measured side by side in one run (issue 4).

1. Import of 100,000 activity rows (CSV: parse, check every cell, write one batch) against a
   bare bulk insert of the same rows (already-built dicts, no checks): executemany on SQLite
   (target: 3x), a bare COPY on PostgreSQL, where imports also COPY (target: 1.5x, issue 31).
2. The filtered activity list on 1,000,000 stored activities, and page 2 against page 2,000
   of the unfiltered list (keyset pagination). Target: under 100 ms.

Runs on a throw-away database: SQLite by default, or a fresh database on the PostgreSQL server
named by DATABASE_URL. Usage: `make bench` (or `.venv/bin/python -m bench.activities`).
"""

import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import delete, func

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.databases import create_test_database  # noqa: E402
from tracker import create_app  # noqa: E402
from tracker.activities.importer import import_activities  # noqa: E402
from tracker.activities.listing import (  # noqa: E402
    PAGE_SIZE,
    ActivityFilters,
    filtered_activities,
    list_activities,
)
from tracker.activities.models import Activity, ActivityValue, ImportBatch  # noqa: E402
from tracker.activities.vocabulary import Vocabulary  # noqa: E402
from tracker.bulk_insert import insert_rows  # noqa: E402
from tracker.extensions import db  # noqa: E402

IMPORT_ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "100000"))
STORED_ROWS = int(os.environ.get("BENCH_STORED_ROWS", "1000000"))
HEADER = ["date", "type", "duree_min", "type_appelant", "genre", "tranche_age", "region",
          "premier_contact", "produits", "suite"]
CHOICES = {
    "type_appelant": ["consommateur", "proche", "professionnel"],
    "genre": ["feminin", "masculin"],
    "tranche_age": ["12-17", "18-29", "30-44", "45-64", "65-79", "80+", "inconnu"],
    "region": ["bruxelles", "wallonie", "flandre", "etranger"],
    "premier_contact": ["oui", "non"],
    "produits": ["cannabis", "cocaine", "alcool", "benzodiazepines", "heroine", "methadone"],
    "suite": ["orientation_externe", "orientation_interne", "travail_pendant_appel"],
}


def synthetic_rows(count: int, seed: int, first_year: int, years: int) -> list[dict[str, str]]:
    """Realistic calls: every dimension filled, 1-2 products and follow-ups per call."""
    rng = random.Random(seed)
    start, span = date(first_year, 1, 1), 365 * years
    rows = []
    for _ in range(count):
        row = {"date": (start + timedelta(days=rng.randrange(span))).strftime("%d/%m/%Y"),
               "type": "appel", "duree_min": str(rng.randint(2, 60))}
        for dimension, values in CHOICES.items():
            if dimension in ("produits", "suite"):
                row[dimension] = "|".join(rng.sample(values, rng.randint(1, 2)))
            else:
                row[dimension] = rng.choice(values)
        rows.append(row)
    return rows


def to_csv(rows: list[dict[str, str]]) -> bytes:
    lines = [";".join(HEADER)] + [";".join(row[column] for column in HEADER) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def to_records(rows, vocabulary: Vocabulary, first_id: int):
    """The same rows as ready-made insert parameters (what a bare bulk insert receives)."""
    call = vocabulary.find("type", "appel").id
    activities, links = [], []
    for offset, row in enumerate(rows):
        activity_id = first_id + offset
        day, month, year = row["date"].split("/")
        activities.append({"id": activity_id, "date": date(int(year), int(month), int(day)),
                           "type_id": call, "duree_min": int(row["duree_min"]), "service": ""})
        for dimension in CHOICES:
            for code in row[dimension].split("|"):
                links.append({"activity_id": activity_id, "dimension_code": dimension,
                              "value_id": vocabulary.find(dimension, code).id})
    return activities, links


def bare_insert(activities, links, chunk: int = 20000) -> None:
    """The rows as they are: executemany on SQLite, a bare COPY on PostgreSQL."""
    connection = db.session.connection()
    for start in range(0, len(activities), chunk):
        insert_rows(connection, Activity.__table__, activities[start:start + chunk])
    for start in range(0, len(links), chunk * 4):
        insert_rows(connection, ActivityValue.__table__, links[start:start + chunk * 4])


def clear() -> None:
    """Empty the activity tables between runs (TRUNCATE on PostgreSQL: a DELETE would check
    every foreign key row by row)."""
    if db.engine.dialect.name == "postgresql":
        db.session.execute(db.text("TRUNCATE activity_value, activity, import_batch"))
    else:
        db.session.execute(delete(ActivityValue))
        db.session.execute(delete(Activity))
        db.session.execute(delete(ImportBatch))
    db.session.commit()


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def measure_import() -> dict:
    vocabulary = Vocabulary.load()
    rows = synthetic_rows(IMPORT_ROWS, seed=1, first_year=2022, years=1)
    content = to_csv(rows)
    activities, links = to_records(rows, vocabulary, first_id=10_000_000)

    def bare():
        bare_insert(activities, links)
        db.session.commit()

    def full():
        import_activities(content, "bench.csv", force=True)
        db.session.commit()

    results = {"bare": [], "import": []}
    for _ in range(2):  # alternate, twice each, and keep the best of each
        clear()
        results["bare"].append(timed(bare))
        clear()
        results["import"].append(timed(full))
    clear()
    best_bare, best_import = min(results["bare"]), min(results["import"])
    return {"rows": IMPORT_ROWS, "value_rows": len(links), "bare_s": best_bare,
            "import_s": best_import, "ratio": best_import / best_bare}


def fill(count: int, start: int = 0) -> float:
    """Synthetic calls number `start` + 1 to `count`, numbered after the stored ones (more
    rows on a filled table too)."""
    vocabulary = Vocabulary.load()
    started = time.perf_counter()
    batch = 100_000
    last_id = db.session.scalar(db.select(func.coalesce(func.max(Activity.id), 0)))
    for first in range(start, count, batch):
        rows = synthetic_rows(min(batch, count - first), seed=first, first_year=2016, years=10)
        activities, links = to_records(rows, vocabulary, first_id=last_id + first - start + 1)
        bare_insert(activities, links)
        db.session.commit()
    if db.engine.dialect.name == "postgresql":
        db.session.execute(func.setval("activity_id_seq", last_id + count - start + 1).select())
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM ANALYZE")  # autovacuum would run meanwhile
    else:
        db.session.execute(db.text("ANALYZE"))
    db.session.commit()
    return time.perf_counter() - started


def measure_list() -> dict:
    vocabulary = Vocabulary.load()
    wallonia = vocabulary.find("region", "wallonie").id
    cocaine = vocabulary.find("produits", "cocaine").id
    cases = {
        "no filter, page 1": ActivityFilters(),
        "one year + type": ActivityFilters(start=date(2022, 1, 1), end=date(2022, 12, 31),
                                           type_code="appel"),
        "one month + type + region": ActivityFilters(
            start=date(2023, 3, 1), end=date(2023, 3, 31), type_code="appel",
            value_ids=[wallonia]),
        "year + region + product": ActivityFilters(
            start=date(2024, 1, 1), end=date(2024, 12, 31), value_ids=[wallonia, cocaine]),
    }
    timings = {}
    for label, filters in cases.items():
        runs = []
        for page in (1, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1):
            db.session.expunge_all()
            runs.append(timed(lambda f=filters, p=page: page_at(f, p, vocabulary)))
        runs = runs[1:]  # the first run warms the caches
        timings[label] = {"median_ms": statistics.median(runs) * 1000,
                          "max_ms": max(runs) * 1000}
    unfiltered = ActivityFilters()
    for number in (2, 2000):  # keyset pagination: a deep page costs what page 2 costs
        runs = []
        for _ in range(11):
            db.session.expunge_all()
            runs.append(timed(lambda n=number: page_at(unfiltered, n, vocabulary)))
        timings[f"no filter, page {number:,}"] = {
            "median_ms": statistics.median(runs[1:]) * 1000, "max_ms": max(runs[1:]) * 1000}
    return timings


def page_at(filters: ActivityFilters, number: int, vocabulary: Vocabulary):
    """Page `number` as its « Suivant » link reaches it: after the last row of the page
    before, that row found once with OFFSET (in the first run, which is not counted)."""
    if number == 1:
        return list_activities(filters, vocabulary)
    row = POSITIONS.get((id(filters), number))
    if row is None:
        query = filtered_activities(filters, vocabulary).offset((number - 1) * PAGE_SIZE - 1)
        row = db.session.scalars(query.limit(1)).one()
        POSITIONS[(id(filters), number)] = row = (row.date, row.id)
    return list_activities(filters, vocabulary, after=row, number=number)


POSITIONS: dict = {}


@contextmanager
def bench_database():
    """An app on a throw-away, migrated database (SQLite, or a fresh PostgreSQL database on
    the server DATABASE_URL names), inside an app and request context; dropped afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="tracker-bench-"))
    os.environ.setdefault("TRACKER_INSTANCE_PATH", str(folder / "instance"))
    url, drop = create_test_database(folder, "bench")
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    try:
        with app.app_context(), app.test_request_context():
            upgrade()
            print(f"database: {db.engine.dialect.name}", flush=True)
            yield app
            db.session.remove()
            db.engine.dispose()
    finally:
        drop()
        shutil.rmtree(folder, ignore_errors=True)  # a million activities: about 1 GB


def main() -> None:
    with bench_database():
        result = measure_import()
        print(f"import {result['rows']:,} rows ({result['value_rows']:,} value rows): "
              f"bare bulk insert {result['bare_s']:.2f} s, import {result['import_s']:.2f} s, "
              f"ratio {result['ratio']:.2f} (target <= "
              f"{1.5 if db.engine.dialect.name == 'postgresql' else 3})", flush=True)
        fill_seconds = fill(STORED_ROWS)
        total = db.session.scalar(db.select(func.count(Activity.id)))
        print(f"stored {total:,} activities in {fill_seconds:.0f} s", flush=True)
        for label, timing in measure_list().items():
            print(f"list [{label}]: median {timing['median_ms']:.1f} ms, "
                  f"max {timing['max_ms']:.1f} ms (target < 100 ms)", flush=True)


if __name__ == "__main__":
    main()
