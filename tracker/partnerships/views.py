"""Partnership conventions: list, detail with history, office data entry."""

from flask import render_template, url_for

from tracker.auth.roles import OFFICE, READERS, role_required
from tracker.documents import download_stored
from tracker.forms import choices
from tracker.partnerships import bp
from tracker.partnerships.forms import ConventionForm, DocumentForm, EvaluationForm
from tracker.partnerships.models import Convention, ConventionDocument
from tracker.partnerships.services import (
    add_document,
    add_evaluation,
    convention_history,
    list_conventions,
    list_partners,
    save_convention,
)
from tracker.partnerships.vocabulary import CONVENTION_STATUSES, RENEWALS
from tracker.web import get_or_404, submit_form, submit_inline

LABELS = {"statuses": CONVENTION_STATUSES, "renewals": RENEWALS}
FIELDS = ("partner_id", "new_partner", "object", "start_date", "end_date", "renewal",
          "notice_months", "free_of_charge", "yearly_amount", "detached_days_per_week", "status",
          "board_decision", "board_decision_due", "board_decision_on")


@bp.get("/")
@role_required(*READERS)
def index():
    return render_template("partnerships/index.html", conventions=list_conventions(),
                           labels=LABELS)


@bp.get("/<int:convention_id>")
@role_required(*READERS)
def convention(convention_id: int):
    convention = get_or_404(Convention, convention_id)
    return render_template("partnerships/convention.html", convention=convention,
                           labels=LABELS,
                           history=convention_history(convention),
                           evaluation_form=EvaluationForm(), document_form=DocumentForm())


@bp.route("/nouvelle", methods=["GET", "POST"])
@bp.route("/<int:convention_id>/modifier", methods=["GET", "POST"])
@role_required(*OFFICE)
def convention_form(convention_id: int | None = None):
    convention = get_or_404(Convention, convention_id) if convention_id else None
    form = ConventionForm(obj=convention)
    form.partner_id.choices = choices([("", "—")] + [(p.id, p.name) for p in list_partners()])
    done = submit_form(
        form, lambda: save_convention(convention, **{name: form[name].data for name in FIELDS}),
        success="Convention enregistrée.",
        then=lambda saved: url_for("partnerships.convention", convention_id=saved.id))
    return done or render_template("partnerships/convention_form.html", form=form,
                                   convention=convention)


@bp.post("/<int:convention_id>/evaluations")
@role_required(*OFFICE)
def evaluation(convention_id: int):
    convention = get_or_404(Convention, convention_id)
    form = EvaluationForm()
    return submit_inline(
        form, lambda: add_evaluation(convention, due_date=form.due_date.data,
                                     done_on=form.done_on.data, outcome=form.outcome.data),
        success="Évaluation enregistrée.", refused="Évaluation non enregistrée",
        then=url_for("partnerships.convention", convention_id=convention.id))


@bp.post("/<int:convention_id>/documents")
@role_required(*OFFICE)
def document(convention_id: int):
    convention = get_or_404(Convention, convention_id)
    form = DocumentForm()
    return submit_inline(
        form, lambda: add_document(convention, form.file.data), success="Document ajouté.",
        refused="Document non ajouté",
        then=url_for("partnerships.convention", convention_id=convention.id))


@bp.get("/documents/<int:document_id>")
@role_required(*READERS)
def document_download(document_id: int):
    stored = get_or_404(ConventionDocument, document_id)
    return download_stored(stored.stored_as, stored.filename)
