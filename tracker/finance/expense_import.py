"""Importing operating expenses (`date;fournisseur;description;categorie;montant;imputation`):
the whole file checked first, then written at once; the same file twice is refused. The
imputation names the instrument charged (its title, or its funder's code when that funder has
one instrument in force that day), or several with their shares: « PSSP 60 % + SPW 40 % »."""

import re
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from tracker.extensions import db
from tracker.finance.closures import closure_of
from tracker.finance.expenses import category_lookup, split_cents
from tracker.finance.importer import FinanceImporter, ImportReport, parse_cents
from tracker.finance.models import Expense, ExpenseShare
from tracker.forms import parse_number
from tracker.funders.models import Funder, Instrument
from tracker.importing import Column, RowReader, run_import
from tracker.progress import Progress, no_progress
from tracker.tabular import parse_date
from tracker.text import normalize

SHARE = re.compile(r"^(.*?)\s*(?:(\d+(?:[.,]\d+)?)\s*%)?$")


class InstrumentFinder:
    """Instruments named as people write them: a title, or a funder's code or short name
    when that funder has a single instrument in force on the day."""

    def __init__(self) -> None:
        self.instruments = list(db.session.scalars(select(Instrument).join(Funder)))
        self.by_title: dict[str, list[Instrument]] = {}
        self.by_funder: dict[str, list[Instrument]] = {}
        for instrument in self.instruments:
            self.by_title.setdefault(normalize(instrument.title), []).append(instrument)
            for key in {normalize(instrument.funder.code), normalize(instrument.funder.label)}:
                self.by_funder.setdefault(key, []).append(instrument)

    def find(self, name: str, day: date) -> Instrument:
        def in_force(candidates):
            return [instrument for instrument in candidates
                    if instrument.start_date <= day
                    and (instrument.end_date is None or day <= instrument.end_date)]
        key = normalize(name)
        titled = in_force(self.by_title.get(key, []))
        if len(titled) == 1:
            return titled[0]
        funded = in_force(self.by_funder.get(key, []))
        if len(funded) == 1:
            return funded[0]
        if len(funded) > 1 or len(titled) > 1:
            raise ValueError(f"« {name} » désigne plusieurs instruments en vigueur le "
                             f"{day:%d/%m/%Y} : donnez l'intitulé de l'instrument.")
        raise ValueError(f"Aucun instrument « {name} » en vigueur le {day:%d/%m/%Y}.")


def parse_imputation(text: str, day: date, total: int, finder: InstrumentFinder
                     ) -> list[tuple[Instrument, int]]:
    """« PSSP » (all of it), or « PSSP 60 % + SPW 40 % » -> [(instrument, cents), …]."""
    parts = [part.strip() for part in text.split("+") if part.strip()]
    if not parts:
        raise ValueError("Indiquez l'instrument imputé (ex. PSSP, ou PSSP 60 % + SPW 40 %).")
    named, percents = [], []
    for part in parts:
        match = SHARE.match(part)
        name, percent = match[1].strip(), match[2]
        if not name:
            raise ValueError(f"« {part} » : nommez l'instrument avant sa part.")
        named.append(finder.find(name, day))
        percents.append(parse_number(percent, thousands=False) if percent
                        else (Decimal(100) if len(parts) == 1 else None))
    if None in percents:
        raise ValueError("Avec plusieurs instruments, donnez la part de chacun "
                         "(ex. PSSP 60 % + SPW 40 %).")
    if len({instrument.id for instrument in named}) < len(named):
        raise ValueError("Le même instrument est imputé deux fois.")
    if any(not 0 < percent <= 100 for percent in percents) or sum(percents) > 100:
        raise ValueError("Les parts sont comprises entre 0 et 100 % et ne dépassent pas "
                         "100 % ensemble.")
    cents = split_cents(total, percents)
    if any(value <= 0 for value in cents):
        raise ValueError("Une part vaut moins d'un cent.")
    return list(zip(named, cents, strict=True))


def _amount(value) -> int:
    cents = parse_cents(value)
    if cents == 0:
        raise ValueError("un montant nul n'est pas une dépense.")
    return cents


class ExpenseImporter(FinanceImporter):
    columns = (
        Column("date", required=True, parse=parse_date,
               missing="La date est obligatoire (ex. 31/12/2025)."),
        Column("fournisseur", required=True, missing="Le fournisseur est obligatoire."),
        Column("description"),
        Column("categorie", required=True),
        Column("montant", required=True, parse=_amount, missing="Le montant est obligatoire."),
        Column("imputation", required=True),
    )
    nothing = "Aucune dépense dans le fichier."
    kind = "fonctionnement"

    def __init__(self) -> None:
        self.categories = category_lookup()
        self.finder = InstrumentFinder()
        self.closed: dict[tuple[int, int], bool] = {}

    def _closed(self, instrument: Instrument, year: int) -> bool:
        if (instrument.id, year) not in self.closed:
            self.closed[(instrument.id, year)] = closure_of(instrument.id, year) is not None
        return self.closed[(instrument.id, year)]

    def row(self, row: RowReader) -> tuple[Expense, list] | None:
        category = self.categories.get(normalize(row.text("categorie")))
        if category is None or not category.active:
            row.error("categorie", f"Catégorie « {row.text('categorie')} » inconnue "
                                   "(Finances › Catégories de frais).")
        day, cents, charged = row["date"], row["montant"], []
        if day is not None and cents:
            try:
                charged = parse_imputation(row.text("imputation"), day, cents, self.finder)
            except ValueError as problem:
                row.error("imputation", str(problem))
            for instrument, _cents in charged:
                year = instrument.year_of(day)
                if self._closed(instrument, year):
                    row.error("imputation", f"Le décompte {instrument.title} "
                                            f"{instrument.year_label(year)} est introduit : "
                                            "rouvrez-le d'abord.")
        if row.failed:
            return None
        expense = Expense(spent_on=day, supplier=" ".join(row["fournisseur"].split())[:200],
                          description=" ".join((row["description"] or "").split())[:300],
                          category_code=category.code, amount_cents=cents)
        return expense, charged

    def cents_of(self, row: tuple[Expense, list]) -> int:
        return row[0].amount_cents

    def write_rows(self, rows: list[tuple[Expense, list]], import_id: int) -> None:
        for expense, charged in rows:
            expense.import_id = import_id
            expense.shares = [ExpenseShare(instrument_id=instrument.id, cents=value,
                                           status="a_justifier", reason="")
                              for instrument, value in charged]
            db.session.add(expense)


def import_expenses(content: bytes, filename: str = "", dry_run: bool = False,
                    progress: Progress = no_progress) -> ImportReport:
    return run_import(ExpenseImporter(), content, filename, dry_run, progress=progress)
