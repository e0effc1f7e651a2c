"""Operating expenses: the list (every reader), entry and receipts (the office), and the
categories (kept by the director). Their upload page is the cost one's (`views._upload`)."""

from datetime import date
from decimal import Decimal

from flask import render_template, request, url_for
from flask_login import current_user

from tracker.auth.roles import OFFICE, READERS, Role, role_required
from tracker.documents import download_stored
from tracker.finance import bp
from tracker.finance.expenses import (
    ShareInput,
    add_category,
    attach_receipt,
    delete_expense,
    list_categories,
    list_expenses,
    save_expense,
    toggle_category,
)
from tracker.finance.forms import SHARE_ROWS, CategoryForm, ExpenseForm, ReceiptForm
from tracker.finance.models import Expense, ExpenseCategory
from tracker.formatting import quoted
from tracker.forms import choices
from tracker.funders.services import list_instruments
from tracker.params import YEAR, bounded_int, query_arg
from tracker.web import get_or_404, run_action, submit_form, submit_inline


@bp.get("/frais")
@role_required(*READERS)
def expenses():
    this_year = date.today().year
    year = query_arg("annee", YEAR, this_year)
    instrument_id = request.args.get("instrument", type=bounded_int)
    category_code = request.args.get("categorie") or None
    page = list_expenses(date(year, 1, 1), date(year, 12, 31), instrument_id=instrument_id,
                         category_code=category_code,
                         page=request.args.get("page", 1, type=bounded_int))
    return render_template("finance/expenses.html", page=page, year=year,
                           years=range(this_year, this_year - 12, -1),
                           instruments=list_instruments(), categories=list_categories(),
                           instrument_id=instrument_id, category_code=category_code,
                           office=current_user.role in OFFICE)


def _expense_form(expense: Expense | None) -> ExpenseForm:
    form = ExpenseForm(obj=expense)
    form.category_code.choices = choices([("", "—")] + [
        (category.code, category.label) for category in list_categories()
        if category.active or (expense is not None and category.code == expense.category_code)])
    instruments = choices([("", "—")] + [(instrument.id, str(instrument))
                                          for instrument in list_instruments()])
    for number in range(1, SHARE_ROWS + 1):
        getattr(form, f"instrument_{number}").choices = instruments
    if expense is not None and request.method == "GET":
        form.amount.data = Decimal(expense.amount_cents).scaleb(-2)
        for number, share in enumerate(expense.shares[:SHARE_ROWS], start=1):
            getattr(form, f"instrument_{number}").data = share.instrument_id
            getattr(form, f"percent_{number}").data = (
                Decimal(share.cents * 100) / expense.amount_cents).quantize(Decimal("0.01"))
    return form


def _shares_of(form: ExpenseForm) -> list[ShareInput]:
    shares = []
    for number in range(1, SHARE_ROWS + 1):
        instrument_id = getattr(form, f"instrument_{number}").data
        percent = getattr(form, f"percent_{number}").data
        if instrument_id:
            shares.append(ShareInput(instrument_id, percent if percent is not None else 0))
    return shares


def _save(expense: Expense | None):
    form = _expense_form(expense)
    done = submit_form(
        form, lambda: save_expense(
            expense, spent_on=form.spent_on.data, supplier=form.supplier.data,
            description=form.description.data, category_code=form.category_code.data,
            amount=form.amount.data, shares=_shares_of(form), receipt=form.receipt.data),
        success=lambda saved: f"Dépense {saved.reference} enregistrée.",
        then=lambda saved: url_for("finance.expense_edit", expense_id=saved.id))
    return done or render_template("finance/expense_form.html", form=form, expense=expense,
                                   receipt_form=ReceiptForm())


@bp.route("/frais/nouveau", methods=["GET", "POST"])
@role_required(*OFFICE)
def expense_new():
    return _save(None)


@bp.route("/frais/<int:expense_id>", methods=["GET", "POST"])
@role_required(*OFFICE)
def expense_edit(expense_id: int):
    return _save(get_or_404(Expense, expense_id))


@bp.post("/frais/<int:expense_id>/justificatif")
@role_required(*OFFICE)
def expense_receipt(expense_id: int):
    expense = get_or_404(Expense, expense_id)
    form = ReceiptForm()
    return submit_inline(form, lambda: attach_receipt(expense, form.receipt.data),
                         success=f"Justificatif joint à la dépense {expense.reference}.",
                         refused="Justificatif refusé",
                         then=url_for("finance.expense_edit", expense_id=expense.id))


@bp.get("/frais/<int:expense_id>/justificatif")
@role_required(*READERS)
def expense_receipt_file(expense_id: int):
    expense = get_or_404(Expense, expense_id)
    return download_stored(expense.receipt_stored, f"{expense.reference}-{expense.receipt_name}")


@bp.post("/frais/<int:expense_id>/supprimer")
@role_required(*OFFICE)
def expense_delete(expense_id: int):
    expense = get_or_404(Expense, expense_id)
    reference = expense.reference
    return run_action(lambda: delete_expense(expense),
                      success=f"Dépense {reference} supprimée.",
                      then=url_for("finance.expenses", annee=expense.spent_on.year))


@bp.get("/categories")
@role_required(*READERS)
def categories():
    return render_template("finance/categories.html", categories=list_categories(),
                           form=CategoryForm(), editable=current_user.role == Role.DIRECTOR)


@bp.post("/categories")
@role_required(Role.DIRECTOR)
def category_add():
    form = CategoryForm()
    return submit_inline(form, lambda: add_category(form.code.data, form.label.data),
                         success=lambda category: f"Catégorie {quoted(category.label)} ajoutée.",
                         refused="Catégorie non ajoutée", then=url_for("finance.categories"))


@bp.post("/categories/<code>/basculer")
@role_required(Role.DIRECTOR)
def category_toggle(code: str):
    category = get_or_404(ExpenseCategory, code)
    return run_action(
        lambda: toggle_category(category),
        success=lambda done: f"Catégorie {quoted(done.label)} " + (
            "proposée à nouveau." if done.active else "retirée du formulaire."),
        then=url_for("finance.categories"))
