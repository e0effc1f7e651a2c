"""Asking for a job, taking it, running it, and reading how far it is.

The request stores the upload and a row, and returns at once. The scheduler process takes
waiting jobs one at a time (an UPDATE that only one process can win), runs them, and writes
their progress into a small file next to the upload that the page reads. A job found
running when the scheduler starts was cut by a crash or a restart: it is marked failed (what
it wrote is removed by its module's clean-up: nothing is kept half-written).
"""

import json
import os
import socket
import time
from dataclasses import asdict, is_dataclass
from datetime import timedelta
from pathlib import Path

from flask import current_app, url_for
from flask_login import current_user
from sqlalchemy import update

from tracker.actors import Actor, act_as, current_actor
from tracker.auth.roles import Role
from tracker.db import utcnow
from tracker.errors import DomainError, not_written
from tracker.extensions import db
from tracker.formatting import format_number
from tracker.jobs.kinds import JOB_ID, KINDS
from tracker.jobs.models import BackgroundJob
from tracker.tabular import CellError, TableRefused

INTERRUPTED = ("Interrompu par un arrêt du serveur : rien n'a été enregistré. "
               "Recommencez (renvoyez le fichier ou cliquez à nouveau).")
INTERRUPTED_AFTER_WRITING = ("Interrompu par un arrêt du serveur : les {rows} lignes déjà "
                             "écrites ont été retirées, rien n'a été enregistré. Recommencez "
                             "(renvoyez le fichier).")
UNEXPECTED = ("Erreur inattendue pendant le traitement : rien n'a été enregistré. "
              "Réessayez ; si cela se reproduit, prévenez la personne qui gère le serveur.")
PROGRESS_INTERVAL = 0.25  # seconds between two writes of the progress file
NOBODY_TAKES_IT = timedelta(minutes=1)


def _folder() -> Path:
    folder = Path(current_app.config["JOBS_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _upload_path(job_id: int) -> Path:
    return _folder() / f"{job_id}.upload"


def _progress_path(job_id: int) -> Path:
    return _folder() / f"{job_id}.progress.json"


def _write_whole(path: Path, content: bytes) -> None:
    """Write the file so that a reader in another process sees the old one or the new one,
    never half of it."""
    temporary = path.with_suffix(".part")
    try:
        temporary.write_bytes(content)
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)
        raise


def submit_job(kind: str, content: bytes | None, filename: str, params: dict) -> BackgroundJob:
    """Store the upload (if any) and the job (flushed; the view commits). The scheduler takes
    it."""
    actor = current_actor()
    job = BackgroundJob(kind=kind, user_id=actor.user_id, actor=actor.label,
                        filename=filename[:255], params=json.dumps(params))
    db.session.add(job)
    db.session.flush()
    try:
        _progress_path(job.id).unlink(missing_ok=True)  # a number used before a restore
        if content is not None:
            _write_whole(_upload_path(job.id), content)
    except OSError as error:
        raise not_written(error, "file") from error
    return job


def job_page_url(job: BackgroundJob) -> str:
    """The page that follows the job (the upload page, the questionnaire…)."""
    kind = KINDS[job.kind]
    params = json.loads(job.params)
    return url_for(kind.page, tache=job.id, **{name: params[name] for name in kind.page_params})


def claim_next(worker: str) -> int | None:
    """Take the oldest waiting job for this process, or None. Two processes can never take
    the same one: the UPDATE only changes a row still waiting, and says whether it did."""
    while True:
        job_id = db.session.scalar(db.select(BackgroundJob.id).where(
            BackgroundJob.status == "en_attente").order_by(BackgroundJob.id).limit(1))
        if job_id is None:
            db.session.commit()
            return None
        taken = db.session.execute(update(BackgroundJob).where(
            BackgroundJob.id == job_id, BackgroundJob.status == "en_attente"
        ).values(status="en_cours", worker=worker[:100], started_at=utcnow()))
        db.session.commit()
        if taken.rowcount == 1:
            return job_id


class ProgressFile:
    """The job's progress, written atomically at most every PROGRESS_INTERVAL seconds."""

    def __init__(self, job_id: int):
        self.path, self.last = _progress_path(job_id), 0.0

    def __call__(self, phase: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.last < PROGRESS_INTERVAL and done < total:
            return
        self.last = now
        _write_whole(self.path, json.dumps({"phase": phase, "done": done,
                                            "total": total}).encode())


def run_job(job_id: int) -> BackgroundJob:
    """Run a job this process has claimed; its result (report, refusal or failure) stored."""
    job = db.session.get(BackgroundJob, job_id)
    kind, filename = KINDS[job.kind], job.filename
    params = json.loads(job.params) | {JOB_ID: job_id}
    act_as(Actor(job.user_id, job.actor))
    db.session.commit()  # the job's own work begins in a transaction of its own
    upload = _upload_path(job_id)
    status, result = "termine", {}
    try:
        content = upload.read_bytes() if upload.exists() else b""
        report = kind.run(content, filename, params, ProgressFile(job_id))
        result = {"report": asdict(report) if is_dataclass(report) else report}
    except TableRefused as refused:
        db.session.rollback()
        status = "refuse"
        result = {"errors": [[error.line, error.column, error.message]
                             for error in refused.errors]}
    except DomainError as error:
        db.session.rollback()
        status, result = "refuse", {"refusal": error.message}
    except Exception:  # noqa: BLE001 (the job fails in French; the trace goes to the log)
        db.session.rollback()
        current_app.logger.exception("Tâche %s (%s) échouée", job_id, kind.code)
        status, result = "echoue", {"failure": UNEXPECTED}
    job = db.session.get(BackgroundJob, job_id)
    job.status, job.finished_at = status, utcnow()
    job.result = json.dumps(result, ensure_ascii=False)
    db.session.commit()
    upload.unlink(missing_ok=True)
    _progress_path(job_id).unlink(missing_ok=True)
    return job


def run_waiting_jobs() -> int:
    """Run every waiting job, one after the other (the scheduler calls this each second)."""
    worker = f"{socket.gethostname()}:{os.getpid()}"
    count = 0
    while (job_id := claim_next(worker)) is not None:
        run_job(job_id)
        count += 1
    return count


def interrupted_job_ids() -> list[int]:
    """At the scheduler's start (it is the only one): jobs still « en cours » belonged to a
    process that died."""
    return list(db.session.scalars(db.select(BackgroundJob.id).where(
        BackgroundJob.status == "en_cours")))


def fail_interrupted_jobs(rows_removed: dict[int, int] | None = None) -> int:
    """Those jobs failed in French, saying what was removed of what they had written."""
    jobs = list(db.session.scalars(db.select(BackgroundJob).where(
        BackgroundJob.status == "en_cours")))
    for job in jobs:
        removed = (rows_removed or {}).get(job.id, 0)
        failure = INTERRUPTED if not removed else INTERRUPTED_AFTER_WRITING.format(
            rows=format_number(removed))
        job.status, job.finished_at = "echoue", utcnow()
        job.result = json.dumps({"failure": failure}, ensure_ascii=False)
        _upload_path(job.id).unlink(missing_ok=True)
    db.session.commit()
    return len(jobs)


def progress_of(job: BackgroundJob) -> dict:
    """{phase, done, total, percent} as last written (before any: waiting)."""
    try:
        progress = json.loads(_progress_path(job.id).read_text())
    except (OSError, ValueError):
        progress = {"phase": _waiting(job) if job.status == "en_attente" else "Démarrage",
                    "done": 0, "total": 0}
    total = progress["total"]
    progress["percent"] = round(100 * progress["done"] / total) if total else 0
    return progress


def _waiting(job: BackgroundJob) -> str:
    """A job is taken within a second: one still waiting after a minute means that the
    scheduler does not run."""
    if utcnow() - job.created_at > NOBODY_TAKES_IT:
        return ("Toujours en attente : le planificateur du serveur ne semble pas tourner. "
                "Prévenez la personne qui gère le serveur (tracker doctor).")
    return "En attente du traitement"


def job_outcome(job: BackgroundJob) -> dict:
    """What an import page shows of a finished job: report, errors, refusal or failure."""
    result = json.loads(job.result or "{}")
    errors = [CellError(*error) for error in result.get("errors", [])]
    return {"report": result.get("report"), "errors": errors,
            "refusal": result.get("refusal") or result.get("failure")}


def _is_director() -> bool:
    return current_user.is_authenticated and current_user.role == Role.DIRECTOR


def job_of_user(job_id: int) -> BackgroundJob | None:
    """A job its asker (or the director) may follow; None otherwise."""
    job = db.session.get(BackgroundJob, job_id)
    if job is None or (job.user_id != current_actor().user_id and not _is_director()):
        return None
    return job


def jobs_of_user(limit: int = 50) -> list[BackgroundJob]:
    """The signed-in user's jobs, newest first (the director sees everyone's)."""
    query = db.select(BackgroundJob).order_by(BackgroundJob.id.desc()).limit(limit)
    if not _is_director():
        query = query.where(BackgroundJob.user_id == current_actor().user_id)
    return list(db.session.scalars(query))
