"""Funders and instruments: everyone in the office reads, the secretary and director edit."""

from flask import render_template, url_for

from tracker.auth.roles import OFFICE, READERS, role_required
from tracker.catalogue.services import function_labels, list_functions
from tracker.documents import download_stored
from tracker.documents.versions import current_versions, earlier_versions
from tracker.forms import choices
from tracker.funders import bp
from tracker.funders.forms import (
    AmountForm,
    CadrePostForm,
    FunderForm,
    InstrumentDocumentForm,
    InstrumentForm,
)
from tracker.funders.models import CadrePost, Funder, Instrument, InstrumentDocument
from tracker.funders.services import (
    add_cadre_post,
    add_instrument_document,
    delete_cadre_post,
    founding_documents_missing,
    list_funders,
    list_instruments,
    save_amount,
    save_funder,
    save_instrument,
)
from tracker.funders.vocabulary import (
    DOCUMENT_KINDS,
    FUNDER_KINDS,
    FUNDER_LEVELS,
    INSTRUMENT_KINDS,
    INSTRUMENT_STATUSES,
)
from tracker.web import get_or_404, run_action, submit_form, submit_inline

LABELS = {"levels": FUNDER_LEVELS, "kinds": FUNDER_KINDS, "instrument_kinds": INSTRUMENT_KINDS,
          "statuses": INSTRUMENT_STATUSES, "documents": DOCUMENT_KINDS}



@bp.get("/")
@role_required(*READERS)
def index():
    return render_template("funders/index.html", funders=list_funders(),
                           instruments=list_instruments(), labels=LABELS)


@bp.route("/nouveau", methods=["GET", "POST"])
@bp.route("/<int:funder_id>/modifier", methods=["GET", "POST"])
@role_required(*OFFICE)
def funder_form(funder_id: int | None = None):
    funder = get_or_404(Funder, funder_id) if funder_id else None
    form = FunderForm(obj=funder)
    done = submit_form(
        form, lambda: save_funder(funder, code=form.code.data, name=form.name.data,
                                  short_name=form.short_name.data, level=form.level.data,
                                  kind=form.kind.data, active=form.active.data),
        success="Financeur enregistré.", then=url_for("funders.index"))
    return done or render_template("funders/funder_form.html", form=form, funder=funder)


@bp.get("/instruments/<int:instrument_id>")
@role_required(*READERS)
def instrument(instrument_id: int):
    instrument = get_or_404(Instrument, instrument_id)
    cadre_form = CadrePostForm()
    cadre_form.function_code.choices = choices((f.code, f.label) for f in list_functions())
    return render_template("funders/instrument.html", instrument=instrument, labels=LABELS,
                           amount_form=AmountForm(), cadre_form=cadre_form,
                           function_labels=function_labels(),
                           document_form=_document_form(instrument),
                           documents=current_versions(instrument.documents),
                           earlier=earlier_versions(instrument.documents),
                           founding_missing=founding_documents_missing(instrument))


def _document_form(instrument: Instrument) -> InstrumentDocumentForm:
    form = InstrumentDocumentForm()
    form.replaces.choices = choices([(0, "— aucun : un nouveau document —")] + [
        (document.id, str(document)) for document in current_versions(instrument.documents)])
    return form


@bp.post("/instruments/<int:instrument_id>/documents")
@role_required(*OFFICE)
def instrument_document(instrument_id: int):
    instrument = get_or_404(Instrument, instrument_id)
    form = _document_form(instrument)
    return submit_inline(
        form, lambda: add_instrument_document(
            instrument, form.kind.data, form.issued_on.data, form.reference.data,
            form.file.data, form.replaces.data or None),
        success="Document ajouté.", refused="Document non ajouté",
        then=url_for("funders.instrument", instrument_id=instrument.id))


@bp.get("/instruments/documents/<int:document_id>")
@role_required(*READERS)  # those who read the instrument: the office and the board
def instrument_document_file(document_id: int):
    document = get_or_404(InstrumentDocument, document_id)
    return download_stored(document.stored_as, document.filename)


@bp.route("/instruments/nouveau", methods=["GET", "POST"])
@bp.route("/instruments/<int:instrument_id>/modifier", methods=["GET", "POST"])
@role_required(*OFFICE)
def instrument_form(instrument_id: int | None = None):
    instrument = get_or_404(Instrument, instrument_id) if instrument_id else None
    form = InstrumentForm(obj=instrument)
    form.funder_id.choices = choices((f.id, f.label) for f in list_funders())
    done = submit_form(
        form, lambda: save_instrument(
            instrument, funder_id=form.funder_id.data, kind=form.kind.data,
            title=form.title.data, start_date=form.start_date.data,
            end_date=form.end_date.data, status=form.status.data,
            legal_reference=form.legal_reference.data, missions=form.missions.data,
            year_start_month=form.year_start_month.data),
        success="Instrument enregistré.",
        then=lambda saved: url_for("funders.instrument", instrument_id=saved.id))
    return done or render_template("funders/instrument_form.html", form=form,
                                   instrument=instrument)


@bp.post("/instruments/<int:instrument_id>/montants")
@role_required(*OFFICE)
def amount(instrument_id: int):
    instrument = get_or_404(Instrument, instrument_id)
    form = AmountForm()
    return submit_inline(
        form, lambda: save_amount(instrument, form.year.data, form.requested.data,
                                  form.granted.data, form.received.data),
        success=f"Montants {form.year.data} enregistrés.", refused="Montants non enregistrés",
        then=url_for("funders.instrument", instrument_id=instrument.id))


@bp.post("/instruments/<int:instrument_id>/cadre")
@role_required(*OFFICE)
def cadre_post(instrument_id: int):
    instrument = get_or_404(Instrument, instrument_id)
    form = CadrePostForm()
    form.function_code.choices = choices((f.code, f.label) for f in list_functions())
    return submit_inline(
        form, lambda: add_cadre_post(instrument, function_code=form.function_code.data,
                                     fte=form.fte.data, valid_from=form.valid_from.data,
                                     funded=form.funded.data, note=form.note.data),
        success="Poste ajouté au cadre.", refused="Poste non ajouté",
        then=url_for("funders.instrument", instrument_id=instrument.id))


@bp.post("/cadre/<int:post_id>/supprimer")
@role_required(*OFFICE)
def cadre_post_delete(post_id: int):
    post = get_or_404(CadrePost, post_id)
    return run_action(lambda: delete_cadre_post(post), success="Poste retiré du cadre.",
                      then=url_for("funders.instrument", instrument_id=post.instrument_id))
    return "formulaire incomplet."
