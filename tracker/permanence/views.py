"""« Permanence »: the organisations (in force, planned) with their line-hours, their slots,
and the weeks observed with the calls missed per slot. The office edits; the board reads."""

from datetime import date, timedelta

from flask import render_template, request, url_for
from flask_login import current_user

from tracker.auth.roles import OFFICE, READERS, role_required
from tracker.forms import choices
from tracker.permanence import bp
from tracker.permanence.forms import ScheduleForm, SlotForm, WeekForm
from tracker.permanence.models import PermanenceSchedule, PermanenceSlot
from tracker.permanence.services import (
    add_schedule,
    add_slot,
    delete_slot,
    list_schedules,
    list_weeks,
    missed_means,
    planned_schedule,
    record_week,
    schedule_in_force,
)
from tracker.web import get_or_404, run_action, submit_form, submit_inline


def _schedule_form() -> ScheduleForm:
    form = ScheduleForm()
    form.copy_of.choices = choices([("", "—")] + [(schedule.id, schedule.label)
                                                 for schedule in list_schedules()])
    return form


def _page(schedule_form: ScheduleForm | None = None, week_form: WeekForm | None = None):
    today = date.today()
    current = schedule_in_force(today)
    week_form = week_form or WeekForm()
    if week_form.week_start.data is None:
        week_form.week_start.data = today - timedelta(days=today.weekday() + 7)
    return render_template(
        "permanence/index.html", schedules=list_schedules(), current=current,
        planned=planned_schedule(), weeks=list_weeks(), office=current_user.role in OFFICE,
        schedule_form=schedule_form or _schedule_form(), slot_form=SlotForm(),
        week_form=week_form, means=missed_means(date(today.year - 1, 1, 1), today))


@bp.get("/")
@role_required(*READERS)
def index():
    return _page()


@bp.post("/organisations")
@role_required(*OFFICE)
def schedule_add():
    form = _schedule_form()
    done = submit_form(
        form, lambda: add_schedule(
            label=form.label.data, valid_from=form.valid_from.data, planned=form.planned.data,
            copy_of=get_or_404(PermanenceSchedule, form.copy_of.data)
            if form.copy_of.data else None),
        success=lambda schedule: f"Organisation « {schedule.label} » créée.",
        then=lambda schedule: url_for("permanence.index") + f"#organisation-{schedule.id}")
    return done or _page(schedule_form=form)


@bp.post("/organisations/<int:schedule_id>/plages")
@role_required(*OFFICE)
def slot_add(schedule_id: int):
    schedule = get_or_404(PermanenceSchedule, schedule_id)
    form = SlotForm()
    return submit_inline(
        form, lambda: add_slot(schedule, weekday=form.weekday.data, start=form.start_time.data,
                               end=form.end_time.data, label=form.label.data,
                               lines=form.lines.data),
        success=lambda slot: f"Plage « {slot.label} » ajoutée.", refused="Plage non ajoutée",
        then=url_for("permanence.index") + f"#organisation-{schedule.id}")


@bp.post("/plages/<int:slot_id>/supprimer")
@role_required(*OFFICE)
def slot_delete(slot_id: int):
    slot = get_or_404(PermanenceSlot, slot_id)
    anchor = f"#organisation-{slot.schedule_id}"
    return run_action(lambda: delete_slot(slot), success=f"Plage « {slot.label} » supprimée.",
                      then=url_for("permanence.index") + anchor)


@bp.post("/semaines")
@role_required(*OFFICE)
def week_record():
    form = WeekForm()
    missed = {}
    for key, value in request.form.items():
        if key.startswith("plage-") and key[6:].isdigit():
            text = value.strip()
            missed[int(key[6:])] = int(text) if text.isdigit() and len(text) < 5 else None
    done = submit_form(
        form, lambda: record_week(form.week_start.data, missed, form.from_log.data),
        success=lambda week: f"Appels manqués de la {week} enregistrés.",
        then=url_for("permanence.index") + "#semaines")
    return done or _page(week_form=form)
