"""The signed-in user's jobs (the director sees everyone's), and one job's progress as JSON
for the page's progress bar."""

from flask import abort, jsonify, render_template

from tracker.auth.roles import OFFICE, role_required
from tracker.jobs import bp
from tracker.jobs.kinds import KINDS
from tracker.jobs.services import job_of_user, job_page_url, jobs_of_user, progress_of


@bp.get("/")
@role_required(*OFFICE)
def index():
    jobs = jobs_of_user()
    return render_template("jobs/index.html", jobs=jobs, kinds=KINDS,
                           pages={job.id: job_page_url(job) for job in jobs if job.kind in KINDS})


@bp.get("/<int:job_id>.json")
@role_required(*OFFICE)
def progress(job_id: int):
    job = job_of_user(job_id) or abort(404)
    return jsonify(status=job.status, status_label=job.status_label, finished=job.finished,
                   url=job_page_url(job), **progress_of(job))
