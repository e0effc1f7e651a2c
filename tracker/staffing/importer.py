"""Importing a team table (one row per allocation) on the import skeleton
(tracker/importing.py): all checked first, then written at once."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from tracker.association.models import Site
from tracker.association.services import list_sites
from tracker.catalogue.models import JobFunction
from tracker.catalogue.services import function_lookup
from tracker.extensions import db
from tracker.formatting import quoted
from tracker.funders.models import Funder, Instrument
from tracker.importing import (
    CheckedFile,
    Column,
    ImporterBase,
    RowReader,
    run_import,
    write_in_chunks,
)
from tracker.progress import Progress, no_progress
from tracker.staffing.invariants import ONE, Span, first_overload, overload_message
from tracker.staffing.models import Allocation, Person
from tracker.staffing.services import find_or_create_partner
from tracker.tabular import (
    CellError,
    cell_text,
    parse_date,
    parse_decimal,
)
from tracker.text import normalize


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
    site: Site | None = None

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


def _instrument_title(value) -> str:
    return " ".join(cell_text(value).split())


class StaffImporter(ImporterBase):
    """A team table, one row per allocation (the same allocation twice counts once)."""

    columns = (
        Column("nom", required=True, missing="Le nom est obligatoire."),
        Column("fonction", required=True),
        Column("formation", required=True),
        Column("etp", required=True, parse=parse_decimal,
               missing="L'ETP est obligatoire (ex. 0,5)."),
        Column("financement", required=True),
        Column("debut", required=True, parse=parse_date,
               missing="La date de début est obligatoire."),
        Column("fin", required=True, parse=parse_date),
        Column("motif_fin", required=True),
        Column("instrument", parse=_instrument_title),
        Column("detache_chez", parse=_instrument_title),
        Column("site", parse=_instrument_title),  # a site's name; empty: the seat
    )
    nothing = "Aucune affectation dans le fichier."

    def __init__(self) -> None:
        self.functions = function_lookup()
        self.funders = {funder.code: funder for funder in db.session.scalars(db.select(Funder))}
        self.instruments = list(db.session.scalars(db.select(Instrument)))
        self.sites = {normalize(site.name): site for site in list_sites()}

    def row(self, row: RowReader) -> StaffRow | None:
        function_code = self.functions.get(normalize(row.text("fonction")))
        if function_code is None:
            row.error("fonction", f"Fonction « {row.text('fonction')} » inconnue (ex. "
                                  "psychologue, assistant_social, educateur, medecin, "
                                  "secretaire, direction).")
        fte = row["etp"]
        if fte is not None and not (Decimal(0) < fte <= ONE):
            row.error("etp", f"L'ETP doit être supérieur à 0 et au plus 1 (lu : {fte}).")
        funder_code = row.text("financement").upper()
        funder = self.funders.get(funder_code)
        if funder is None:
            row.error("financement", f"Financeur « {funder_code} » inconnu : utilisez un code "
                                     f"({', '.join(sorted(self.funders))}).")
        start, end = row["debut"], row["fin"]
        if start and end and end < start:
            row.error("fin", "La date de fin précède la date de début.")
        instrument = self._instrument(row, funder, start, end)
        site = self.sites.get(normalize(row["site"])) if row["site"] else None
        if row["site"] and site is None:
            known = ", ".join(site.name for site in self.sites.values()) or "aucun encodé"
            row.error("site", f"Site {quoted(row['site'])} inconnu (Association › sites : "
                              f"{known}).")
        if row.failed:
            return None
        return StaffRow(row.line, " ".join(row["nom"].split()), function_code,
                        row.text("formation"), fte, funder, start, end, row.text("motif_fin"),
                        instrument, row["detache_chez"] or "", site)

    def _instrument(self, row: RowReader, funder: Funder | None, start: date | None,
                    end: date | None) -> Instrument | None:
        title = row["instrument"]
        if not title or funder is None:
            return None
        matches = [instrument for instrument in self.instruments
                   if instrument.funder_id == funder.id
                   and normalize(instrument.title) == normalize(title)]
        if not matches:
            row.error("instrument", f"Aucun instrument {quoted(title)} chez {funder.label}.")
            return None
        instrument = matches[0]
        too_late = instrument.end_date and (end is None or end > instrument.end_date)
        if start and (start < instrument.start_date or too_late):
            row.error("instrument", "L'affectation sort de la période de l'instrument "
                                    f"{quoted(instrument.title)}.")
        return instrument

    def check_rows(self, rows: list[StaffRow], errors: list[CellError]) -> None:
        _check_people(rows, errors)

    def report(self, checked: CheckedFile, batch_id: int | None) -> StaffImportReport:
        report = StaffImportReport(rows=len(checked.rows), dry_run=True)
        _write(checked.rows, report, dry_run=True)
        return report

    def write(self, checked: CheckedFile, progress: Progress) -> StaffImportReport:
        report = StaffImportReport(rows=len(checked.rows))
        write_in_chunks(checked.rows, lambda rows: _write(rows, report, dry_run=False),
                        progress, size=len(checked.rows))
        return report


def import_staff(content: bytes, filename: str = "", dry_run: bool = False,
                 progress: Progress = no_progress) -> StaffImportReport:
    """Check the whole file; raise TableRefused listing every error, or write it all."""
    return run_import(StaffImporter(), content, filename, dry_run, progress=progress)


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
            end_reason=row.end_reason, detached_to=detached, site=row.site,
        ))
    if not dry_run:
        db.session.flush()


def template_rows() -> tuple[list[str], list[list[str]]]:
    """The team table's header and one example row, with a function and a funder in use."""
    function = db.session.scalar(db.select(JobFunction.code).where(JobFunction.active)
                                 .order_by(JobFunction.position).limit(1)) or ""
    funder = db.session.scalar(db.select(Funder.code).where(Funder.active)
                               .order_by(Funder.code).limit(1)) or ""
    headers = [column.name for column in StaffImporter.columns]
    example = {"nom": "Prénom Nom", "fonction": function, "formation": "Master en psychologie",
               "etp": "0,5", "financement": funder, "debut": "01/01/2025"}
    return headers, [[example.get(column, "") for column in headers]]
