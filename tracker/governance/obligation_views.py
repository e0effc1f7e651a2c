"""The association's legal obligations at a date (as `tracker governance check` prints
them), what fulfilled each, the yearly figures that size it, and the legal parameters."""

from datetime import date

from flask import render_template, url_for
from flask_login import current_user

from tracker.auth.roles import READERS, Role, role_required
from tracker.governance import bp
from tracker.governance.catalogue import PARAMETERS
from tracker.governance.forms import AccountsYearForm, FilingForm, LegalParameterForm
from tracker.governance.obligations import check_obligations
from tracker.governance.parameters import LegalBook, add_legal_parameter, list_legal_parameters
from tracker.governance.services import add_document, filings_by_key, record_filing
from tracker.governance.size import association_size, list_accounts_years, save_accounts_year
from tracker.governance.vocabulary import STATES
from tracker.params import DAY, query_arg
from tracker.web import submit_inline


@bp.get("/obligations")
@role_required(*READERS)
def obligations():
    day = query_arg("date", DAY, date.today(), ignored="la situation du jour est affichée.")
    director = current_user.role == Role.DIRECTOR
    found = check_obligations(day)
    filings = filings_by_key([item.key for item in found]) if director else {}
    years = list_accounts_years()
    return render_template(
        "governance/obligations.html", day=day, obligations=found, states=STATES,
        director=director, filings=filings, filing_form=FilingForm() if director else None,
        years=years, sizes={row.year: association_size(row.year) for row in years},
        accounts_form=AccountsYearForm() if director else None,
        parameters=list_legal_parameters(), meanings=PARAMETERS, book=LegalBook(),
        parameter_form=LegalParameterForm() if director else None)


def _record(form: FilingForm):
    filing = record_filing(form.key.data, form.done_on.data, form.reference.data)
    if form.file.data:
        add_document("filing", filing.id, [], kind="autre", issued_on=form.done_on.data,
                     reference=form.reference.data or "", upload=form.file.data)
    return filing


@bp.post("/obligations/faite")
@role_required(Role.DIRECTOR)
def filing():
    form = FilingForm()
    return submit_inline(form, lambda: _record(form), success="Obligation marquée comme faite.",
                         refused="Obligation non enregistrée",
                         then=url_for("governance.obligations"))


@bp.post("/exercices")
@role_required(Role.DIRECTOR)
def accounts_year():
    form = AccountsYearForm()
    return submit_inline(
        form, lambda: save_accounts_year(form.year.data, form.income.data, form.assets.data,
                                         form.debts.data),
        success=f"Chiffres de l'exercice {form.year.data} enregistrés.",
        refused="Chiffres non enregistrés", then=url_for("governance.obligations"))


@bp.post("/parametres")
@role_required(Role.DIRECTOR)
def legal_parameter():
    form = LegalParameterForm()
    return submit_inline(
        form, lambda: add_legal_parameter(code=form.code.data, value=form.value.data,
                                          valid_from=form.valid_from.data,
                                          source=form.source.data),
        success="Valeur du paramètre ajoutée.", refused="Valeur non ajoutée",
        then=url_for("governance.obligations"))
