"""Show the association's identity to readers, let the office edit it."""

import re

from flask import render_template, url_for
from flask_login import current_user

from tracker.association import bp
from tracker.association.forms import AssociationForm
from tracker.association.services import FIELDS, get_association, save_association
from tracker.auth.passwords import KNOWN_WORDS
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


def _words_of_the_association() -> list[str]:
    """The association's name, words of its name and its town: what an attacker tries
    first (« horizonclair1 », « ASBLHorizon2025 »)."""
    association = get_association()
    if association is None:
        return []
    words = re.split(r"[\s'’.\-_]+", f"{association.name} {association.city}")
    return [word for word in words if len(word) >= 3] + [
        re.sub(r"[\s'’.\-_]+", "", association.name)]


@bp.record_once
def _tell_the_password_check(state) -> None:
    state.app.extensions[KNOWN_WORDS] = _words_of_the_association
