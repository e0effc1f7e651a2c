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
from tracker.finance.importer import (
    ImportReport,
    check_headers,
    new_file_sha256,
    parse_cents,
    record_import,
)
from tracker.finance.models import Expense, ExpenseShare
from tracker.forms import parse_number
from tracker.funders.models import Funder, Instrument
from tracker.progress import CHECKING, EVERY, Progress, no_progress
from tracker.tabular import CellError, TableRefused, cell_text, parse_date, read_table
from tracker.text import normalize

REQUIRED_COLUMNS = ["date", "fournisseur", "categorie", "montant", "imputation"]
OPTIONAL_COLUMNS = ["description"]
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


def import_expenses(content: bytes, filename: str = "", dry_run: bool = False,
                    progress: Progress = no_progress) -> ImportReport:
    sha256 = new_file_sha256(content)
    table = read_table(content, filename)
    check_headers(table.headers, REQUIRED_COLUMNS, OPTIONAL_COLUMNS)
    categories = category_lookup()
    finder = InstrumentFinder()
    closed: dict[tuple[int, int], bool] = {}
    rows, errors = [], []
    for index, (line, cells) in enumerate(table.rows):
        if index % EVERY == 0:
            progress(CHECKING, index, len(table.rows))
        before = len(errors)
        day = None
        if not cell_text(cells.get("date")):
            errors.append(CellError(line, "date", "La date est obligatoire (ex. 31/12/2025)."))
        else:
            try:
                day = parse_date(cells.get("date"))
            except ValueError as problem:
                errors.append(CellError(line, "date", str(problem)))
        supplier = " ".join(cell_text(cells.get("fournisseur")).split())
        if not supplier:
            errors.append(CellError(line, "fournisseur", "Le fournisseur est obligatoire."))
        category_name = cell_text(cells.get("categorie"))
        category = categories.get(normalize(category_name))
        if category is None or not category.active:
            errors.append(CellError(line, "categorie", f"Catégorie « {category_name} » "
                                    "inconnue (Finances › Catégories de frais)."))
        cents = None
        try:
            cents = parse_cents(cells.get("montant"))
            if cents == 0:
                raise ValueError("un montant nul n'est pas une dépense.")
        except ValueError as problem:
            errors.append(CellError(line, "montant", str(problem)
                                    if cell_text(cells.get("montant"))
                                    else "Le montant est obligatoire."))
        charged = []
        if day is not None and cents:
            try:
                charged = parse_imputation(cell_text(cells.get("imputation")), day, cents,
                                           finder)
            except ValueError as problem:
                errors.append(CellError(line, "imputation", str(problem)))
            for instrument, _cents in charged:
                year = instrument.year_of(day)
                if (instrument.id, year) not in closed:
                    closed[(instrument.id, year)] = closure_of(instrument.id, year) is not None
                if closed[(instrument.id, year)]:
                    errors.append(CellError(line, "imputation", f"Le décompte "
                                            f"{instrument.title} {instrument.year_label(year)} "
                                            "est introduit : rouvrez-le d'abord."))
        if len(errors) == before:
            rows.append((Expense(spent_on=day, supplier=supplier[:200],
                                 description=" ".join(cell_text(
                                     cells.get("description")).split())[:300],
                                 category_code=category.code, amount_cents=cents),
                         charged))
    if errors:
        raise TableRefused(sorted(errors, key=lambda error: error.line))
    if not rows:
        raise TableRefused([CellError(2, "", "Aucune dépense dans le fichier.")])
    total = sum(expense.amount_cents for expense, _charged in rows)
    if dry_run:
        return ImportReport(len(rows), total, None, True)
    batch = record_import(filename, sha256, len(rows), "fonctionnement")
    for expense, charged in rows:
        expense.import_id = batch.id
        expense.shares = [ExpenseShare(instrument_id=instrument.id, cents=value,
                                       status="a_justifier", reason="")
                          for instrument, value in charged]
        db.session.add(expense)
    db.session.flush()
    return ImportReport(len(rows), total, batch.id, False)

