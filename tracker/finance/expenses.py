"""Operating expenses (« frais de fonctionnement »): entered one by one by the office, each
charged to one or more instruments by shares (never more than the whole expense), with its
receipt; their categories are a vocabulary the director keeps."""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import FileStorage

from tracker.documents.storage import RECEIPT_EXTENSIONS, store_document
from tracker.errors import ValidationError
from tracker.extensions import db
from tracker.finance.closures import ensure_open
from tracker.finance.models import Expense, ExpenseCategory, ExpenseShare
from tracker.finance.money import cents_of
from tracker.funders.models import Instrument
from tracker.periods import overlaps
from tracker.text import normalize

VALUE_CODE_HELP = "Le code s'écrit en minuscules sans accents ni espaces (ex. loyer)."
MAX_CENTS = 10**10  # a hundred million euros: a typing error
PAGE_SIZE = 100


@dataclass(frozen=True)
class ShareInput:
    """An instrument and the percentage of the expense charged to it."""

    instrument_id: int
    percent: Decimal


def list_categories(active_only: bool = False) -> list[ExpenseCategory]:
    query = select(ExpenseCategory).order_by(ExpenseCategory.label)
    if active_only:
        query = query.where(ExpenseCategory.active)
    return list(db.session.scalars(query))


def category_lookup() -> dict[str, ExpenseCategory]:
    """Every category by code and by label (case and accents ignored), for imports."""
    lookup: dict[str, ExpenseCategory] = {}
    for category in list_categories():
        lookup.setdefault(normalize(category.label), category)
        lookup[normalize(category.code)] = category
    return lookup


def add_category(code: str, label: str) -> ExpenseCategory:
    code = (code or "").strip().lower()
    if not code or not code.replace("_", "").isalnum() or not code.isascii():
        raise ValidationError("code", VALUE_CODE_HELP)
    if not (label or "").strip():
        raise ValidationError("label", "Indiquez le libellé en français.")
    if db.session.get(ExpenseCategory, code) is not None:
        raise ValidationError("code", f"La catégorie « {code} » existe déjà.")
    category = ExpenseCategory(code=code[:60], label=label.strip()[:150], active=True)
    db.session.add(category)
    db.session.flush()
    return category


def toggle_category(category: ExpenseCategory) -> ExpenseCategory:
    """Retire a category from the form, or offer it again; expenses keep theirs."""
    category.active = not category.active
    db.session.flush()
    return category


def amount_cents(amount: Decimal | None, field: str = "amount") -> int:
    if amount is None or amount <= 0:
        raise ValidationError(field, "Indiquez un montant positif en euros (ex. 1.250,00).")
    try:
        cents = cents_of(amount)
    except ValueError as problem:
        raise ValidationError(field, "Deux décimales au plus.") from problem
    if cents >= MAX_CENTS:
        raise ValidationError(field, "Montant invraisemblable.")
    return cents


def split_cents(total: int, percents: list[Decimal]) -> list[int]:
    """Each share's cents, rounded to the cent; shares adding up to 100 % add up to the
    whole expense exactly, none below zero: each share gets its whole cents, and the cents
    left go to the largest remainders (3 cents at 20/20/50/10 % are 1, 1, 1, 0, not
    1, 1, 2, -1)."""
    if total < 0:  # a credit note: the same shares, below zero
        return [-cents for cents in split_cents(-total, percents)]
    exact = [Decimal(total) * percent / 100 for percent in percents]
    if not percents or sum(percents) != 100:
        return [int(value.quantize(Decimal(1), ROUND_HALF_UP)) for value in exact]
    cents = [int(value) for value in exact]  # floors: shares are positive
    by_remainder = sorted(range(len(exact)), key=lambda index: cents[index] - exact[index])
    for index in by_remainder[:total - sum(cents)]:
        cents[index] += 1
    return cents


def _checked_shares(spent_on: date, total: int, shares: list[ShareInput]
                    ) -> list[tuple[Instrument, int]]:
    if not shares:
        raise ValidationError("instrument_1", "Imputez la dépense à au moins un instrument.")
    seen, instruments = set(), []
    for number, share in enumerate(shares, start=1):
        instrument = db.session.get(Instrument, share.instrument_id)
        if instrument is None:
            raise ValidationError(f"instrument_{number}", "Instrument inconnu.")
        if share.instrument_id in seen:
            raise ValidationError(f"instrument_{number}",
                                  "Cet instrument est déjà imputé plus haut.")
        seen.add(share.instrument_id)
        if not 0 < share.percent <= 100:
            raise ValidationError(f"percent_{number}", "Une part est comprise entre 0 et 100 %.")
        if spent_on < instrument.start_date or (instrument.end_date is not None
                                                and spent_on > instrument.end_date):
            raise ValidationError(f"instrument_{number}",
                                  f"« {instrument.title} » n'est pas en vigueur le "
                                  f"{spent_on:%d/%m/%Y}.")
        instruments.append(instrument)
    if sum(share.percent for share in shares) > 100:
        raise ValidationError("percent_1", "Les parts imputées dépassent 100 % de la dépense.")
    cents = split_cents(total, [share.percent for share in shares])
    if any(value <= 0 for value in cents):
        raise ValidationError("percent_1", "Une part vaut moins d'un cent.")
    return list(zip(instruments, cents, strict=True))


def _ensure_shares_open(expense: Expense) -> None:
    for share in expense.shares:
        ensure_open(share.instrument, share.instrument.year_of(expense.spent_on))


def save_expense(expense: Expense | None, *, spent_on: date | None, supplier: str,
                 description: str, category_code: str, amount: Decimal | None,
                 shares: list[ShareInput], receipt: FileStorage | None = None) -> Expense:
    """Create or change an expense and its shares. A share already marked (introduced,
    accepted, refused) keeps its status when its instrument stays; no instrument-year whose
    décompte was introduced changes, before or after."""
    if spent_on is None:
        raise ValidationError("spent_on", "Indiquez la date de la dépense.")
    supplier = " ".join((supplier or "").split())
    if not supplier:
        raise ValidationError("supplier", "Indiquez le fournisseur.")
    category = db.session.get(ExpenseCategory, category_code or "")
    if category is None or (not category.active
                            and (expense is None or expense.category_code != category.code)):
        raise ValidationError("category_code", "Choisissez une catégorie de la liste.")
    cents = amount_cents(amount)
    charged = _checked_shares(spent_on, cents, shares)
    for instrument, _cents in charged:
        ensure_open(instrument, instrument.year_of(spent_on))
    if expense is None:
        expense = Expense()
        db.session.add(expense)
    else:
        _ensure_shares_open(expense)
    expense.spent_on, expense.supplier = spent_on, supplier[:200]
    expense.description = " ".join((description or "").split())[:300]
    expense.category_code, expense.amount_cents = category.code, cents
    if receipt is not None and receipt.filename:
        expense.receipt_stored, expense.receipt_name = store_document(
            receipt, "receipt", RECEIPT_EXTENSIONS)
    kept = {share.instrument_id: share for share in expense.shares}
    expense.shares = [_share(kept.get(instrument.id), instrument, value)
                      for instrument, value in charged]
    db.session.flush()
    return expense


def _share(share: ExpenseShare | None, instrument: Instrument, cents: int) -> ExpenseShare:
    share = share or ExpenseShare(instrument=instrument, status="a_justifier", reason="")
    share.cents = cents
    return share


def delete_expense(expense: Expense) -> None:
    _ensure_shares_open(expense)
    db.session.delete(expense)
    db.session.flush()


def attach_receipt(expense: Expense, receipt: FileStorage | None) -> Expense:
    if receipt is None or not receipt.filename:
        raise ValidationError("receipt", "Choisissez le fichier du justificatif.")
    _ensure_shares_open(expense)
    expense.receipt_stored, expense.receipt_name = store_document(
        receipt, "receipt", RECEIPT_EXTENSIONS)
    db.session.flush()
    return expense


@dataclass
class ExpensePage:
    """A page of expenses, with what the `pager` macro reads."""

    expenses: list[Expense]
    total_cents: int
    total: int
    page: int
    pages: int

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def prev_num(self) -> int:
        return self.page - 1

    @property
    def next_num(self) -> int:
        return self.page + 1


def list_expenses(start: date, end: date, *, instrument_id: int | None = None,
                  category_code: str | None = None, page: int = 1) -> ExpensePage:
    """The period's expenses (newest first), one page at a time, with their total."""
    conditions = [Expense.spent_on.between(start, end)]
    if instrument_id:
        conditions.append(Expense.id.in_(select(ExpenseShare.expense_id).where(
            ExpenseShare.instrument_id == instrument_id)))
    if category_code:
        conditions.append(Expense.category_code == category_code)
    count, total = db.session.execute(
        select(func.count(), func.coalesce(func.sum(Expense.amount_cents), 0))
        .where(*conditions)).one()
    pages = max(1, -(-count // PAGE_SIZE))
    page = min(max(page, 1), pages)
    expenses = list(db.session.scalars(
        select(Expense).where(*conditions)
        .options(selectinload(Expense.shares).selectinload(ExpenseShare.instrument),
                 selectinload(Expense.category))
        .order_by(Expense.spent_on.desc(), Expense.id.desc())
        .offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)))
    return ExpensePage(expenses, int(total), count, page, pages)


def instruments_in_force(day: date) -> list[Instrument]:
    """What an expense of that day can be charged to."""
    return list(db.session.scalars(select(Instrument).where(overlaps(Instrument, day, day))
                                   .order_by(Instrument.title)))
