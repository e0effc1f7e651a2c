"""On 200,000 activities, measured in one run as ratios to one bare full scan of the activity
table: a questionnaire page seen a second time (its figures from the cache) costs less than
the scan, and « Mes activités » of a member of staff with no record less than a quarter of it
(the author's index)."""

import random
import statistics
import time
from datetime import date, timedelta

from sqlalchemy import insert, text

from tracker.activities.models import Activity
from tracker.activities.vocabulary import Vocabulary
from tracker.auth.roles import Role
from tracker.figure_versions import figures_changed

COUNT = 200_000


def fill(db) -> None:
    rng, call = random.Random(7), Vocabulary.load().find("type", "appel").id
    start = date(2016, 1, 1)
    rows = [{"date": start + timedelta(days=rng.randrange(3650)), "type_id": call,
             "duree_min": rng.randint(2, 60), "service": ""} for _ in range(COUNT)]
    connection = db.session.connection()
    for first in range(0, COUNT, 20_000):
        connection.execute(insert(Activity), rows[first:first + 20_000])
    figures_changed(db.session)  # written past the session's objects, said by hand
    db.session.execute(text("ANALYZE"))


def bare_scan(db) -> None:
    """One bare full scan: every row of the table read by the driver's own cursor (no ORM,
    no rows built by SQLAlchemy), the columns a figure over all history reads."""
    cursor = db.session.connection().connection.cursor()
    cursor.execute("SELECT id, date, type_id, duree_min, person_id, created_by_id "
                   "FROM activity")
    cursor.fetchall()
    cursor.close()


def median_ms(action, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def test_a_page_seen_again_and_an_empty_own_list_cost_less_than_a_scan(client, db, login_as):
    fill(db)
    scan = median_ms(lambda: bare_scan(db))
    counting = median_ms(lambda: db.session.execute(
        text("SELECT count(*), sum(length(service)) FROM activity")).all())
    print(f"\n(a count over every row, inside the database: {counting:.1f} ms)")
    login_as(Role.SECRETARY)
    page = "/questionnaires/cocof-ambulatoire/2025"
    assert client.get(page).status_code == 200  # the first view computes
    again = median_ms(lambda: client.get(page))
    print(f"\nbare scan {scan:.1f} ms, questionnaire seen again {again:.1f} ms")
    assert again < scan, (again, scan)

    client.get("/logout")  # a member of staff who logged nothing
    login_as(Role.STAFF)
    own = median_ms(lambda: client.get("/activites/miennes"))
    print(f"« Mes activités » with no record {own:.1f} ms")
    assert own < scan / 4, (own, scan)
