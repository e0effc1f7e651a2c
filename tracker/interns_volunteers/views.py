"""Interns and volunteers: one page for both lists, a form for each; the office only."""

from flask import render_template, url_for

from tracker.auth.roles import OFFICE, role_required
from tracker.forms import choices
from tracker.interns_volunteers import bp
from tracker.interns_volunteers.forms import InternForm, VolunteerForm
from tracker.interns_volunteers.models import Intern, Volunteer
from tracker.interns_volunteers.services import (
    delete_record,
    list_interns,
    list_volunteers,
    save_intern,
    save_volunteer,
)
from tracker.staffing.services import list_people
from tracker.web import get_or_404, run_action, submit_form

INTERN_FIELDS = ("full_name", "school", "field", "start_date", "end_date", "hours",
                 "supervisor_id")
VOLUNTEER_FIELDS = ("full_name", "mission", "start_date", "end_date", "hours", "hourly_value")


@bp.get("/")
@role_required(*OFFICE)
def index():
    return render_template("interns_volunteers/index.html", interns=list_interns(),
                           volunteers=list_volunteers())


@bp.route("/stagiaires/nouveau", methods=["GET", "POST"])
@bp.route("/stagiaires/<int:intern_id>/modifier", methods=["GET", "POST"])
@role_required(*OFFICE)
def intern_form(intern_id: int | None = None):
    intern = get_or_404(Intern, intern_id) if intern_id else None
    form = InternForm(obj=intern)
    form.supervisor_id.choices = choices([("", "—")] + [(p.id, p.full_name)
                                                        for p in list_people()])
    done = submit_form(
        form, lambda: save_intern(intern, **{name: form[name].data for name in INTERN_FIELDS}),
        success="Stagiaire enregistré(e).", then=url_for("interns_volunteers.index"))
    return done or render_template("interns_volunteers/form.html", form=form, record=intern,
                                   title="Stagiaire")


@bp.route("/benevoles/nouveau", methods=["GET", "POST"])
@bp.route("/benevoles/<int:volunteer_id>/modifier", methods=["GET", "POST"])
@role_required(*OFFICE)
def volunteer_form(volunteer_id: int | None = None):
    volunteer = get_or_404(Volunteer, volunteer_id) if volunteer_id else None
    form = VolunteerForm(obj=volunteer)
    done = submit_form(
        form, lambda: save_volunteer(volunteer, **{name: form[name].data
                                                   for name in VOLUNTEER_FIELDS}),
        success="Bénévole enregistré(e).", then=url_for("interns_volunteers.index"))
    return done or render_template("interns_volunteers/form.html", form=form, record=volunteer,
                                   title="Bénévole")


@bp.post("/stagiaires/<int:intern_id>/supprimer")
@role_required(*OFFICE)
def intern_delete(intern_id: int):
    intern = get_or_404(Intern, intern_id)
    return run_action(lambda: delete_record(intern), success="Fiche de stagiaire supprimée.",
                      then=url_for("interns_volunteers.index"))


@bp.post("/benevoles/<int:volunteer_id>/supprimer")
@role_required(*OFFICE)
def volunteer_delete(volunteer_id: int):
    volunteer = get_or_404(Volunteer, volunteer_id)
    return run_action(lambda: delete_record(volunteer), success="Fiche de bénévole supprimée.",
                      then=url_for("interns_volunteers.index"))
