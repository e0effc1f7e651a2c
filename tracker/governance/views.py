"""The register of mandates: the director edits, the secretary and the board read; a
member's identity (the UBO register's data) is the director's only."""

from datetime import date

from flask import abort, render_template, url_for
from flask_login import current_user

from tracker.auth.roles import READERS, Role, role_required
from tracker.documents import download_stored
from tracker.documents.versions import current_versions, earlier_versions
from tracker.forms import choices
from tracker.funders.vocabulary import DOCUMENT_KINDS
from tracker.governance import bp
from tracker.governance.board_tables import governance_tables
from tracker.governance.forms import (
    GovernanceDocumentForm,
    IdentityForm,
    MandateForm,
    QualityForm,
)
from tracker.governance.models import GovernanceDocument, Mandate, Member
from tracker.governance.services import (
    add_document,
    add_quality,
    delete_mandate,
    list_mandates,
    list_qualities,
    mandates_ending,
    register_at,
    save_identity,
    save_mandate,
)
from tracker.governance.vocabulary import END_REASONS
from tracker.params import DAY, query_arg
from tracker.web import get_or_404, run_action, submit_form, submit_inline


def document_form(documents) -> GovernanceDocumentForm:
    form = GovernanceDocumentForm()
    form.replaces.choices = choices([(0, "— aucun : un nouveau document —")] + [
        (document.id, str(document)) for document in current_versions(documents)])
    return form


def documents_shown(documents) -> dict:
    """What the documents macro needs about an object's documents."""
    return {"documents": current_versions(documents), "earlier": earlier_versions(documents),
            "kinds": DOCUMENT_KINDS}


def attach_document(owner: str, target, then: str):
    """The one upload of a document on a mandate, meeting or statutes version (`owner`)."""
    form = document_form(target.documents)
    return submit_inline(
        form, lambda: add_document(owner, target.id, target.documents, kind=form.kind.data,
                                   issued_on=form.issued_on.data,
                                   reference=form.reference.data, upload=form.file.data,
                                   replaces_id=form.replaces.data or None),
        success="Document ajouté.", refused="Document non ajouté", then=then)


@bp.record_once
def _offer_to_staffing(state) -> None:
    """The board pack (« dossier CA ») adds the board and the mandates ending soon."""
    state.app.extensions["board_pack_governance"] = governance_tables


@bp.get("/")
@role_required(*READERS)
def register():
    day = query_arg("date", DAY, date.today(), ignored="le registre du jour est affiché.")
    return render_template("governance/register.html", day=day, mandates=register_at(day),
                           ending=mandates_ending(date.today()), history=list_mandates(),
                           qualities=list_qualities(), quality_form=QualityForm(),
                           reasons=END_REASONS)


@bp.route("/mandats/nouveau", methods=["GET", "POST"])
@bp.route("/mandats/<int:mandate_id>/modifier", methods=["GET", "POST"])
@role_required(Role.DIRECTOR)
def mandate_form(mandate_id: int | None = None):
    mandate = get_or_404(Mandate, mandate_id) if mandate_id else None
    form = MandateForm(obj=mandate)
    if mandate is not None and not form.is_submitted():
        form.member_name.data = mandate.member.full_name
    form.quality.choices = choices((quality.code, quality.label) for quality in list_qualities())
    done = submit_form(
        form, lambda: save_mandate(
            mandate, member_name=form.member_name.data, quality=form.quality.data,
            start_date=form.start_date.data, term_date=form.term_date.data,
            end_date=form.end_date.data, end_reason=form.end_reason.data),
        success="Mandat enregistré.",
        then=lambda saved: url_for("governance.mandate", mandate_id=saved.id))
    return done or render_template("governance/mandate_form.html", form=form, mandate=mandate)


@bp.get("/mandats/<int:mandate_id>")
@role_required(*READERS)
def mandate(mandate_id: int):
    mandate = get_or_404(Mandate, mandate_id)
    director = current_user.role == Role.DIRECTOR
    return render_template("governance/mandate.html", mandate=mandate, director=director,
                           reasons=END_REASONS,
                           identity_form=IdentityForm(obj=mandate.member) if director else None,
                           form=document_form(mandate.documents) if director else None,
                           **documents_shown(mandate.documents))


@bp.post("/mandats/<int:mandate_id>/supprimer")
@role_required(Role.DIRECTOR)
def mandate_delete(mandate_id: int):
    mandate = get_or_404(Mandate, mandate_id)
    return run_action(lambda: delete_mandate(mandate), success="Mandat supprimé.",
                      then=url_for("governance.register"))


@bp.post("/mandats/<int:mandate_id>/documents")
@role_required(Role.DIRECTOR)
def mandate_document(mandate_id: int):
    mandate = get_or_404(Mandate, mandate_id)
    return attach_document("mandate", mandate,
                           url_for("governance.mandate", mandate_id=mandate.id))


@bp.post("/membres/<int:member_id>/identite")
@role_required(Role.DIRECTOR)
def identity(member_id: int):
    member = get_or_404(Member, member_id)
    form = IdentityForm()
    then = url_for("governance.mandate", mandate_id=member.mandates[0].id) \
        if member.mandates else url_for("governance.register")
    return submit_inline(
        form, lambda: save_identity(member, birth_date=form.birth_date.data,
                                    nationality=form.nationality.data,
                                    address=form.address.data),
        success="Données d'identité enregistrées.", refused="Données non enregistrées",
        then=then)


@bp.post("/qualites")
@role_required(Role.DIRECTOR)
def quality():
    form = QualityForm()
    return submit_inline(
        form, lambda: add_quality(form.code.data, form.label.data, ubo=form.ubo.data,
                                  published=form.published.data,
                                  member_register=form.member_register.data),
        success="Qualité ajoutée.", refused="Qualité non ajoutée",
        then=url_for("governance.register"))


@bp.get("/documents/<int:document_id>")
@role_required(*READERS)  # those who read the register: the office and the board
def document_file(document_id: int):
    document = get_or_404(GovernanceDocument, document_id)
    if document.filing_id is not None and current_user.role == Role.BOARD:
        abort(403)  # a filing's proof may show the UBO register's identity data
    return download_stored(document.stored_as, document.filename)
