"""What a page does with jobs: send the upload (or the button's work) to the scheduler and
follow it (`?tache=<id>`): its progress while it runs, then its result in place."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, redirect, request
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from tracker.auth.roles import OFFICE, role_required
from tracker.documents import download
from tracker.documents.import_templates import TEMPLATE_FORMATS, import_template
from tracker.errors import ValidationError
from tracker.extensions import db
from tracker.forms import apply_validation_error
from tracker.jobs.kinds import KINDS
from tracker.jobs.models import BackgroundJob
from tracker.jobs.services import (
    job_of_user,
    job_outcome,
    job_page_url,
    progress_of,
    submit_job,
)
from tracker.params import bounded_int, format_in_url


@dataclass
class JobOutcome:
    """What a page shows of its job: nothing yet, the job running, or its result."""

    job: BackgroundJob | None = None
    label: str = ""  # « Import d'activités »
    progress: dict | None = None  # while the job runs
    report: Any = None
    errors: list = field(default_factory=list)  # the cells refused, line by line
    refusal: str | None = None  # a refusal of the whole file (already imported…), a failure


def submit_import(form: FlaskForm, kind: str, params: dict) -> Response | None:
    """A valid upload becomes a job and the page follows it; None: show the form again."""
    if not form.validate_on_submit():
        return None
    upload = form.file.data
    try:
        job = submit_job(kind, upload.read(), upload.filename or "", params)
    except ValidationError as error:  # the file could not be kept for the scheduler
        db.session.rollback()
        apply_validation_error(form, error)
        return None
    finally:
        upload.close()  # a large upload was spooled to a temporary file
    return _follow(job)


def submit_work(kind: str, params: dict) -> Response:
    """A button whose work may take more than a second (finalising a questionnaire): a job,
    and the page follows it."""
    return _follow(submit_job(kind, None, "", params))


def _follow(job: BackgroundJob) -> Response:
    """The job kept, and the page that follows it."""
    db.session.commit()
    return redirect(job_page_url(job))


def followed_job() -> JobOutcome:
    """The job named by ?tache= (the user's own), as far as it is."""
    job_id = request.args.get("tache", type=bounded_int)
    job = job_of_user(job_id) if job_id else None
    if job is None:
        return JobOutcome()
    label = KINDS[job.kind].label if job.kind in KINDS else job.kind
    if not job.finished:
        return JobOutcome(job=job, label=label, progress=progress_of(job))
    return JobOutcome(job=job, label=label, **job_outcome(job))


def add_import_template_route(blueprint: Blueprint, rows: Callable[[], tuple[list, list]],
                              stem: str) -> None:
    """The import page's file to fill in (`/import/modele.csv` or `.xlsx`, the office's):
    one route for every import, each module giving its header and example rows."""

    @role_required(*OFFICE)
    def import_template_file(extension: str) -> Response:
        headers, examples = rows()
        return download(import_template(headers, examples, extension), f"{stem}.{extension}")

    blueprint.add_url_rule(f"/import/modele.{format_in_url(TEMPLATE_FORMATS)}",
                           "import_template_file", import_template_file)
