"""A deadline's life on its pages: correct it, postpone it with a reason, declare it « sans
objet », record the funder's answer."""

from flask import render_template, url_for
from wtforms import SelectChoice

from tracker.auth.roles import OFFICE, ROLE_VALUE_LABELS, role_required
from tracker.auth.services import list_users
from tracker.deadlines import bp
from tracker.deadlines.forms import AnswerForm, DismissForm, EditDeadlineForm, PostponeForm
from tracker.deadlines.life import (
    OWNER_ROLES,
    dismiss_deadline,
    edit_deadline,
    postpone_deadline,
    record_answer,
)
from tracker.deadlines.models import Deadline
from tracker.deadlines.vocabulary import ANSWERS
from tracker.formatting import format_date, quoted
from tracker.forms import choices
from tracker.web import get_or_404, submit_form, submit_inline


def _owner_choices() -> list[SelectChoice]:
    return choices([("", "Direction (par défaut)")]
                   + [(f"role:{role}", ROLE_VALUE_LABELS[role]) for role in OWNER_ROLES]
                   + [(f"user:{user.id}", user.full_name) for user in list_users()
                      if user.active])


def _owner_of(deadline: Deadline) -> str:
    if deadline.owner_user_id:
        return f"user:{deadline.owner_user_id}"
    return f"role:{deadline.owner_role}" if deadline.owner_role else ""


def _page(deadline: Deadline, edit: EditDeadlineForm | None = None,
          postpone: PostponeForm | None = None, dismiss: DismissForm | None = None):
    if edit is None:
        edit = EditDeadlineForm(prefix="corriger", title=deadline.title,
                                due_date=deadline.due_date, owner=_owner_of(deadline))
    edit.owner.choices = _owner_choices()
    refused = any(form is not None and form.errors for form in (edit, postpone, dismiss))
    return render_template("deadlines/edit.html", deadline=deadline, edit=edit,
                           postpone=postpone or PostponeForm(prefix="reporter"),
                           dismiss=dismiss or DismissForm(prefix="sans-objet")), \
        400 if refused else 200


def _show(deadline: Deadline) -> str:
    return url_for("deadlines.show", deadline_id=deadline.id)


@bp.route("/<int:deadline_id>/modifier", methods=["GET", "POST"])
@role_required(*OFFICE)
def edit(deadline_id: int):
    deadline = get_or_404(Deadline, deadline_id)
    form = EditDeadlineForm(prefix="corriger")
    form.owner.choices = _owner_choices()
    done = submit_form(form, lambda: edit_deadline(deadline, title=form.title.data,
                                                   due_date=form.due_date.data,
                                                   owner=form.owner.data or ""),
                       success="Échéance corrigée.", then=_show(deadline))
    return done or _page(deadline, edit=form if form.is_submitted() else None)


@bp.post("/<int:deadline_id>/reporter")
@role_required(*OFFICE)
def postpone(deadline_id: int):
    deadline = get_or_404(Deadline, deadline_id)
    form = PostponeForm(prefix="reporter")
    done = submit_form(form, lambda: postpone_deadline(deadline, form.new_date.data,
                                                       form.reason.data),
                       success=lambda moved: f"{quoted(moved.title)} reportée au "
                                             f"{format_date(moved.due_date)} ; les rappels "
                                             "suivront la nouvelle date.",
                       then=_show(deadline))
    return done or _page(deadline, postpone=form)


@bp.post("/<int:deadline_id>/sans-objet")
@role_required(*OFFICE)
def dismiss(deadline_id: int):
    deadline = get_or_404(Deadline, deadline_id)
    form = DismissForm(prefix="sans-objet")
    done = submit_form(form, lambda: dismiss_deadline(deadline, form.reason.data),
                       success=lambda closed: f"{quoted(closed.title)} : sans objet, plus de "
                                              "rappel.",
                       then=_show(deadline))
    return done or _page(deadline, dismiss=form)


@bp.post("/<int:deadline_id>/reponse")
@role_required(*OFFICE)
def answer(deadline_id: int):
    deadline = get_or_404(Deadline, deadline_id)
    form = AnswerForm(prefix="reponse")
    return submit_inline(form, lambda: record_answer(deadline, form.answer.data,
                                                     form.answered_on.data, form.note.data),
                         success=lambda answered: f"Réponse du financeur notée : "
                                                  f"{ANSWERS[answered.status].lower()}.",
                         refused="Réponse non enregistrée", then=_show(deadline))
