"""« Aides à l'emploi »: per aid, its posts, the parameters in force, each check and the
history per quarter; the director records a parameter's new value from a date."""

from datetime import date, timedelta

from flask import render_template, url_for
from flask_login import current_user

from tracker.aids import bp
from tracker.aids.catalogue import AID_NAMES, AIDS, PARAMETERS
from tracker.aids.checks import quarter_figures, quarter_of, run_checks
from tracker.aids.forms import ParameterForm
from tracker.aids.models import AidParameter
from tracker.aids.parameters import (
    ParameterBook,
    add_parameter,
    delete_parameter,
    list_parameters,
)
from tracker.aids.posts import allocations_of
from tracker.auth.roles import READERS, Role, role_required
from tracker.formatting import format_quantity
from tracker.params import DAY, query_arg
from tracker.web import get_or_404, run_action, submit_inline

HISTORY_QUARTERS = 8


def _history(aid: str, at: date) -> list:
    quarter, quarters = quarter_of(at), []
    for _ in range(HISTORY_QUARTERS):
        quarters.append(quarter_figures(aid, quarter))
        quarter = quarter_of(quarter.start - timedelta(days=1))
    return quarters


@bp.get("/")
@role_required(*READERS)
def index():
    at = query_arg("date", DAY, date.today(), ignored="la date du jour est utilisée.")
    checks = run_checks(at)
    book = ParameterBook()
    aids = [{"code": aid, "label": label, "posts": allocations_of(aid, at),
             "checks": [check for check in checks if check.aid == aid],
             "parameters": [book.used(aid, code, at) for code in PARAMETERS[aid]],
             "history": _history(aid, at)}
            for aid, label in AIDS.items()]
    values = [{"id": value.id, "aid": AID_NAMES[value.aid],
               "label": PARAMETERS[value.aid][value.code].label,
               "text": format_quantity(value.value, PARAMETERS[value.aid][value.code].unit),
               "valid_from": value.valid_from, "source": value.source,
               "to_verify": value.to_verify}
              for value in list_parameters()]
    return render_template("aids/index.html", at=at, aids=aids, values=values,
                           form=ParameterForm(), editable=current_user.role == Role.DIRECTOR)


@bp.post("/parametres")
@role_required(Role.DIRECTOR)
def parameter_add():
    form = ParameterForm()
    aid, _, code = (form.key.data or "").partition(":")
    return submit_inline(
        form, lambda: add_parameter(aid=aid, code=code, value=form.value.data,
                                    valid_from=form.valid_from.data, source=form.source.data,
                                    to_verify=form.to_verify.data),
        success=lambda value: f"{AID_NAMES[value.aid]} : "
                              f"{PARAMETERS[value.aid][value.code].label.lower()} enregistré "
                              f"à partir du {value.valid_from:%d/%m/%Y}.",
        refused="Paramètre non enregistré", then=url_for("aids.index") + "#parametres")


@bp.post("/parametres/<int:parameter_id>/supprimer")
@role_required(Role.DIRECTOR)
def parameter_delete(parameter_id: int):
    parameter = get_or_404(AidParameter, parameter_id)
    return run_action(lambda: delete_parameter(parameter), success="Valeur supprimée.",
                      then=url_for("aids.index") + "#parametres")
