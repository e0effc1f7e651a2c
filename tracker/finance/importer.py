"""Importing the social secretariat's monthly costs (`nom;mois;cout[;type]`) on the import
skeleton (tracker/importing.py): the whole file checked first, then written at once; the same
file twice is refused. What the cost and expense imports share is here too."""

import calendar
import re
from abc import ABC, abstractmethod
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
from tracker.importing import (
    CheckedFile,
    Column,
    EarlierImport,
    ImporterBase,
    RowReader,
    run_import,
    write_in_chunks,
)
from tracker.progress import Progress, no_progress
from tracker.staffing.models import Person
from tracker.tabular import CellError, cell_text
from tracker.text import normalize

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


class FinanceImporter(ImporterBase, ABC):
    """What the cost and expense files share: their fingerprint among the finance imports,
    and the report of rows and euros."""

    kind = ""  # personnel | fonctionnement

    def earlier_import(self, sha256: str) -> EarlierImport | None:
        earlier = db.session.scalar(select(CostImport).where(CostImport.sha256 == sha256))
        return EarlierImport(earlier.id, earlier.at, earlier.rows) if earlier else None

    @abstractmethod
    def cents_of(self, row) -> int:
        """The amount of one checked row, in cents."""

    def report(self, checked: CheckedFile, batch_id: int | None) -> ImportReport:
        return ImportReport(len(checked.rows), sum(self.cents_of(row) for row in checked.rows),
                            batch_id, batch_id is None)

    def write(self, checked: CheckedFile, progress: Progress) -> ImportReport:
        batch = record_import(checked.filename, checked.sha256, len(checked.rows), self.kind)
        write_in_chunks(checked.rows, lambda rows: self.write_rows(rows, batch.id), progress,
                        size=len(checked.rows))
        db.session.flush()
        return self.report(checked, batch.id)

    @abstractmethod
    def write_rows(self, rows: list, import_id: int) -> None:
        """Add the checked rows, tied to their import."""


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


def _kind(value) -> str:
    kind = normalize(cell_text(value)).replace(" ", "_")
    if kind not in COST_KINDS:
        raise ValueError(f"Type « {cell_text(value)} » inconnu ({', '.join(COST_KINDS)}).")
    return kind


class CostImporter(FinanceImporter):
    columns = (
        Column("nom", required=True, missing="Le nom est obligatoire."),
        Column("mois", required=True, parse=lambda value: parse_month(cell_text(value)),
               missing="Le mois est obligatoire (ex. 03/2014 ou 2014-03)."),
        Column("cout", required=True, parse=parse_cents, missing="Le coût est obligatoire."),
        Column("type", parse=_kind),
    )
    nothing = "Aucun coût dans le fichier."
    kind = "personnel"

    def __init__(self) -> None:
        self.people = {normalize(person.full_name): person.id
                       for person in db.session.scalars(select(Person))}
        self.seen: dict[tuple, int] = {}

    def row(self, row: RowReader) -> dict | None:
        person_id = self.people.get(normalize(row["nom"] or ""))
        if row["nom"] and person_id is None:
            row.error("nom", f"« {row['nom']} » ne figure pas dans le personnel.")
        if row.failed:
            return None
        (month, month_end), kind = row["mois"], row["type"] or "salaire"
        key = (person_id, month, kind)
        if key in self.seen:
            row.error("mois", f"{row['nom']}, {month:%m/%Y} ({kind}) figure déjà à la ligne "
                              f"{self.seen[key]}.")
            return None
        self.seen[key] = row.line
        return {"person_id": person_id, "month": month, "month_end": month_end, "kind": kind,
                "amount_cents": row["cout"]}

    def check_rows(self, rows: list[dict], errors: list[CellError]) -> None:
        """Months already costed by another file, or in a décompte already introduced."""
        seen = self.seen
        for person_id, month, kind in db.session.execute(
                select(PersonnelCost.person_id, PersonnelCost.month, PersonnelCost.kind).where(
                    tuple_(PersonnelCost.person_id, PersonnelCost.month,
                           PersonnelCost.kind).in_(list(seen)))):
            errors.append(CellError(seen[(person_id, month, kind)], "mois",
                                    f"Un coût « {COST_KINDS[kind]} » de {month:%m/%Y} est déjà "
                                    "enregistré pour cette personne (autre fichier)."))
        if errors:
            return
        stretches = closed_stretches({person_id for person_id, _month, _kind in seen})
        for (person_id, month, _kind), line in seen.items():
            month_end = month.replace(day=calendar.monthrange(month.year, month.month)[1])
            closed = next((stretch for stretch in stretches if stretch.person_id == person_id
                           and stretch.start <= month_end and month <= stretch.end), None)
            if closed is not None:
                errors.append(CellError(line, "mois", f"{month:%m/%Y} est imputé au décompte "
                                        f"{closed.decompte}, déjà introduit : rouvrez-le "
                                        "d'abord (page Justification)."))

    def cents_of(self, row: dict) -> int:
        return row["amount_cents"]

    def write_rows(self, rows: list[dict], import_id: int) -> None:
        db.session.execute(insert(PersonnelCost), [row | {"import_id": import_id}
                                                   for row in rows])


def import_costs(content: bytes, filename: str = "", dry_run: bool = False,
                 progress: Progress = no_progress) -> ImportReport:
    return run_import(CostImporter(), content, filename, dry_run, progress=progress)
