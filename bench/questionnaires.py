"""Benchmark of the questionnaires (issue 6), measured side by side in one run.

On 1,000,000 stored activities over 10 years (2016-2025):
1. the JSON of `cocof-ambulatoire` for 2025 (definition read and checked, every figure, table
   and list computed, JSON written) against the bare SQL GROUP BY queries it needs, written
   by hand and run with no engine around them. Target: at most 2x.
2. The PDF of the same questionnaire. Target: under 5 seconds.

Runs on a throw-away database: SQLite by default, or a fresh database on the PostgreSQL server
named by DATABASE_URL. Usage: `make bench` (or `.venv/bin/python -m bench.questionnaires`).
"""

import sys
from datetime import date
from pathlib import Path

from sqlalchemy import func, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.activities import STORED_ROWS, bench_database, fill, timed  # noqa: E402
from tracker.activities.models import Activity  # noqa: E402
from tracker.activities.vocabulary import Vocabulary  # noqa: E402
from tracker.actors import Actor, act_as  # noqa: E402
from tracker.demo import demo_steps  # noqa: E402
from tracker.demo.activities import load_activities  # noqa: E402
from tracker.extensions import db  # noqa: E402
from tracker.questionnaires.outputs import render  # noqa: E402
from tracker.questionnaires.registry import get_definition  # noqa: E402
from tracker.questionnaires.report import build_report  # noqa: E402

YEAR = 2025
RUNS = 5


def bare_queries(vocabulary: Vocabulary) -> list[tuple[str, dict]]:
    """The GROUP BY queries the COCOF questionnaire needs, as plain SQL."""
    postgres = db.engine.dialect.name == "postgresql"
    year_of = "EXTRACT(YEAR FROM a.date)" if postgres else "CAST(strftime('%Y', a.date) AS INTEGER)"
    month_of = "EXTRACT(MONTH FROM a.date)" if postgres else \
        "CAST(strftime('%m', a.date) AS INTEGER)"
    weekday_of = "EXTRACT(ISODOW FROM a.date)" if postgres else \
        "((CAST(strftime('%w', a.date) AS INTEGER) + 6) % 7 + 1)"
    hour_of = "EXTRACT(HOUR FROM a.start_time)" if postgres else \
        "CAST(strftime('%H', a.start_time) AS INTEGER)"

    def type_id(code):
        return vocabulary.find("type", code).id

    def value_id(dimension, code):
        return vocabulary.find(dimension, code).id

    period = {"start": date(YEAR, 1, 1), "end": date(YEAR, 12, 31)}
    ten_years = {"start": date(YEAR - 9, 1, 1), "end": date(YEAR, 12, 31)}
    where = "a.date >= :start AND a.date <= :end AND a.type_id = :type"
    queries = []

    def count(type_code, extra="", params=None):
        """A figure, or the total of the tables with the same filter (computed once)."""
        queries.append((f"SELECT count(*) FROM activity a WHERE {where}{extra}",
                        {**period, "type": type_id(type_code), **(params or {})}))

    def by_dimensions(type_code, dimensions, extra="", params=None):
        """One GROUP BY value for the tables of several dimensions over the same activities
        (each keeps its dimension's values), and their total."""
        queries.append((
            f"SELECT av.value_id, count(*) FROM activity a JOIN activity_value av "
            f"ON av.activity_id = a.id WHERE {where}{extra} GROUP BY av.value_id",
            {**period, "type": type_id(type_code), **(params or {})}))
        count(type_code, extra, params)  # the total the shares are taken of

    queries.append((f"SELECT {year_of}, count(*) FROM activity a WHERE {where} GROUP BY 1",
                    {**ten_years, "type": type_id("appel")}))
    queries.append((f"SELECT {year_of}, avg(a.duree_min) FROM activity a WHERE {where} "
                    f"GROUP BY 1", {**ten_years, "type": type_id("appel")}))
    queries.append((f"SELECT avg(a.duree_min) FROM activity a WHERE {where}",
                    {**ten_years, "type": type_id("appel")}))
    queries.append((f"SELECT {month_of}, count(*) FROM activity a WHERE {where} GROUP BY 1",
                    {**period, "type": type_id("appel")}))
    queries.append((f"SELECT {weekday_of}, {hour_of}, count(*) FROM activity a WHERE {where} "
                    f"GROUP BY 1, 2", {**period, "type": type_id("appel")}))
    by_dimensions("appel", ["produits", "type_appelant", "genre", "tranche_age", "region",
                            "premier_contact", "suite"])
    by_dimensions("courriel", ["type_appelant"])
    queries.append((f"SELECT count(DISTINCT a.dossier_hash) FROM activity a WHERE {where}",
                    {**period, "type": type_id("consultation")}))
    first = (" AND EXISTS (SELECT 1 FROM activity_value v WHERE v.activity_id = a.id "
             "AND v.value_id = :first)")
    count("consultation", first, {"first": value_id("premier_contact", "oui")})
    places = (" AND EXISTS (SELECT 1 FROM activity_value v WHERE v.activity_id = a.id "
              "AND v.value_id IN (:p1, :p2, :p3))")
    by_dimensions("consultation", ["lieu"], places,
                  {f"p{n}": value_id("lieu", code) for n, code in
                   enumerate(("intra_muros", "extra_muros", "domicile"), start=1)})
    by_dimensions("consultation", ["demande", "envoyeur", "tranche_age"])
    return queries


def main() -> None:
    with bench_database():
        act_as(Actor(None, "benchmark"))
        for step in demo_steps():  # the demo's association, team and conventions, for the lists
            if step is not load_activities:
                step()
        db.session.commit()
        seconds = fill(STORED_ROWS)
        total = db.session.scalar(db.select(func.count(Activity.id)))
        print(f"stored {total:,} activities in {seconds:.0f} s", flush=True)
        definition = get_definition("cocof-ambulatoire")
        queries = bare_queries(Vocabulary.load())

        def bare():
            for sql, params in queries:
                db.session.execute(text(sql), params).all()

        def engine_json():  # computed afresh, as the first view after a change
            render(build_report(definition, YEAR, cached=False), "json")

        def engine_pdf():
            render(build_report(definition, YEAR, cached=False), "pdf")

        def cached_json():  # seen again: its figures from the cache (tracker/figure_cache.py)
            render(build_report(definition, YEAR), "json")

        timings = {"bare": [], "json": [], "pdf": [], "cached": []}
        bare(), engine_json(), cached_json()  # warm the caches once, then alternate
        for _ in range(RUNS):
            timings["bare"].append(timed(bare))
            timings["json"].append(timed(engine_json))
            timings["pdf"].append(timed(engine_pdf))
            timings["cached"].append(timed(cached_json))
        best = {name: min(values) for name, values in timings.items()}
        print(f"cocof-ambulatoire {YEAR}: {len(queries)} bare GROUP BY queries "
              f"{best['bare']:.3f} s, JSON {best['json']:.3f} s, ratio "
              f"{best['json'] / best['bare']:.2f} (target <= 2); PDF {best['pdf']:.3f} s "
              f"(target < 5 s); JSON seen again (cached) {best['cached']:.3f} s; "
              f"best of {RUNS}", flush=True)


if __name__ == "__main__":
    main()
