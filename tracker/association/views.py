"""Show the association's identity to readers, let the office edit it."""

from flask import render_template, url_for
from flask_login import current_user

from tracker.association import bp
from tracker.association.forms import AssociationForm
from tracker.association.services import FIELDS, get_association, save_association
from tracker.auth.roles import OFFICE, READERS, Role, role_required
from tracker.web import submit_form


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
    if "dossier_enabled" in form:
        dossier_enabled = form.dossier_enabled.data
    done = submit_form(
        form, lambda: save_association(dossier_enabled=dossier_enabled,
                                       **{key: form[key].data for key in FIELDS}),
        success="Coordonnées de l'association enregistrées.", then=url_for("association.show"))
    return done or render_template("association/edit.html", form=form)
