"""Deadline pages: mark submitted with a proof, the proof itself, the month calendar, and the
personal iCalendar feed (a secret URL that works without signing in)."""

from datetime import date, timedelta

from flask import Response, abort, render_template, request, url_for
from flask_login import current_user

from tracker.auth.roles import OFFICE, READERS, ROLE_VALUE_LABELS, Role, public, role_required
from tracker.auth.services import list_users
from tracker.deadlines import bp
from tracker.deadlines.agenda import (
    OPEN,
    DeadlineFilters,
    cancel_submission,
    list_deadlines,
)
from tracker.deadlines.dashboard import (
    calendar_feed,
    mark_submitted,
    month_grid,
    renew_calendar_token,
    revoke_calendar_token,
    user_for_calendar_token,
)
from tracker.deadlines.forms import (
    AnswerForm,
    DeadlineForm,
    KindForm,
    KindLabelForm,
    MilestoneForm,
    RuleForm,
    SubmitForm,
)
from tracker.deadlines.life import reminder_plan
from tracker.deadlines.milestones import add_milestone, delete_milestone, tick
from tracker.deadlines.models import (
    DEFAULT_REMINDERS,
    Deadline,
    DeadlineRule,
    Milestone,
    kind_labels,
)
from tracker.deadlines.reminders import retry_failed
from tracker.deadlines.services import (
    add_kind,
    create_deadline,
    list_rules,
    rename_kind,
    save_rule_and_generate,
)
from tracker.deadlines.vocabulary import (
    ANSWERS,
    CLOSED_STATUSES,
    DEADLINE_STATUSES,
    RULE_TYPES,
)
from tracker.documents import download_stored
from tracker.documents.storage import store_document
from tracker.formatting import quoted
from tracker.forms import choices
from tracker.funders.services import list_funders, list_instruments
from tracker.params import DAY, MONTH, bounded_int, query_arg
from tracker.partnerships.services import list_conventions
from tracker.web import get_or_404, run_action, submit_form, submit_inline

RULE_FIELDS = ("title", "kind", "rule_type", "month", "day", "instrument_id", "convention_id",
               "funder_id", "anchor", "offset_months", "offset_days", "period", "owner_role",
               "reminders", "milestones")
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre"]


def _agenda_filters() -> DeadlineFilters:
    return DeadlineFilters.around(
        date.today(), start=query_arg("du", DAY, ignored="filtre « du » ignoré."),
        end=query_arg("au", DAY, ignored="filtre « au » ignoré."),
        funder_id=request.args.get("financeur", type=bounded_int),
        kind=request.args.get("type") or None, status=request.args.get("statut") or None,
        owner=request.args.get("responsable") or None)


@bp.get("/")
@role_required(*READERS)
def agenda():
    filters = _agenda_filters()
    return render_template(
        "deadlines/list.html", deadlines=list_deadlines(filters), filters=filters,
        today=date.today(), kinds=kind_labels(), statuses=DEADLINE_STATUSES, open_status=OPEN,
        closed=CLOSED_STATUSES,
        funders=list_funders(), roles=ROLE_VALUE_LABELS, users=list_users())


@bp.get("/<int:deadline_id>")
@role_required(*READERS)
def show(deadline_id: int):
    deadline = get_or_404(Deadline, deadline_id)
    return render_template(
        "deadlines/show.html", deadline=deadline, kinds=kind_labels(),
        statuses=DEADLINE_STATUSES, roles=ROLE_VALUE_LABELS, closed=CLOSED_STATUSES,
        reminders=reminder_plan(deadline, date.today()) if current_user.role in OFFICE else [],
        today=date.today(), milestone_form=MilestoneForm(),
        answer_form=AnswerForm(prefix="reponse", answer=deadline.status
                               if deadline.status in ANSWERS else "accepte",
                               answered_on=deadline.answered_on or date.today(),
                               note=deadline.answer_note))


@bp.post("/<int:deadline_id>/etapes")
@role_required(*OFFICE)
def milestone_add(deadline_id: int):
    deadline = get_or_404(Deadline, deadline_id)
    form = MilestoneForm()
    return submit_inline(
        form, lambda: add_milestone(deadline, form.label.data, form.days_before.data),
        success=lambda milestone: f"Étape {quoted(milestone.label)} ajoutée "
                                  f"(pour le {milestone.due_date:%d/%m/%Y}).",
        refused="Étape non ajoutée",
        then=url_for("deadlines.show", deadline_id=deadline.id) + "#etapes")


@bp.post("/etapes/<int:milestone_id>/cocher")
@role_required(*OFFICE)
def milestone_tick(milestone_id: int):
    milestone = get_or_404(Milestone, milestone_id)
    back = url_for("home.index") if request.form.get("retour") == "accueil" else url_for(
        "deadlines.show", deadline_id=milestone.deadline_id) + "#etapes"
    return run_action(
        lambda: tick(milestone, current_user.id, date.today()),
        success=lambda done: f"Étape {quoted(done.label)} : "
                             + ("faite." if done.done_on else "de nouveau à faire."),
        then=back)


@bp.post("/etapes/<int:milestone_id>/supprimer")
@role_required(*OFFICE)
def milestone_delete(milestone_id: int):
    milestone = get_or_404(Milestone, milestone_id)
    deadline_id = milestone.deadline_id
    return run_action(lambda: delete_milestone(milestone), success="Étape retirée.",
                      then=url_for("deadlines.show", deadline_id=deadline_id) + "#etapes")


@bp.post("/<int:deadline_id>/annuler-soumission")
@role_required(*OFFICE)
def cancel(deadline_id: int):
    deadline = get_or_404(Deadline, deadline_id)
    return run_action(
        lambda: cancel_submission(deadline),
        success=f"Soumission de {quoted(deadline.title)} annulée : l'échéance est de nouveau "
                "à faire.",
        then=url_for("deadlines.show", deadline_id=deadline.id))


@bp.route("/<int:deadline_id>/soumettre", methods=["GET", "POST"])
@role_required(*OFFICE)
def submit(deadline_id: int):
    deadline = get_or_404(Deadline, deadline_id)
    form = SubmitForm()

    def submit_with_proof():
        stored = filename = None
        if form.proof_file.data and form.proof_file.data.filename:
            stored, filename = store_document(form.proof_file.data, "proof_file")
        return mark_submitted(deadline, submitted_on=form.submitted_on.data,
                              reference=form.proof_reference.data, stored_as=stored,
                              filename=filename, by_user_id=current_user.id)

    done = submit_form(form, submit_with_proof,
                       success=f"{quoted(deadline.title)} : marquée comme soumise.",
                       then=url_for("home.index"))
    return done or render_template("deadlines/submit.html", form=form, deadline=deadline,
                                   kinds=kind_labels())


@bp.get("/<int:deadline_id>/preuve")
@role_required(*READERS)
def proof(deadline_id: int):
    deadline = get_or_404(Deadline, deadline_id)
    return download_stored(deadline.proof_stored_as, deadline.proof_filename or "preuve")


@bp.get("/calendrier")
@role_required(*READERS)
def month():
    today = date.today()
    first = query_arg("mois", MONTH, today.replace(day=1), ignored="ce mois-ci est affiché.")
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
        return run_action(lambda: revoke_calendar_token(current_user),
                          success="Lien d'agenda révoqué : l'ancien lien ne fonctionne plus.",
                          then=url_for("deadlines.month"))
    return run_action(lambda: renew_calendar_token(current_user),
                      success="Nouveau lien d'agenda créé (l'ancien, s'il existait, ne "
                              "fonctionne plus).", then=url_for("deadlines.month"))


@bp.get("/agenda/<token>.ics")
@public
def feed(token: str):
    if user_for_calendar_token(token) is None:
        abort(404)
    response = Response(calendar_feed(request.host.split(":")[0]), mimetype="text/calendar")
    response.headers["Content-Disposition"] = 'inline; filename="echeances.ics"'
    response.headers["Cache-Control"] = "no-store"
    return response


def _link_choices(form) -> None:
    form.kind.choices = choices(kind_labels().items())
    form.instrument_id.choices = choices([("", "—")] + [(i.id, str(i))
                                                        for i in list_instruments()])
    form.convention_id.choices = choices([("", "—")] + [(c.id, str(c))
                                                        for c in list_conventions()])
    if "funder_id" in form:
        form.funder_id.choices = choices([("", "—")] + [(funder.id, funder.label)
                                                       for funder in list_funders()])


@bp.get("/regles")
@role_required(*READERS)
def rules():
    return render_template("deadlines/rules.html", rules=list_rules(), kinds=kind_labels(),
                           rule_types=RULE_TYPES, kind_form=KindForm(),
                           label_form=KindLabelForm())


@bp.post("/rappels/renvoyer")
@role_required(Role.DIRECTOR)
def reminders_retry():
    """After a mail outage: the reminders that gave up go out again with the next run."""
    return run_action(lambda: retry_failed(),
                      success=lambda count: f"{count} rappel(s) remis en envoi : ils partent "
                                            "au prochain passage du planificateur (15 minutes "
                                            "au plus).",
                      then=url_for("home.index"))


@bp.post("/types")
@role_required(Role.DIRECTOR)
def kind_add():
    form = KindForm()
    return submit_inline(form, lambda: add_kind(form.code.data, form.label.data),
                         success=lambda kind: f"Type {quoted(kind.label)} ajouté.",
                         refused="Type non ajouté", then=url_for("deadlines.rules") + "#types")


@bp.post("/types/<code>")
@role_required(Role.DIRECTOR)
def kind_rename(code: str):
    form = KindLabelForm()
    return submit_inline(form, lambda: rename_kind(code, form.label.data),
                         success=lambda kind: f"Type renommé : {quoted(kind.label)}.",
                         refused="Type non renommé", then=url_for("deadlines.rules") + "#types")


@bp.route("/regles/nouvelle", methods=["GET", "POST"])
@bp.route("/regles/<int:rule_id>/modifier", methods=["GET", "POST"])
@role_required(*OFFICE)
def rule_form(rule_id: int | None = None):
    rule = get_or_404(DeadlineRule, rule_id) if rule_id else None
    form = RuleForm(obj=rule)
    _link_choices(form)
    done = submit_form(
        form, lambda: save_rule_and_generate(
            rule, date.today(), regenerate=form.regenerate.data,
            **{name: form[name].data for name in RULE_FIELDS}),
        success=lambda created: f"Règle enregistrée ; {created} échéance(s) ajoutée(s).",
        then=url_for("deadlines.rules"))
    return done or render_template("deadlines/rule_form.html", form=form, rule=rule)


@bp.route("/nouvelle", methods=["GET", "POST"])
@role_required(*OFFICE)
def deadline_form():
    form = DeadlineForm()
    _link_choices(form)
    done = submit_form(
        form, lambda: create_deadline(
            title=form.title.data, kind=form.kind.data, due_date=form.due_date.data,
            instrument_id=form.instrument_id.data, convention_id=form.convention_id.data,
            owner_role=form.owner_role.data or None,
            reminders=form.reminders.data or DEFAULT_REMINDERS),
        success=lambda deadline: f"Échéance {quoted(deadline.title)} ajoutée.",
        then=lambda deadline: url_for("deadlines.month", mois=f"{deadline.due_date:%Y-%m}"))
    return done or render_template("deadlines/deadline_form.html", form=form)
