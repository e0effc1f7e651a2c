"""Funders and instruments: everyone in the office reads, the secretary and director edit."""

from flask import abort, flash, redirect, render_template, url_for

from tracker.auth.roles import OFFICE, READERS, role_required
from tracker.errors import ValidationError
from tracker.extensions import db
from tracker.forms import apply_validation_error, choices
from tracker.funders import bp
from tracker.funders.forms import AmountForm, CadrePostForm, FunderForm, InstrumentForm
from tracker.funders.models import CadrePost, Funder
from tracker.funders.services import (
    add_cadre_post,
    delete_cadre_post,
    get_instrument,
    list_funders,
    list_instruments,
    save_amount,
    save_funder,
    save_instrument,
)
from tracker.funders.vocabulary import (
    FUNDER_KINDS,
    FUNDER_LEVELS,
    INSTRUMENT_KINDS,
    INSTRUMENT_STATUSES,
)
from tracker.staffing.services import list_functions

LABELS = {"levels": FUNDER_LEVELS, "kinds": FUNDER_KINDS, "instrument_kinds": INSTRUMENT_KINDS,
          "statuses": INSTRUMENT_STATUSES}


@bp.get("/")
@role_required(*READERS)
def index():
    return render_template("funders/index.html", funders=list_funders(),
                           instruments=list_instruments(), labels=LABELS)


@bp.route("/nouveau", methods=["GET", "POST"])
@bp.route("/<int:funder_id>/modifier", methods=["GET", "POST"])
@role_required(*OFFICE)
def funder_form(funder_id: int | None = None):
    funder = (db.session.get(Funder, funder_id) or abort(404)) if funder_id else None
    form = FunderForm(obj=funder)
    if form.validate_on_submit():
        try:
            save_funder(funder, code=form.code.data, name=form.name.data,
                        short_name=form.short_name.data, level=form.level.data,
                        kind=form.kind.data, active=form.active.data)
        except ValidationError as error:
            db.session.rollback()
            apply_validation_error(form, error)
        else:
            db.session.commit()
            flash("Financeur enregistré.", "success")
            return redirect(url_for("funders.index"))
    return render_template("funders/funder_form.html", form=form, funder=funder)


@bp.get("/instruments/<int:instrument_id>")
@role_required(*READERS)
def instrument(instrument_id: int):
    instrument = get_instrument(instrument_id) or abort(404)
    cadre_form = CadrePostForm()
    cadre_form.function_code.choices = choices((f.code, f.label) for f in list_functions())
    return render_template("funders/instrument.html", instrument=instrument, labels=LABELS,
                           amount_form=AmountForm(), cadre_form=cadre_form,
                           function_labels={f.code: f.label for f in list_functions()})


@bp.route("/instruments/nouveau", methods=["GET", "POST"])
@bp.route("/instruments/<int:instrument_id>/modifier", methods=["GET", "POST"])
@role_required(*OFFICE)
def instrument_form(instrument_id: int | None = None):
    instrument = (get_instrument(instrument_id) or abort(404)) if instrument_id else None
    form = InstrumentForm(obj=instrument)
    form.funder_id.choices = choices((f.id, f.label) for f in list_funders())
    if form.validate_on_submit():
        try:
            instrument = save_instrument(
                instrument, funder_id=form.funder_id.data, kind=form.kind.data,
                title=form.title.data, start_date=form.start_date.data,
                end_date=form.end_date.data, status=form.status.data,
                legal_reference=form.legal_reference.data, missions=form.missions.data)
        except ValidationError as error:
            db.session.rollback()
            apply_validation_error(form, error)
        else:
            db.session.commit()
            flash("Instrument enregistré.", "success")
            return redirect(url_for("funders.instrument", instrument_id=instrument.id))
    return render_template("funders/instrument_form.html", form=form, instrument=instrument)


@bp.post("/instruments/<int:instrument_id>/montants")
@role_required(*OFFICE)
def amount(instrument_id: int):
    instrument = get_instrument(instrument_id) or abort(404)
    form = AmountForm()
    if form.validate_on_submit():
        try:
            save_amount(instrument, form.year.data, form.requested.data, form.granted.data,
                        form.received.data)
        except ValidationError as error:
            db.session.rollback()
            flash(error.message, "error")
        else:
            db.session.commit()
            flash(f"Montants {form.year.data} enregistrés.", "success")
    else:
        flash("Montants non enregistrés : " + _first_error(form), "error")
    return redirect(url_for("funders.instrument", instrument_id=instrument.id))


@bp.post("/instruments/<int:instrument_id>/cadre")
@role_required(*OFFICE)
def cadre_post(instrument_id: int):
    instrument = get_instrument(instrument_id) or abort(404)
    form = CadrePostForm()
    form.function_code.choices = choices((f.code, f.label) for f in list_functions())
    if form.validate_on_submit():
        try:
            add_cadre_post(instrument, function_code=form.function_code.data, fte=form.fte.data,
                           valid_from=form.valid_from.data, funded=form.funded.data,
                           note=form.note.data)
        except ValidationError as error:
            db.session.rollback()
            flash(error.message, "error")
        else:
            db.session.commit()
            flash("Poste ajouté au cadre.", "success")
    else:
        flash("Poste non ajouté : " + _first_error(form), "error")
    return redirect(url_for("funders.instrument", instrument_id=instrument.id))


@bp.post("/cadre/<int:post_id>/supprimer")
@role_required(*OFFICE)
def cadre_post_delete(post_id: int):
    post = db.session.get(CadrePost, post_id) or abort(404)
    instrument_id = post.instrument_id
    delete_cadre_post(post)
    db.session.commit()
    flash("Poste retiré du cadre.", "success")
    return redirect(url_for("funders.instrument", instrument_id=instrument_id))


def _first_error(form) -> str:
    for field in form:
        if field.errors:
            return f"{field.label.text} : {field.errors[0]}"
    return "formulaire incomplet."
