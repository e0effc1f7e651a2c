"""Load benchmark (issue 31): the application served by gunicorn on the loopback, as the
deploy guide runs it, on 1,000,000 activities.

1. One user at a time: every page of every role (the demo's four accounts), each seen
   PAGE_RUNS times after WARM_UP views, p50 and p95; and the questionnaire page's first view
   after an activity of its year changed (its figures computed afresh).
2. 20 signed-in users at once for LOAD_SECONDS (at most MAX_REQUESTS requests): page views of
   every role and calls saved by the staff, under each server setting of SETTINGS (the
   shipped gunicorn.conf.py last, beside others): req/s, p50/p95/p99 and errors, in all and
   per page.

Runs on a throw-away database: SQLite by default, or a fresh database on the PostgreSQL
server named by DATABASE_URL; removed afterwards. Usage: `make bench` (or
`.venv/bin/python -m bench.load`); BENCH_STORED_ROWS changes the number of activities,
BENCH_LOAD_GROWTH=1 measures the one-user pages at a tenth of the rows, then at all of
them (growth per 10× data, side by side in one run), BENCH_LOAD_SHIPPED_ONLY=1 the
shipped setting alone, BENCH_LOAD_SETTINGS="sync 3 1;
gthread 3 4" others (worker class, workers, threads) before it.
"""

import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import requests
from sqlalchemy import func

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.activities import STORED_ROWS, bench_database, fill  # noqa: E402
from tracker.activities.models import Activity  # noqa: E402
from tracker.actors import Actor, act_as  # noqa: E402
from tracker.demo import demo_steps  # noqa: E402
from tracker.demo.activities import load_activities  # noqa: E402
from tracker.demo.foundation import DEMO_LOGINS  # noqa: E402
from tracker.extensions import db  # noqa: E402

USERS = 20
GROWTH = bool(os.environ.get("BENCH_LOAD_GROWTH"))  # one user at ROWS / 10, then at ROWS
LOAD_SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "60"))
MAX_REQUESTS = 60_000  # bounded in count as well as in time
PAGE_RUNS, WARM_UP = 20, 4  # warm-up views reach both workers' figure caches
QUESTIONNAIRE = "/questionnaires/cocof-ambulatoire/2025"
SAVE = "POST /activites/nouvelle (appel)"
# (label, gunicorn arguments): other settings, then the shipped gunicorn.conf.py as it is
# (3 synchronous workers; the one-user pages are measured on it)
SETTINGS = [("sync, 2 workers", ["--worker-class", "sync", "--workers", "2", "--threads", "1"]),
            ("gthread, 2 workers × 4 threads", ["--worker-class", "gthread", "--workers", "2",
                                                "--threads", "4"]),
            ("gthread, 2 workers × 8 threads", ["--worker-class", "gthread", "--workers", "2",
                                                "--threads", "8"]),
            ("gunicorn.conf.py as shipped", [])]
if os.environ.get("BENCH_LOAD_SHIPPED_ONLY"):  # e.g. the one-user pages at 100,000 activities
    SETTINGS = SETTINGS[-1:]
elif os.environ.get("BENCH_LOAD_SETTINGS"):  # others to compare: "sync 3 1; gthread 3 4"
    SETTINGS = [(f"{kind}, {workers} workers × {threads} threads",
                 ["--worker-class", kind, "--workers", workers, "--threads", threads])
                for kind, workers, threads in (setting.split() for setting in
                                               os.environ["BENCH_LOAD_SETTINGS"].split(";"))
                ] + SETTINGS[-1:]
# who uses the application at once: mostly the staff logging, a few office and board readers
CROWD = ["director"] * 2 + ["secretary"] * 3 + ["board"] * 2 + ["staff"] * 13
ROLE_OF_LOGIN = {"direction": "director", "secretariat": "secretary", "ca": "board",
                 "equipe": "staff"}
EXTRA_PAGES = {  # pages with arguments the users open every day
    "director": [QUESTIONNAIRE, "/activites/?type=appel&du=01/01/2025&au=31/12/2025",
                 "/activites/?apres=2018-06-01.100000&page=2000"],
    "secretary": [QUESTIONNAIRE, "/questionnaires/pcs/2025", "/activites/?type=appel"],
    "board": [QUESTIONNAIRE],
    "staff": ["/activites/nouvelle?type=appel"],
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """gunicorn serving wsgi:app on the loopback with the deploy's configuration file."""

    def __init__(self, app, arguments: list[str]):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        environment = {**os.environ, "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
                       "SECRET_KEY": app.config["SECRET_KEY"],
                       "TRACKER_INSTANCE_PATH": app.instance_path, "WEB_ACCESS_LOG": ""}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", str(ROOT / "gunicorn.conf.py"),
             "--bind", f"127.0.0.1:{self.port}", *arguments, "wsgi:app"],
            cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.url}/sante", timeout=10).ok:
                    return
            except requests.RequestException:  # not listening yet, or its workers booting
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("gunicorn did not start: " + self.process.stderr.read().decode())

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def signed_in(server: Server, email: str, password: str) -> requests.Session:
    session = requests.Session()
    token = csrf_of(session.get(f"{server.url}/login").text)
    answer = session.post(f"{server.url}/login", allow_redirects=False,
                          data={"email": email, "password": password, "csrf_token": token,
                                "form_sent": "1"})
    assert answer.status_code == 302, (email, answer.status_code)
    return session


def csrf_of(page: str) -> str:
    return re.search(r'<meta name="csrf-token" content="([^"]+)"', page).group(1)


def pages_of(server: Server, session: requests.Session, role: str, app) -> list[str]:
    """Every page without arguments this role may open (200), and its everyday pages."""
    found = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda rule: rule.rule):
        if "<" in rule.rule or "GET" not in rule.methods or rule.rule in ("/logout", "/login") \
                or rule.rule.startswith(("/static", "/sante")):
            continue
        answer = session.get(server.url + rule.rule, allow_redirects=False)
        if answer.status_code == 200 and "html" in answer.headers.get("Content-Type", ""):
            found.append(rule.rule)
    return found + EXTRA_PAGES[role]


def save_call(server: Server, session: requests.Session, day: date | None = None) -> int:
    """A call logged as the staff do: the form, then the post (a call of today by default)."""
    form = session.get(f"{server.url}/activites/nouvelle?type=appel").text
    return session.post(f"{server.url}/activites/nouvelle?type=appel", allow_redirects=False,
                        data={"csrf_token": csrf_of(form), "form_sent": "1",
                              "date": (day or date.today()).isoformat(), "duree_min": "6",
                              "then": "new"}).status_code


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def one_user(server: Server, sessions: dict, pages: dict) -> list[tuple]:
    rows = []
    for role, role_pages in pages.items():
        session = sessions[role]
        for page in role_pages:
            for _ in range(WARM_UP):
                session.get(server.url + page)
            timings = []
            for _ in range(PAGE_RUNS):
                started = time.perf_counter()
                answer = session.get(server.url + page)
                timings.append(time.perf_counter() - started)
                assert answer.status_code == 200, (role, page, answer.status_code)
            rows.append((role, page, statistics.median(timings) * 1000,
                         percentile(timings, 0.95) * 1000))
    return rows


def first_view_after_a_change(server: Server, sessions: dict) -> list[float]:
    """An activity of 2025 saved, then the questionnaire of 2025 seen: computed afresh."""
    timings = []
    for _ in range(5):
        assert save_call(server, sessions["staff"], date(2025, 11, 14)) == 302
        started = time.perf_counter()
        assert sessions["secretary"].get(server.url + QUESTIONNAIRE).status_code == 200
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def crowd(server: Server, logins: dict, pages: dict) -> dict:
    """USERS threads, each signed in as its role, for LOAD_SECONDS or MAX_REQUESTS."""
    timings: dict[str, list[float]] = {}
    errors: dict[str, int] = {}
    lock, stop, ready = threading.Lock(), threading.Event(), threading.Barrier(USERS + 1)
    count = [0]

    def user(number: int, role: str):
        rng = random.Random(number)
        session = signed_in(server, *logins[role])
        ready.wait()
        while not stop.is_set():
            saving = role == "staff" and rng.random() < 0.3
            label = SAVE if saving else rng.choice(pages[role])
            started = time.perf_counter()
            try:
                status = save_call(server, session) if saving else \
                    session.get(server.url + label, allow_redirects=False).status_code
                failed = status != (302 if saving else 200)
            except requests.RequestException:
                failed = True
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                timings.setdefault(label, []).append(elapsed)
                errors[label] = errors.get(label, 0) + failed
                count[0] += 2 if saving else 1  # a save is two requests: the form, then POST
                if count[0] >= MAX_REQUESTS:
                    stop.set()

    threads = [threading.Thread(target=user, args=(number, role))
               for number, role in enumerate(CROWD)]
    for thread in threads:
        thread.start()
    ready.wait()  # every user signed in before the clock starts
    started = time.perf_counter()
    stop.wait(LOAD_SECONDS)
    stop.set()
    with lock:
        elapsed, requests_done = time.perf_counter() - started, count[0]
        snapshot = {label: list(values) for label, values in timings.items()}
    for thread in threads:
        thread.join()
    every = [value for values in snapshot.values() for value in values]
    return {"seconds": elapsed, "requests": requests_done, "rate": requests_done / elapsed,
            "p50": percentile(every, 0.5), "p95": percentile(every, 0.95),
            "p99": percentile(every, 0.99), "errors": sum(errors.values()),
            "pages": {label: (len(values), percentile(values, 0.5), percentile(values, 0.95),
                              percentile(values, 0.99), errors.get(label, 0))
                      for label, values in sorted(snapshot.items())}}


def one_user_table(app, logins: dict) -> dict:
    """Every page of every role, one user, on the shipped setting: {(role, page): (p50,
    p95)}, with the questionnaire's first view after a change."""
    server = Server(app, [])
    try:
        sessions = {role: signed_in(server, *login) for role, login in logins.items()}
        pages = {role: pages_of(server, sessions[role], role, app) for role in sessions}
        table = {(role, page): (p50, p95)
                 for role, page, p50, p95 in one_user(server, sessions, pages)}
        changed = statistics.median(first_view_after_a_change(server, sessions))
        table[("secretary", QUESTIONNAIRE + " first view after a change")] = (changed, changed)
    finally:
        server.stop()
    return table


def print_crowd(app, logins: dict, label: str, arguments: list[str]) -> None:
    server = Server(app, arguments)
    try:
        sessions = {role: signed_in(server, *login) for role, login in logins.items()}
        result = crowd(server, logins, {role: pages_of(server, sessions[role], role, app)
                                        for role in sessions})
    finally:
        server.stop()
    print(f"{USERS} users, {label}: {result['requests']:,} requests in "
          f"{result['seconds']:.0f} s = {result['rate']:.0f} req/s, p50 "
          f"{result['p50']:.0f} ms, p95 {result['p95']:.0f} ms, p99 "
          f"{result['p99']:.0f} ms, {result['errors']} errors", flush=True)
    for page, (count, p50, p95, p99, failed) in result["pages"].items():
        print(f"    {page}: {count} | p50 {p50:.0f} | p95 {p95:.0f} | p99 {p99:.0f} "
              f"| errors {failed}", flush=True)


def stored(rows: int, start: int = 0) -> None:
    seconds = fill(rows, start)
    total = db.session.scalar(db.select(func.count(Activity.id)))
    print(f"database: {db.engine.dialect.name}, {total:,} activities stored in "
          f"{seconds:.0f} s; {os.cpu_count()} cores", flush=True)
    db.session.remove()
    db.engine.dispose()


def main() -> None:
    with bench_database() as app:
        act_as(Actor(None, "benchmark"))
        for step in demo_steps():  # the demo's association, accounts, team and conventions
            if step is not load_activities:
                step()
        db.session.commit()
        logins = {ROLE_OF_LOGIN[email.split("@")[0]]: (email, password)
                  for email, password, _name, _role in DEMO_LOGINS}
        smaller = None
        if GROWTH:  # the same pages at a tenth of the rows first, in this same run
            stored(STORED_ROWS // 10)
            smaller = one_user_table(app, logins)
        stored(STORED_ROWS, STORED_ROWS // 10 if GROWTH else 0)
        for (role, page), (p50, p95) in one_user_table(app, logins).items():
            growth = "" if smaller is None else \
                f" | ×{p95 / smaller[(role, page)][1]:.2f} p95 per 10× data " \
                f"(from {smaller[(role, page)][1]:.1f} ms)"
            print(f"one user | {role} | {page} | p50 {p50:.1f} ms | p95 {p95:.1f} ms"
                  f"{growth}", flush=True)
        if not GROWTH:
            for label, arguments in SETTINGS:
                print_crowd(app, logins, label, arguments)


if __name__ == "__main__":
    main()
