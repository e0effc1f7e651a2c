"""Show the association's identity to readers, let the office edit it."""

import re

from flask import render_template, url_for
from flask_login import current_user

from tracker.association import bp
from tracker.association.forms import AssociationForm, SiteForm
from tracker.association.models import REGIONS, Site
from tracker.association.services import (
    FIELDS,
    add_site,
    delete_site,
    get_association,
    list_sites,
    save_association,
)
from tracker.auth.passwords import KNOWN_WORDS
from tracker.auth.roles import OFFICE, READERS, Role, role_required
from tracker.web import get_or_404, run_action, submit_form, submit_inline


@bp.get("/")
@role_required(*READERS)
def show():
    return render_template("association/show.html", association=get_association(),
                           sites=list_sites(), regions=REGIONS, site_form=SiteForm(),
                           office=current_user.role in OFFICE)


@bp.post("/sites")
@role_required(*OFFICE)
def site_add():
    form = SiteForm()
    return submit_inline(
        form, lambda: add_site(name=form.name.data, region=form.region.data,
                               address=form.address.data, is_seat=form.is_seat.data),
        success=lambda site: f"Site « {site.name} » ajouté.", refused="Site non ajouté",
        then=url_for("association.show") + "#sites")


@bp.post("/sites/<int:site_id>/supprimer")
@role_required(*OFFICE)
def site_delete(site_id: int):
    site = get_or_404(Site, site_id)
    return run_action(lambda: delete_site(site), success="Site supprimé : ses affectations "
                                                        "reviennent au siège.",
                      then=url_for("association.show") + "#sites")


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
