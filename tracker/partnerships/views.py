"""Partnership conventions: list, detail with history, office data entry."""

from flask import abort, flash, redirect, render_template, url_for

from tracker.auth.roles import OFFICE, READERS, role_required
from tracker.documents import download
from tracker.documents.storage import read_document
from tracker.errors import ValidationError
from tracker.extensions import db
from tracker.forms import apply_validation_error, choices
from tracker.partnerships import bp
from tracker.partnerships.forms import ConventionForm, DocumentForm, EvaluationForm
from tracker.partnerships.models import ConventionDocument
from tracker.partnerships.services import (
    add_document,
    add_evaluation,
    convention_history,
    get_convention,
    list_conventions,
    list_partners,
    save_convention,
)
from tracker.partnerships.vocabulary import CONVENTION_STATUSES, RENEWALS
from tracker.staffing.models import Allocation

LABELS = {"statuses": CONVENTION_STATUSES, "renewals": RENEWALS}


@bp.get("/")
@role_required(*READERS)
def index():
    return render_template("partnerships/index.html", conventions=list_conventions(),
                           labels=LABELS)


@bp.get("/<int:convention_id>")
@role_required(*READERS)
def convention(convention_id: int):
    convention = get_convention(convention_id) or abort(404)
    detached = list(db.session.scalars(db.select(Allocation).where(
        Allocation.detached_to_id == convention.partner_id).order_by(Allocation.start_date)))
    return render_template("partnerships/convention.html", convention=convention,
                           labels=LABELS, detached=detached,
                           history=convention_history(convention),
                           evaluation_form=EvaluationForm(), document_form=DocumentForm())


@bp.route("/nouvelle", methods=["GET", "POST"])
@bp.route("/<int:convention_id>/modifier", methods=["GET", "POST"])
@role_required(*OFFICE)
def convention_form(convention_id: int | None = None):
    convention = (get_convention(convention_id) or abort(404)) if convention_id else None
    form = ConventionForm(obj=convention)
    form.partner_id.choices = choices([("", "—")] + [(p.id, p.name) for p in list_partners()])
    if form.validate_on_submit():
        fields = {name: getattr(form, name).data for name in (
            "partner_id", "new_partner", "object", "start_date", "end_date", "renewal",
            "notice_months", "free_of_charge", "yearly_amount", "detached_days_per_week",
            "status", "board_decision", "board_decision_due", "board_decision_on")}
        try:
            convention = save_convention(convention, **fields)
        except ValidationError as error:
            db.session.rollback()
            apply_validation_error(form, error)
        else:
            db.session.commit()
            flash("Convention enregistrée.", "success")
            return redirect(url_for("partnerships.convention", convention_id=convention.id))
    return render_template("partnerships/convention_form.html", form=form,
                           convention=convention)


@bp.post("/<int:convention_id>/evaluations")
@role_required(*OFFICE)
def evaluation(convention_id: int):
    convention = get_convention(convention_id) or abort(404)
    form = EvaluationForm()
    if form.validate_on_submit():
        add_evaluation(convention, due_date=form.due_date.data, done_on=form.done_on.data,
                       outcome=form.outcome.data)
        db.session.commit()
        flash("Évaluation enregistrée.", "success")
    else:
        flash("Évaluation non enregistrée : indiquez au moins la date prévue.", "error")
    return redirect(url_for("partnerships.convention", convention_id=convention.id))


@bp.post("/<int:convention_id>/documents")
@role_required(*OFFICE)
def document(convention_id: int):
    convention = get_convention(convention_id) or abort(404)
    form = DocumentForm()
    if form.validate_on_submit():
        try:
            add_document(convention, form.file.data)
        except ValidationError as error:
            db.session.rollback()
            flash(error.message, "error")
        else:
            db.session.commit()
            flash("Document ajouté.", "success")
    else:
        flash("Choisissez un fichier.", "error")
    return redirect(url_for("partnerships.convention", convention_id=convention.id))


@bp.get("/documents/<int:document_id>")
@role_required(*READERS)
def document_download(document_id: int):
    stored = db.session.get(ConventionDocument, document_id) or abort(404)
    return download(read_document(stored.stored_as), stored.filename)
