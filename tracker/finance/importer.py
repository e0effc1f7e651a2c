"""Importing the social secretariat's monthly costs (`nom;mois;cout[;type]`): the whole file
checked first, then written at once; the same file twice is refused."""

import calendar
import hashlib
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import insert, select, tuple_

from tracker.actors import current_actor
from tracker.db import added_unless_taken
from tracker.errors import DomainError
from tracker.extensions import db
from tracker.finance.closures import closed_stretches
from tracker.finance.models import COST_KINDS, CostImport, PersonnelCost
from tracker.finance.money import cents_of
from tracker.forms import parse_number
from tracker.progress import CHECKING, EVERY, Progress, no_progress
from tracker.staffing.models import Person
from tracker.tabular import CellError, TableRefused, cell_text, read_table
from tracker.text import normalize

REQUIRED_COLUMNS = ["nom", "mois", "cout"]
OPTIONAL_COLUMNS = ["type"]
MONTH = re.compile(r"^(?:(\d{1,2})[/.-](\d{4})|(\d{4})-(\d{1,2}))$")
MAX_CENTS = 10**9  # ten million euros for one person and one month is a typing error


@dataclass
class ImportReport:
    """What a cost or expense file gave (or would give, in a dry run)."""

    rows: int
    total_cents: int
    import_id: int | None
    dry_run: bool


def parse_month(text: str) -> tuple[date, date]:
    """« 03/2014 » or « 2014-03 » -> (first day, last day); ValueError in French."""
    match = MONTH.match(text.strip())
    if match is None:
        raise ValueError(f"« {text} » n'est pas un mois (ex. 03/2014 ou 2014-03).")
    month, year = (int(match[1]), int(match[2])) if match[1] else (int(match[4]),
                                                                   int(match[3]))
    if not 1 <= month <= 12 or not 1990 <= year <= 2100:
        raise ValueError(f"« {text} » n'est pas un mois (ex. 03/2014 ou 2014-03).")
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def parse_cents(value) -> int:
    """« 2 345,67 », « 2345,67 », « 2345.67 », « 2.345,67 € » or a number cell -> cents."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        amount = Decimal(str(value))
    else:
        amount = parse_number(cell_text(value).replace("€", "").replace("EUR", ""))
    try:
        cents = cents_of(amount)
    except ValueError as problem:
        raise ValueError(f"« {cell_text(value)} » : {problem}.") from problem
    if cents < 0:
        raise ValueError(f"« {cell_text(value)} » : un coût ne peut être négatif.")
    if cents >= MAX_CENTS:
        raise ValueError(f"« {cell_text(value)} » : montant invraisemblable pour un mois.")
    return cents


def new_file_sha256(content: bytes) -> str:
    """The file's SHA-256; a French refusal when a finance import already read it."""
    sha256 = hashlib.sha256(content).hexdigest()
    earlier = db.session.scalar(select(CostImport).where(CostImport.sha256 == sha256))
    if earlier is not None:
        raise DomainError(f"Ce fichier a déjà été importé le {earlier.at:%d/%m/%Y} "
                          f"({earlier.rows} lignes, import n° {earlier.id}) : rien n'est ajouté.")
    return sha256


def check_headers(headers: list[str], required: list[str], optional: list[str]) -> None:
    """Unknown or missing columns refuse the file, on its first line."""
    known = ", ".join(required + optional)
    errors = [CellError(1, column, f"Colonne inconnue ({known}).")
              for column in headers if column not in required + optional]
    errors += [CellError(1, column, "Colonne obligatoire absente.")
               for column in required if column not in headers]
    if errors:
        raise TableRefused(errors)


def record_import(filename: str, sha256: str, rows: int, kind: str) -> CostImport:
    """The file's import (flushed); the same file imported at the same moment elsewhere is
    refused here, by the database's unique fingerprint."""
    actor = current_actor()
    batch = CostImport(user_id=actor.user_id, actor=actor.label, filename=filename[:255],
                       sha256=sha256, rows=rows, kind=kind)
    if not added_unless_taken(db.session, batch):
        raise DomainError("Ce fichier a déjà été importé (au même moment, par ailleurs) : rien "
                          "n'est ajouté.")
    return batch


def import_costs(content: bytes, filename: str = "", dry_run: bool = False,
                 progress: Progress = no_progress) -> ImportReport:
    sha256 = new_file_sha256(content)
    table = read_table(content, filename)
    check_headers(table.headers, REQUIRED_COLUMNS, OPTIONAL_COLUMNS)
    people = {normalize(person.full_name): person.id
              for person in db.session.scalars(select(Person))}
    rows, errors, seen = [], [], {}
    for index, (line, cells) in enumerate(table.rows):
        if index % EVERY == 0:
            progress(CHECKING, index, len(table.rows))
        before = len(errors)
        name = cell_text(cells.get("nom"))
        person_id = people.get(normalize(name))
        if person_id is None:
            errors.append(CellError(line, "nom", f"« {name} » ne figure pas dans le personnel."
                                    if name else "Le nom est obligatoire."))
        month = month_end = None
        try:
            month, month_end = parse_month(cell_text(cells.get("mois")))
        except ValueError as problem:
            errors.append(CellError(line, "mois", str(problem)))
        cents = None
        try:
            cents = parse_cents(cells.get("cout"))
        except ValueError as problem:
            errors.append(CellError(line, "cout", str(problem) if cell_text(cells.get("cout"))
                                    else "Le coût est obligatoire."))
        kind = normalize(cell_text(cells.get("type"))).replace(" ", "_") or "salaire"
        if kind not in COST_KINDS:
            errors.append(CellError(line, "type", f"Type « {cell_text(cells.get('type'))} » "
                                    f"inconnu ({', '.join(COST_KINDS)})."))
        if len(errors) == before:
            key = (person_id, month, kind)
            if key in seen:
                errors.append(CellError(line, "mois", f"{name}, {month:%m/%Y} ({kind}) figure "
                                        f"déjà à la ligne {seen[key]}."))
                continue
            seen[key] = line
            rows.append({"person_id": person_id, "month": month, "month_end": month_end,
                         "kind": kind, "amount_cents": cents})
    if not errors and seen:
        for person_id, month, kind in db.session.execute(
                select(PersonnelCost.person_id, PersonnelCost.month, PersonnelCost.kind).where(
                    tuple_(PersonnelCost.person_id, PersonnelCost.month,
                           PersonnelCost.kind).in_(list(seen)))):
            errors.append(CellError(seen[(person_id, month, kind)], "mois",
                                    f"Un coût « {COST_KINDS[kind]} » de {month:%m/%Y} est déjà "
                                    "enregistré pour cette personne (autre fichier)."))
    if not errors and seen:
        stretches = closed_stretches({person_id for person_id, _month, _kind in seen})
        for (person_id, month, _kind), line in seen.items():
            month_end = month.replace(day=calendar.monthrange(month.year, month.month)[1])
            closed = next((stretch for stretch in stretches if stretch.person_id == person_id
                           and stretch.start <= month_end and month <= stretch.end), None)
            if closed is not None:
                errors.append(CellError(line, "mois", f"{month:%m/%Y} est imputé au décompte "
                                        f"{closed.decompte}, déjà introduit : rouvrez-le "
                                        "d'abord (page Justification)."))
    if errors:
        raise TableRefused(sorted(errors, key=lambda error: error.line))
    if not rows:
        raise TableRefused([CellError(2, "", "Aucun coût dans le fichier.")])
    total = sum(row["amount_cents"] for row in rows)
    if dry_run:
        return ImportReport(len(rows), total, None, True)
    batch = record_import(filename, sha256, len(rows), "personnel")
    db.session.execute(insert(PersonnelCost), [row | {"import_id": batch.id} for row in rows])
    return ImportReport(len(rows), total, batch.id, False)
