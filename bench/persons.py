"""Benchmark of a table in persons (issue 25), side by side in one run.

100,000 dossiers and 1,000,000 consultations over ten years (one in eight missed or
cancelled); each dossier holds a gender and a status from its first contact, a quarter of
them change status later. « Persons by gender » for one year (`persons_by_value`: distinct
dossiers with a consultation held, each under the value its dossier holds at the year's end)
against the bare SQL: COUNT(DISTINCT dossier) of the year's consultations joined to the
dossiers' gender, GROUP BY the value (no history, no presence). Target: at most 1.5×.

Usage: `make bench` (SQLite) or `make bench-postgres`.
"""

import hashlib
import os
import random
import statistics
import sys
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import distinct, func, insert, select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.activities import bench_database, timed  # noqa: E402
from tracker.activities.models import Activity  # noqa: E402
from tracker.activities.vocabulary import Vocabulary  # noqa: E402
from tracker.dossiers.models import Dossier, DossierValue  # noqa: E402
from tracker.extensions import db  # noqa: E402
from tracker.questionnaires.figure_persons import persons_by_value  # noqa: E402
from tracker.questionnaires.schema import Item, Metric  # noqa: E402

DOSSIERS = int(os.environ.get("BENCH_DOSSIERS", "100000"))
ACTIVITIES = int(os.environ.get("BENCH_STORED_ROWS", "1000000"))
FIRST_YEAR, YEARS, YEAR = 2016, 10, 2024
CHUNK = 20000


def _hash(number: int) -> str:
    return hashlib.sha256(f"bench-{number}".encode()).hexdigest()


def fill() -> None:
    rng = random.Random(25)
    vocabulary = Vocabulary.load()
    consultation = vocabulary.find("type", "consultation").id
    genders = [vocabulary.find("genre", code).id for code in ("feminin", "masculin")]
    statuses = [vocabulary.find("statut", code).id for code in ("usager", "entourage")]
    first_day = date(FIRST_YEAR, 1, 1).toordinal()
    span = YEARS * 365
    intake = {number: first_day + rng.randrange(span - 30) for number in range(DOSSIERS)}
    db.session.execute(insert(Dossier), [{"id": number + 1, "hash": _hash(number),
                                          "created_at": date(2026, 1, 1)}
                                         for number in range(DOSSIERS)])
    values = []
    for number in range(DOSSIERS):
        since = date.fromordinal(intake[number])
        values.append({"dossier_id": number + 1, "dimension_code": "genre",
                       "value_id": rng.choice(genders), "valid_from": since})
        values.append({"dossier_id": number + 1, "dimension_code": "statut",
                       "value_id": statuses[1], "valid_from": since})
        if number % 4 == 0:
            values.append({"dossier_id": number + 1, "dimension_code": "statut",
                           "value_id": statuses[0], "valid_from": since + timedelta(days=200)})
    for start in range(0, len(values), CHUNK):
        db.session.execute(insert(DossierValue), [
            dict(row, recorded_at=date(2026, 1, 1)) for row in values[start:start + CHUNK]])
    rows = []
    for index in range(ACTIVITIES):
        number = rng.randrange(DOSSIERS)
        day = min(intake[number] + int(rng.expovariate(1 / 200)), first_day + span - 1)
        rows.append({"date": date.fromordinal(day), "type_id": consultation,
                     "duree_min": 50, "service": "", "dossier_hash": _hash(number),
                     "presence": rng.choices(["venu", "absent", "annule"], [7, 0.7, 0.3])[0],
                     "received": False, "purpose": "", "place": "",
                     "created_at": date(2026, 1, 1)})
        if len(rows) == CHUNK or index == ACTIVITIES - 1:
            db.session.execute(insert(Activity), rows)
            rows = []
    db.session.commit()
    if db.engine.dialect.name == "postgresql":
        db.session.execute(db.text("ANALYZE activity, dossier, dossier_value"))
        db.session.commit()


ITEM = Item(id="genre", label="Genre", type="table", metric=Metric("persons"),
            where=(("type", ("consultation",)),), by=("genre",))


def measured(start: date, end: date) -> dict:
    return persons_by_value(ITEM, start, end, Vocabulary.load())


def bare(start: date, end: date) -> dict:
    consultation = Vocabulary.load().find("type", "consultation").id
    return dict(db.session.execute(
        select(DossierValue.value_id, func.count(distinct(Activity.dossier_hash)))
        .select_from(Activity)
        .join(Dossier, Dossier.hash == Activity.dossier_hash)
        .join(DossierValue, (DossierValue.dossier_id == Dossier.id)
              & (DossierValue.dimension_code == "genre"))
        .where(Activity.type_id == consultation, Activity.date.between(start, end))
        .group_by(DossierValue.value_id)).all())


def main() -> None:
    with bench_database():
        seconds = timed(fill)
        print(f"stored {DOSSIERS:,} dossiers and {ACTIVITIES:,} consultations in "
              f"{seconds:.0f} s", flush=True)
        start, end = date(YEAR, 1, 1), date(YEAR, 12, 31)
        persons, reference = measured(start, end), bare(start, end)
        print(f"persons by gender {YEAR}: {sum(persons.values()):,} (bare, every "
              f"consultation: {sum(reference.values()):,})", flush=True)
        runs = {"bare": [], "persons": []}
        for _ in range(5):  # alternating, so that both share the same conditions
            runs["bare"].append(timed(lambda: bare(start, end)))
            runs["persons"].append(timed(lambda: measured(start, end)))
        bare_s, persons_s = (statistics.median(runs[key]) for key in ("bare", "persons"))
        print(f"persons by a dossier's dimension: bare COUNT(DISTINCT) {bare_s * 1000:.0f} ms, "
              f"persons_by_value {persons_s * 1000:.0f} ms, ratio {persons_s / bare_s:.2f} "
              f"(target <= 1.5)", flush=True)


if __name__ == "__main__":
    main()
