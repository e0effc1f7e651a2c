"""Importing a team table (one row per allocation): all checked first, then written at once."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from tracker.catalogue.models import JobFunction
from tracker.catalogue.services import function_lookup
from tracker.extensions import db
from tracker.formatting import quoted
from tracker.funders.models import Funder, Instrument
from tracker.progress import CHECKING, EVERY, Progress, no_progress
from tracker.staffing.invariants import ONE, Span, first_overload, overload_message
from tracker.staffing.models import Allocation, Person
from tracker.staffing.services import find_or_create_partner
from tracker.tabular import (
    CellError,
    TableRefused,
    cell_text,
    parse_date,
    parse_decimal,
    read_table,
)
from tracker.text import normalize

REQUIRED_COLUMNS = ["nom", "fonction", "formation", "etp", "financement", "debut", "fin",
                    "motif_fin"]
OPTIONAL_COLUMNS = ["instrument", "detache_chez"]


@dataclass
class StaffRow:
    line: int
    name: str
    function_code: str
    training: str
    fte: Decimal
    funder: Funder
    start: date
    end: date | None
    end_reason: str
    instrument: Instrument | None
    detached_to: str

    def key(self) -> tuple:
        return (self.function_code, self.fte, self.funder.id,
                self.instrument.id if self.instrument else None, self.start, self.end)


@dataclass
class StaffImportReport:
    rows: int = 0
    people_created: list[str] = field(default_factory=list)
    allocations_created: int = 0
    allocations_already_there: int = 0
    dry_run: bool = False


def import_staff(content: bytes, filename: str = "", dry_run: bool = False,
                 progress: Progress = no_progress) -> StaffImportReport:
    """Check the whole file; raise TableRefused listing every error, or write it all."""
    table = read_table(content, filename)
    errors: list[CellError] = []
    missing = [column for column in REQUIRED_COLUMNS if column not in table.headers]
    unknown = [column for column in table.headers
               if column and column not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    if missing:
        errors.append(CellError(1, "", "Colonnes manquantes : " + ", ".join(missing)
                                + ". En-tête attendu : " + ";".join(REQUIRED_COLUMNS) + "."))
    for column in unknown:
        errors.append(CellError(1, column, "Colonne inconnue."))
    if errors:
        raise TableRefused(errors)

    parsed = _parse_rows(table.rows, errors, progress)
    _check_people(parsed, errors)
    if errors:
        raise TableRefused(sorted(errors, key=lambda error: error.line))
    report = StaffImportReport(rows=len(parsed), dry_run=dry_run)
    _write(parsed, report, dry_run)
    return report


def _parse_rows(rows, errors: list[CellError], progress: Progress = no_progress
                ) -> list[StaffRow]:
    functions = function_lookup()
    funders = {funder.code: funder for funder in db.session.scalars(db.select(Funder))}
    instruments = list(db.session.scalars(db.select(Instrument)))
    parsed = []
    for index, (line, cells) in enumerate(rows):
        if index % EVERY == 0:
            progress(CHECKING, index, len(rows))
        row_errors = len(errors)

        def error(column: str, message: str, line=line) -> None:
            errors.append(CellError(line, column, message))

        name = " ".join(cell_text(cells.get("nom")).split())
        if not name:
            error("nom", "Le nom est obligatoire.")
        function_text = cell_text(cells.get("fonction"))
        function_code = functions.get(normalize(function_text))
        if function_code is None:
            error("fonction", f"Fonction « {function_text} » inconnue (ex. psychologue, "
                              "assistant_social, educateur, medecin, secretaire, direction).")
        fte = None
        try:
            fte = parse_decimal(cells.get("etp"))
            if not (Decimal(0) < fte <= ONE):
                error("etp", f"L'ETP doit être supérieur à 0 et au plus 1 (lu : {fte}).")
        except ValueError as problem:
            error("etp", str(problem))
        funder_code = cell_text(cells.get("financement")).upper()
        funder = funders.get(funder_code)
        if funder is None:
            error("financement", f"Financeur « {funder_code} » inconnu : utilisez un code "
                                 f"({', '.join(sorted(funders))}).")
        start = end = None
        try:
            start = parse_date(cells.get("debut"))
        except ValueError as problem:
            error("debut", str(problem) if cell_text(cells.get("debut")) else
                  "La date de début est obligatoire.")
        if cell_text(cells.get("fin")):
            try:
                end = parse_date(cells.get("fin"))
            except ValueError as problem:
                error("fin", str(problem))
        if start and end and end < start:
            error("fin", "La date de fin précède la date de début.")
        instrument = None
        instrument_text = cell_text(cells.get("instrument"))
        if instrument_text and funder is not None:
            matches = [i for i in instruments if i.funder_id == funder.id
                       and normalize(i.title) == normalize(instrument_text)]
            if not matches:
                error("instrument",
                      f"Aucun instrument {quoted(instrument_text)} chez {funder.label}.")
            else:
                instrument = matches[0]
                too_late = instrument.end_date and (end is None or end > instrument.end_date)
                if start and (start < instrument.start_date or too_late):
                    error("instrument", "L'affectation sort de la période de l'instrument "
                                        f"{quoted(instrument.title)}.")
        if len(errors) == row_errors:
            parsed.append(StaffRow(
                line, name, function_code, cell_text(cells.get("formation")), fte, funder, start,
                end, cell_text(cells.get("motif_fin")), instrument,
                " ".join(cell_text(cells.get("detache_chez")).split()),
            ))
    return parsed


def _check_people(rows: list[StaffRow], errors: list[CellError]) -> None:
    """No one above 1 FTE on any day, counting what is already in the database."""
    by_person: dict[str, list[StaffRow]] = defaultdict(list)
    for row in rows:
        by_person[row.name].append(row)
    for name, person_rows in by_person.items():
        person = db.session.scalar(db.select(Person).where(Person.full_name == name))
        spans_by_key = {}
        if person is not None:
            for allocation in person.allocations:
                spans_by_key[_allocation_key(allocation)] = Span(
                    allocation.fte, allocation.start_date, allocation.end_date, "déjà enregistrée")
        for row in person_rows:  # a row repeated, or already imported, counts once
            spans_by_key.setdefault(row.key(), Span(row.fte, row.start, row.end,
                                                    f"ligne {row.line}"))
        spans = list(spans_by_key.values())
        overload = first_overload(spans)
        if overload:
            lines = [int(source.split()[1]) for source in overload[3]
                     if source.startswith("ligne ")]
            errors.append(CellError(max(lines) if lines else person_rows[0].line, "etp",
                                    overload_message(name, overload)))


def _allocation_key(allocation: Allocation) -> tuple:
    # Through the relationships: a just-added allocation has no foreign key ids yet.
    return (allocation.function_code, allocation.fte, allocation.funder.id,
            allocation.instrument.id if allocation.instrument else None,
            allocation.start_date, allocation.end_date)


def _write(rows: list[StaffRow], report: StaffImportReport, dry_run: bool) -> None:
    people: dict[str, Person] = {}
    for row in rows:
        person = people.get(row.name) or db.session.scalar(
            db.select(Person).where(Person.full_name == row.name))
        if person is None:
            report.people_created.append(row.name)
            person = Person(full_name=row.name, training=row.training)
            if not dry_run:
                db.session.add(person)
        elif row.training and not person.training and not dry_run:
            person.training = row.training
        people[row.name] = person
        if row.key() in {_allocation_key(allocation) for allocation in person.allocations}:
            report.allocations_already_there += 1
            continue
        report.allocations_created += 1
        if dry_run:
            continue
        detached = find_or_create_partner(row.detached_to) if row.detached_to else None
        person.allocations.append(Allocation(
            function_code=row.function_code, fte=row.fte, funder=row.funder,
            instrument=row.instrument, start_date=row.start, end_date=row.end,
            end_reason=row.end_reason, detached_to=detached,
        ))
    if not dry_run:
        db.session.flush()


def template_rows() -> tuple[list[str], list[list[str]]]:
    """The team table's header and one example row, with a function and a funder in use."""
    function = db.session.scalar(db.select(JobFunction.code).where(JobFunction.active)
                                 .order_by(JobFunction.position).limit(1)) or ""
    funder = db.session.scalar(db.select(Funder.code).where(Funder.active)
                               .order_by(Funder.code).limit(1)) or ""
    headers = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
    example = {"nom": "Prénom Nom", "fonction": function, "formation": "Master en psychologie",
               "etp": "0,5", "financement": funder, "debut": "01/01/2025"}
    return headers, [[example.get(column, "") for column in headers]]
