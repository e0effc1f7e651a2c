"""Show the association's identity to readers, let the office edit it."""

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from tracker.association import bp
from tracker.association.forms import AssociationForm
from tracker.association.services import FIELDS, get_association, save_association
from tracker.auth.roles import OFFICE, READERS, Role, role_required
from tracker.errors import ValidationError
from tracker.extensions import db
from tracker.forms import apply_validation_error


@bp.get("/")
@role_required(*READERS)
def show():
    return render_template("association/show.html", association=get_association())


@bp.route("/modifier", methods=["GET", "POST"])
@role_required(*OFFICE)
def edit():
    association = get_association()
    form = AssociationForm(obj=association)
    # Only the director decides whether case codes are collected at all.
    dossier_enabled = association.dossier_enabled if association else True
    if current_user.role != Role.DIRECTOR:
        del form.dossier_enabled
    if form.validate_on_submit():
        if current_user.role == Role.DIRECTOR:
            dossier_enabled = form.dossier_enabled.data
        try:
            save_association(dossier_enabled=dossier_enabled,
                             **{key: getattr(form, key).data for key in FIELDS})
        except ValidationError as error:
            db.session.rollback()
            apply_validation_error(form, error)
        else:
            db.session.commit()
            flash("Coordonnées de l'association enregistrées.", "success")
            return redirect(url_for("association.show"))
    return render_template("association/edit.html", form=form)
