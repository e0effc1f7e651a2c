"""Deadline pages: mark submitted with a proof, the proof itself, the month calendar, and the
personal iCalendar feed (a secret URL that works without signing in)."""

from datetime import date, timedelta

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from tracker.auth.roles import OFFICE, READERS, public, role_required
from tracker.deadlines import bp
from tracker.deadlines.dashboard import (
    calendar_feed,
    mark_submitted,
    month_grid,
    renew_calendar_token,
    revoke_calendar_token,
    user_for_calendar_token,
)
from tracker.deadlines.forms import SubmitForm
from tracker.deadlines.models import Deadline
from tracker.deadlines.vocabulary import DEADLINE_KINDS, DEADLINE_STATUSES
from tracker.documents import download
from tracker.documents.storage import read_document, store_document
from tracker.errors import ValidationError
from tracker.extensions import db
from tracker.forms import apply_validation_error

MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre"]


@bp.route("/<int:deadline_id>/soumettre", methods=["GET", "POST"])
@role_required(*OFFICE)
def submit(deadline_id: int):
    deadline = db.session.get(Deadline, deadline_id) or abort(404)
    form = SubmitForm()
    if form.validate_on_submit():
        try:
            stored = filename = None
            if form.proof_file.data and form.proof_file.data.filename:
                stored, filename = store_document(form.proof_file.data, "proof_file")
            mark_submitted(deadline, submitted_on=form.submitted_on.data,
                           reference=form.proof_reference.data, stored_as=stored,
                           filename=filename)
        except ValidationError as error:
            db.session.rollback()
            apply_validation_error(form, error)
        else:
            db.session.commit()
            flash(f"« {deadline.title} » marquée comme soumise.", "success")
            return redirect(url_for("home.index"))
    return render_template("deadlines/submit.html", form=form, deadline=deadline,
                           kinds=DEADLINE_KINDS)


@bp.get("/<int:deadline_id>/preuve")
@role_required(*READERS)
def proof(deadline_id: int):
    deadline = db.session.get(Deadline, deadline_id) or abort(404)
    if not deadline.proof_stored_as:
        abort(404)
    return download(read_document(deadline.proof_stored_as), deadline.proof_filename or "preuve")


@bp.get("/calendrier")
@role_required(*READERS)
def month():
    today = date.today()
    try:
        year, month_number = (int(part) for part in request.args.get(
            "mois", f"{today:%Y-%m}").split("-"))
        first = date(year, month_number, 1)
    except ValueError:
        first = today.replace(day=1)
    weeks, by_day = month_grid(first.year, first.month)
    previous = (first - timedelta(days=1)).replace(day=1)
    following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    return render_template(
        "deadlines/calendar.html", weeks=weeks, by_day=by_day, first=first, today=today,
        month_name=MONTHS[first.month - 1], previous=previous, following=following,
        statuses=DEADLINE_STATUSES,
        feed_url=url_for("deadlines.feed", token=current_user.ical_token, _external=True)
        if current_user.ical_token else None)


@bp.post("/calendrier/jeton")
@role_required(*OFFICE)
def feed_token():
    if request.form.get("action") == "revoquer":
        revoke_calendar_token(current_user)
        message = "Lien d'agenda révoqué : l'ancien lien ne fonctionne plus."
    else:
        renew_calendar_token(current_user)
        message = "Nouveau lien d'agenda créé (l'ancien, s'il existait, ne fonctionne plus)."
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("deadlines.month"))


@bp.get("/agenda/<token>.ics")
@public
def feed(token: str):
    user = user_for_calendar_token(token)
    if user is None:
        abort(404)
    response = Response(calendar_feed(user, request.host.split(":")[0]),
                        mimetype="text/calendar")
    response.headers["Content-Disposition"] = 'inline; filename="echeances.ics"'
    response.headers["Cache-Control"] = "no-store"
    return response
