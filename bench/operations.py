"""Benchmark of long imports under load, measured in one run (issue 17).

1. A 200,000-row activity file (every dimension filled, about 14 MB) sent from the upload
   page: how long the request takes (it only stores the file), then how long the job takes
   in the scheduler's runner (checking, then writing in chunks).
2. Meanwhile, one person signs in and another saves a call, again and again: their response
   times and statuses (target: every request succeeds).
3. A 1,000,000-row XLSX sent to an import: refused in French (target: under 5 s).

Runs on a throw-away database: SQLite by default, or a fresh database on the PostgreSQL server
named by DATABASE_URL. Usage: `make bench` (or `.venv/bin/python -m bench.operations`).
"""

import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

from flask_migrate import upgrade
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.activities import synthetic_rows, to_csv  # noqa: E402
from tests.databases import create_test_database  # noqa: E402
from tests.factories import PASSWORD, make_user  # noqa: E402
from tests.functional.test_import_limits import xlsx_with_rows  # noqa: E402
from tests.helpers import csrf_token, post_form, signed_in_client  # noqa: E402
from tracker import create_app  # noqa: E402
from tracker.activities.importer import import_activities  # noqa: E402
from tracker.auth.roles import Role  # noqa: E402
from tracker.extensions import db  # noqa: E402
from tracker.jobs.models import BackgroundJob  # noqa: E402
from tracker.jobs.services import progress_of  # noqa: E402
from tracker.tabular import TableRefused  # noqa: E402

ROWS = int(os.environ.get("BENCH_OPERATIONS_ROWS", "200000"))
RUNNER = ("from tracker import create_app\nfrom tracker.jobs.services import run_waiting_jobs\n"
          "app = create_app()\nwith app.app_context():\n    run_waiting_jobs()\n")


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="tracker-bench-"))
    os.environ.setdefault("TRACKER_INSTANCE_PATH", str(folder / "instance"))
    url, drop = create_test_database(folder, "operations")
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench" * 8})
    try:
        with app.app_context():
            upgrade()
            print(f"database: {db.engine.dialect.name}", flush=True)
            office, signer, saver = (make_user(role).email for role in
                                     (Role.SECRETARY, Role.STAFF, Role.STAFF))
        measure(app, office, signer, saver)
        with app.app_context():
            db.engine.dispose()
    finally:
        drop()
        shutil.rmtree(folder, ignore_errors=True)


def measure(app, office: str, signer: str, saver: str) -> None:
    content = to_csv(synthetic_rows(ROWS, seed=17, first_year=2016, years=8))
    print(f"file: {ROWS:,} rows, {len(content) / 1024 ** 2:.1f} MB", flush=True)
    secretary, staff = signed_in_client(app, office), signed_in_client(app, saver)
    quiet_sign_ins, quiet_saves = [], []
    for _ in range(5):  # the same requests with nothing else running, to compare
        for timings, action in ((quiet_sign_ins, lambda: post_form(
                app.test_client(), "/login", {"email": signer, "password": PASSWORD})),
                (quiet_saves, lambda: post_form(staff, "/activites/nouvelle?type=appel", {
                    "date": date.today().isoformat(), "duree_min": "5", "then": "new"}))):
            began = time.perf_counter()
            action()
            timings.append(time.perf_counter() - began)
    print(f"with nothing else running: sign-in median "
          f"{statistics.median(quiet_sign_ins) * 1000:.0f} ms, call saved median "
          f"{statistics.median(quiet_saves) * 1000:.0f} ms", flush=True)
    boundary, body = encode_multipart({
        "form_sent": "1", "csrf_token": csrf_token(secretary),
        "file": FileStorage(io.BytesIO(content), "appels.csv")})
    started = time.perf_counter()
    response = secretary.post("/activites/import", data=body,
                              content_type=f"multipart/form-data; boundary={boundary}")
    request_s = time.perf_counter() - started
    assert response.status_code == 302, response.status_code
    print(f"upload request: {request_s * 1000:.0f} ms (it stores the file; the job waits)",
          flush=True)

    finished = threading.Event()
    phases: dict[str, float] = {}
    environment = {**os.environ, "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
                   "SECRET_KEY": app.config["SECRET_KEY"], "JOBS_DIR": app.config["JOBS_DIR"],
                   "TRACKER_INSTANCE_PATH": app.instance_path}

    def worker():  # the scheduler's job runner, in a process of its own as in production
        subprocess.run([sys.executable, "-c", RUNNER], env=environment, check=True)
        finished.set()

    def watch():
        with app.app_context():
            while not finished.is_set():
                job = db.session.scalar(db.select(BackgroundJob))
                phase = progress_of(job)["phase"] if not job.finished else "terminé"
                db.session.commit()
                phases.setdefault(phase, time.perf_counter())
                time.sleep(0.1)

    sign_ins, saves, failures = [], [], []

    def load():
        while not finished.is_set():
            for timings, action in ((sign_ins, lambda: post_form(
                    app.test_client(), "/login", {"email": signer, "password": PASSWORD})),
                    (saves, lambda: post_form(staff, "/activites/nouvelle?type=appel", {
                        "date": date.today().isoformat(), "duree_min": "5", "then": "new"}))):
                began = time.perf_counter()
                status = action().status_code
                timings.append(time.perf_counter() - began)
                if status != 302:
                    failures.append(status)
            time.sleep(0.2)

    started = time.perf_counter()
    threads = [threading.Thread(target=target) for target in (worker, watch, load)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    job_s = time.perf_counter() - started
    with app.app_context():
        job = db.session.scalar(db.select(BackgroundJob))
        assert job.status == "termine", job.result
    timeline = ", ".join(f"{phase} at {moment - started:.1f} s"
                         for phase, moment in sorted(phases.items(), key=lambda item: item[1]))
    print(f"job: {job_s:.1f} s in all ({timeline})", flush=True)
    for label, timings in (("sign-in", sign_ins), ("call saved", saves)):
        print(f"{label} during the import: {len(timings)} requests, median "
              f"{statistics.median(timings) * 1000:.0f} ms, max {max(timings) * 1000:.0f} ms",
              flush=True)
    print(f"failed requests: {len(failures)} {failures or ''}", flush=True)

    xlsx = xlsx_with_rows(1_000_000)
    with app.app_context():
        started = time.perf_counter()
        try:
            import_activities(xlsx, "million.xlsx")
        except TableRefused as refused:
            message = refused.errors[0].message
        refusal_s = time.perf_counter() - started
        db.session.rollback()
    print(f"1,000,000-row XLSX ({len(xlsx) / 1024:.0f} KB): refused in {refusal_s:.2f} s "
          f"(target < 5 s): « {message} »", flush=True)


if __name__ == "__main__":
    main()
