"""Importing dossier attributes on the import skeleton (tracker/importing.py): `dossier;date`
then any dimension the dossier holds, values by code or label (several separated by « | »);
each line records the values the person holds from that date. All checked first, then written
at once as one import that can be undone."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from tracker.activities.services import dossier_enabled, hash_dossier
from tracker.activities.vocabulary import Vocabulary
from tracker.actors import current_actor
from tracker.bulk_insert import insert_rows
from tracker.db import utcnow
from tracker.dossiers.models import Dossier, DossierImport, DossierValue
from tracker.errors import DomainError
from tracker.extensions import db
from tracker.figure_versions import figures_changed
from tracker.importing import (
    CheckedFile,
    Column,
    EarlierImport,
    ImporterBase,
    RowReader,
    run_import,
)
from tracker.progress import WRITING, Progress, no_progress
from tracker.tabular import CellError, parse_date


@dataclass
class DossierRow:
    line: int
    hash: str
    valid_from: date
    values: dict[str, list[int]]  # dimension code -> value ids


@dataclass
class DossierImportReport:
    rows: int = 0
    dossiers: int = 0
    dossiers_created: int = 0
    values: int = 0
    dry_run: bool = False
    batch_id: int | None = None


class DossierImporter(ImporterBase):
    columns = (
        Column("dossier", required=True, missing="Le code dossier est obligatoire."),
        Column("date", required=True, parse=parse_date, missing="La date est obligatoire."),
    )
    nothing = "Aucun dossier dans le fichier."

    def __init__(self) -> None:
        self.vocabulary = Vocabulary.load()
        self.dimensions = {code: dimension for code, dimension
                           in self.vocabulary.dimensions.items() if dimension.scope == "dossier"}
        self.in_file: list[str] = []
        self.today = date.today()

    def extra_columns(self) -> set[str]:
        return set(self.dimensions)

    def check_header(self, headers: list[str]) -> list[CellError]:
        if not dossier_enabled():
            return [CellError(1, "dossier", "Le code dossier est désactivé par la direction.")]
        self.in_file = [code for code in self.dimensions if code in headers]
        if not self.in_file:
            return [CellError(1, "", "Aucune colonne de dimension du dossier (par exemple "
                                     "genre, tranche_age, statut).")]
        return []

    def row(self, row: RowReader) -> DossierRow | None:
        if row["date"] is not None and row["date"] > self.today:
            row.error("date", "La date est dans le futur.")
        values: dict[str, list[int]] = {}
        for code in self.in_file:
            text = row.text(code)
            if not text:
                continue
            dimension = self.dimensions[code]
            parts = [part.strip() for part in text.split("|") if part.strip()]
            if len(parts) > 1 and not dimension.multiple:
                row.error(code, "Une seule valeur permise dans cette colonne.")
                continue
            for part in parts:
                value = self.vocabulary.find(code, part)
                if value is None:
                    row.error(code, f"Valeur « {part} » inconnue pour {dimension.label}.")
                else:
                    values.setdefault(code, []).append(value.id)
        if row.failed:
            return None
        return DossierRow(row.line, hash_dossier(row["dossier"]), row["date"],
                          {code: sorted(set(ids)) for code, ids in values.items()})

    def check_rows(self, rows: list[DossierRow], errors: list[CellError]) -> None:
        """One record per dossier, dimension and day: in the file, and beside what is
        already recorded (a correction of that day is made on the dossier's page)."""
        seen: dict[tuple, int] = {}
        for row in rows:
            for code in row.values:
                key = (row.hash, code, row.valid_from)
                if key in seen:
                    errors.append(CellError(row.line, code, f"Ce dossier a déjà une valeur au "
                                                            f"{row.valid_from:%d/%m/%Y} à la "
                                                            f"ligne {seen[key]}."))
                seen.setdefault(key, row.line)
        hashes = {row.hash for row in rows}
        recorded = set()
        for chunk in _chunks(sorted(hashes), 500):
            recorded |= set(db.session.execute(
                select(Dossier.hash, DossierValue.dimension_code, DossierValue.valid_from)
                .join(DossierValue).where(Dossier.hash.in_(chunk))).all())
        for row in rows:
            for code in row.values:
                if (row.hash, code, row.valid_from) in recorded:
                    errors.append(CellError(row.line, code, f"Ce dossier a déjà une valeur "
                                                            f"enregistrée au "
                                                            f"{row.valid_from:%d/%m/%Y} : "
                                                            f"corrigez-la sur sa page."))

    def earlier_import(self, sha256: str) -> EarlierImport | None:
        batch = db.session.scalar(select(DossierImport).where(
            DossierImport.sha256 == sha256, DossierImport.undone_at.is_(None)))
        return None if batch is None else EarlierImport(batch.id, batch.at, batch.rows)

    def report(self, checked: CheckedFile, batch_id: int | None,
               created: int | None = None) -> DossierImportReport:
        hashes = {row.hash for row in checked.rows}
        if created is None:
            created = len(hashes - set(existing_ids(hashes)))
        return DossierImportReport(
            rows=len(checked.rows), dossiers=len(hashes), dossiers_created=created,
            values=sum(len(ids) for row in checked.rows for ids in row.values.values()),
            dry_run=batch_id is None, batch_id=batch_id)

    def write(self, checked: CheckedFile, progress: Progress) -> DossierImportReport:
        batch = DossierImport(actor=current_actor().label, filename=checked.filename[:255],
                              sha256=checked.sha256, rows=len(checked.rows))
        db.session.add(batch)
        db.session.flush()
        ids = existing_ids({row.hash for row in checked.rows})
        new = sorted({row.hash for row in checked.rows} - set(ids))
        connection = db.session.connection()
        if new:
            insert_rows(connection, Dossier.__table__,
                        [{"hash": value, "created_at": utcnow()} for value in new])
            ids = existing_ids({row.hash for row in checked.rows})
        now = utcnow()
        records = [{"dossier_id": ids[row.hash], "dimension_code": code, "value_id": value_id,
                    "valid_from": row.valid_from, "batch_id": batch.id, "recorded_at": now}
                   for row in checked.rows for code, value_ids in row.values.items()
                   for value_id in value_ids]
        for start in range(0, len(records), 5000):
            progress(WRITING, start, len(records))
            insert_rows(connection, DossierValue.__table__, records[start:start + 5000])
        # written past the session's objects: the years they count from, said by hand
        figures_changed(db.session, min((row.valid_from.year for row in checked.rows),
                                        default=None))
        return self.report(checked, batch.id, created=len(new))


def existing_ids(hashes: set[str]) -> dict[str, int]:
    ids = {}
    for chunk in _chunks(sorted(hashes), 500):
        ids.update(db.session.execute(select(Dossier.hash, Dossier.id)
                                      .where(Dossier.hash.in_(chunk))).all())
    return ids


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def import_dossiers(content: bytes, filename: str = "", dry_run: bool = False,
                    progress: Progress = no_progress) -> DossierImportReport:
    """Check the whole file; raise TableRefused listing every error, or write it all."""
    return run_import(DossierImporter(), content, filename, dry_run, progress=progress)


def run_import_job(content: bytes, filename: str, params: dict,
                   progress: Progress) -> DossierImportReport:
    """The upload page's import, run by the scheduler (tracker/job_kinds.py)."""
    return import_dossiers(content, filename, bool(params.get("dry_run")), progress)


def undo_import(batch: DossierImport) -> int:
    """Remove the values the import recorded, and the dossiers it leaves empty."""
    if batch.undone_at is not None:
        raise DomainError("Cet import a déjà été annulé.")
    removed = db.session.execute(DossierValue.__table__.delete().where(
        DossierValue.batch_id == batch.id)).rowcount
    empty = select(Dossier.id).where(~Dossier.values.any(), ~Dossier.episode_ends.any())
    db.session.execute(Dossier.__table__.delete().where(Dossier.id.in_(empty)))
    batch.undone_at = utcnow()
    db.session.flush()
    return removed


def template_rows() -> tuple[list[str], list[list[str]]]:
    """The header (every dimension the dossier holds) and one example line."""
    vocabulary = Vocabulary.load()
    codes = [code for code, dimension in vocabulary.dimensions.items()
             if dimension.scope == "dossier"]
    example: dict[str, str] = {"dossier": "D-0001", "date": "15/01/2025"}
    for code in codes[:4]:
        values = vocabulary.active_values(code)
        if values:
            example[code] = values[0].code
    headers = ["dossier", "date", *codes]
    return headers, [[example.get(column, "") for column in headers]]


