"""Meetings of the CA and the AG, and the statutes: the director records, the secretary and
the board read."""

from flask import render_template, request, url_for
from flask_login import current_user

from tracker.auth.roles import READERS, Role, role_required
from tracker.forms import choices, optional_int
from tracker.governance import bp
from tracker.governance.forms import DecisionForm, MeetingForm, StatutesForm
from tracker.governance.meetings import (
    add_decision,
    attendance_counts,
    delete_meeting,
    list_meetings,
    list_statutes,
    logged_meetings,
    members_of_body,
    save_attendance,
    save_meeting,
    save_statutes,
)
from tracker.governance.models import Meeting, StatutesVersion
from tracker.governance.services import list_mandates
from tracker.governance.views import attach_document, document_form, documents_shown
from tracker.governance.vocabulary import BODIES, PRESENCES
from tracker.params import DAY, query_arg
from tracker.web import get_or_404, run_action, submit_form, submit_inline


@bp.get("/reunions")
@role_required(*READERS)
def meetings():
    director = current_user.role == Role.DIRECTOR
    return render_template("governance/meetings.html", meetings=list_meetings(),
                           logged=logged_meetings() if director else [], bodies=BODIES,
                           director=director)


@bp.route("/reunions/nouvelle", methods=["GET", "POST"])
@bp.route("/reunions/<int:meeting_id>/modifier", methods=["GET", "POST"])
@role_required(Role.DIRECTOR)
def meeting_form(meeting_id: int | None = None):
    meeting = get_or_404(Meeting, meeting_id) if meeting_id else None
    form = MeetingForm(obj=meeting)
    if not form.is_submitted():
        if meeting is not None:
            form.accounts_approved.data = meeting.accounts_year is not None
        else:  # « Décrire » a CA / AG meeting logged as an activity: its date, linked
            form.held_on.data = query_arg("date", DAY, None)
            form.activity_id.data = request.args.get("activite", "")
    done = submit_form(
        form, lambda: save_meeting(
            meeting, body=form.body.data, kind=form.kind.data, held_on=form.held_on.data,
            quorum_reached=form.quorum_reached.data, agenda=form.agenda.data,
            accounts_approved=form.accounts_approved.data,
            accounts_year=form.accounts_year.data,
            activity_id=optional_int(form.activity_id.data)),
        success="Réunion enregistrée.",
        then=lambda saved: url_for("governance.meeting", meeting_id=saved.id))
    return done or render_template("governance/meeting_form.html", form=form, meeting=meeting)


def _decision_form(meeting: Meeting) -> DecisionForm:
    form = DecisionForm()
    form.mandate_id.choices = choices([(0, "—")] + [
        (mandate.id, f"{mandate} (depuis le {mandate.start_date:%d/%m/%Y})")
        for mandate in list_mandates()])
    form.statutes_id.choices = choices([(0, "—")] + [
        (version.id, str(version)) for version in list_statutes()])
    return form


@bp.get("/reunions/<int:meeting_id>")
@role_required(*READERS)
def meeting(meeting_id: int):
    meeting = get_or_404(Meeting, meeting_id)
    director = current_user.role == Role.DIRECTOR
    presence = {row.member_id: row.presence for row in meeting.attendance}
    return render_template(
        "governance/meeting.html", meeting=meeting, director=director,
        members=members_of_body(meeting), presence=presence, presences=PRESENCES,
        counts=attendance_counts(meeting), bodies=BODIES,
        decision_form=_decision_form(meeting) if director else None,
        form=document_form(meeting.documents) if director else None,
        **documents_shown(meeting.documents))


@bp.post("/reunions/<int:meeting_id>/presences")
@role_required(Role.DIRECTOR)
def attendance(meeting_id: int):
    meeting = get_or_404(Meeting, meeting_id)
    presences = {}
    for mandate in members_of_body(meeting):
        presences[mandate.member_id] = request.form.get(f"presence-{mandate.member_id}", "")
    return run_action(lambda: save_attendance(meeting, presences),
                      success="Présences enregistrées.",
                      then=url_for("governance.meeting", meeting_id=meeting.id))


@bp.post("/reunions/<int:meeting_id>/decisions")
@role_required(Role.DIRECTOR)
def decision(meeting_id: int):
    meeting = get_or_404(Meeting, meeting_id)
    form = _decision_form(meeting)
    return submit_inline(
        form, lambda: add_decision(meeting, text=form.text.data, vote=form.vote.data,
                                   mandate_id=form.mandate_id.data,
                                   statutes_id=form.statutes_id.data),
        success="Décision ajoutée.", refused="Décision non ajoutée",
        then=url_for("governance.meeting", meeting_id=meeting.id))


@bp.post("/reunions/<int:meeting_id>/documents")
@role_required(Role.DIRECTOR)
def meeting_document(meeting_id: int):
    meeting = get_or_404(Meeting, meeting_id)
    return attach_document("meeting", meeting,
                           url_for("governance.meeting", meeting_id=meeting.id))


@bp.post("/reunions/<int:meeting_id>/supprimer")
@role_required(Role.DIRECTOR)
def meeting_delete(meeting_id: int):
    meeting = get_or_404(Meeting, meeting_id)
    return run_action(lambda: delete_meeting(meeting), success="Réunion supprimée.",
                      then=url_for("governance.meetings"))


def _statutes_form() -> StatutesForm:
    form = StatutesForm()
    form.meeting_id.choices = choices([(0, "—")] + [
        (meeting.id, str(meeting)) for meeting in list_meetings() if meeting.body == "ag"])
    return form


def _statutes_page(form: StatutesForm | None):
    director = current_user.role == Role.DIRECTOR
    versions = list_statutes()
    shown = {version.id: documents_shown(version.documents) for version in versions}
    forms = {version.id: document_form(version.documents) for version in versions} \
        if director else {}
    return render_template("governance/statutes.html", versions=versions, shown=shown,
                           forms=forms, form=form, director=director)


@bp.get("/statuts")
@role_required(*READERS)
def statutes():
    return _statutes_page(_statutes_form() if current_user.role == Role.DIRECTOR else None)


@bp.post("/statuts")
@role_required(Role.DIRECTOR)
def statutes_add():
    form = _statutes_form()
    done = submit_form(form, lambda: save_statutes(
        None, adopted_on=form.adopted_on.data, meeting_id=form.meeting_id.data,
        filed_on=form.filed_on.data, published_on=form.published_on.data,
        moniteur_reference=form.moniteur_reference.data, summary=form.summary.data),
        success="Version des statuts enregistrée.", then=url_for("governance.statutes"))
    return done or _statutes_page(form)


@bp.post("/statuts/<int:statutes_id>/documents")
@role_required(Role.DIRECTOR)
def statutes_document(statutes_id: int):
    version = get_or_404(StatutesVersion, statutes_id)
    return attach_document("statutes", version, url_for("governance.statutes"))
