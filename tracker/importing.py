"""The one skeleton of every file import (activities, team, personnel costs, expenses): the
columns declared once, the header checked, each row read with its errors by line and column,
the file's fingerprint and « déjà importé », the dry run, writing in chunks with progress.
An importer keeps only what is its own: its columns, what a valid row becomes, the checks
across rows, and how its rows are written."""

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic, Protocol, TypeVar

from tracker.errors import DomainError
from tracker.progress import CHECKING, EVERY, READING, WRITING, Progress, no_progress
from tracker.tabular import CellError, Table, TableRefused, cell_text, read_table

Row = TypeVar("Row")
Report = TypeVar("Report")


@dataclass(frozen=True)
class Column:
    """A column of an import file: its name in the header (normalised), whether the header
    must hold it, and how a cell is read (`parse`: ValueError in French; `missing`: the
    message when the cell is empty, which makes the cell compulsory)."""

    name: str
    required: bool = False
    parse: Callable[[Any], Any] | None = None
    missing: str | None = None


@dataclass(slots=True)
class RowReader:
    """One line of the file while it is read: its raw cells, its parsed values, its errors."""

    line: int
    cells: dict[str, object]
    errors: list[CellError]
    values: dict[str, Any] = field(default_factory=dict)
    failed: bool = False

    def error(self, column: str, message: str) -> None:
        self.errors.append(CellError(self.line, column, message))
        self.failed = True

    def text(self, column: str) -> str:
        return cell_text(self.cells.get(column))

    def __getitem__(self, column: str) -> Any:
        return self.values.get(column)

    def read(self, columns: Iterable[Column]) -> None:
        for column in columns:
            raw = self.cells.get(column.name)
            text = cell_text(raw)
            if not text:
                if column.missing:
                    self.error(column.name, column.missing)
            elif column.parse is None:
                self.values[column.name] = text
            else:
                try:
                    self.values[column.name] = column.parse(raw)
                except ValueError as problem:
                    self.error(column.name, str(problem))


class Importer(Protocol[Row, Report]):
    """What an importer declares; `check_file` and `run_import` do the rest."""

    columns: tuple[Column, ...]
    nothing: str  # « Aucune activité dans le fichier. »
    can_force: bool  # a file imported before may be imported again on purpose

    def extra_columns(self) -> set[str]: ...  # columns known beyond `columns` (dimensions)

    def check_header(self, headers: list[str]) -> list[CellError]: ...  # its own refusals

    def row(self, row: RowReader) -> Row | None: ...  # a valid line becomes a row

    def check_rows(self, rows: list[Row], errors: list[CellError]) -> None: ...  # across rows

    def earlier_import(self, sha256: str) -> "EarlierImport | None": ...

    def write(self, checked: "CheckedFile[Row]", progress: Progress) -> Report: ...

    def report(self, checked: "CheckedFile[Row]", batch_id: int | None) -> Report: ...


class ImporterBase(Generic[Row, Report]):
    """Defaults for what most importers do not need."""

    columns: tuple[Column, ...] = ()
    nothing = "Aucune ligne dans le fichier."
    can_force = False

    def extra_columns(self) -> set[str]:
        return set()

    def check_header(self, headers: list[str]) -> list[CellError]:
        return []

    def check_rows(self, rows: list[Row], errors: list[CellError]) -> None:
        return None

    def earlier_import(self, sha256: str) -> "EarlierImport | None":
        return None


@dataclass(frozen=True)
class EarlierImport:
    """An import of the same file that still counts."""

    number: int
    at: datetime
    rows: int
    writing: bool = False


def already_imported(earlier: EarlierImport, can_force: bool = False) -> DomainError:
    """The one refusal of a file imported before."""
    writing = ", encore en cours d'écriture" if earlier.writing else ""
    then = ("Annulez cet import ou forcez un nouvel import." if can_force
            else "Rien n'est ajouté.")
    return DomainError(f"Ce fichier a déjà été importé le {earlier.at:%d/%m/%Y} "
                       f"({earlier.rows} lignes, import n° {earlier.number}{writing}). {then}")


@dataclass
class CheckedFile(Generic[Row]):
    """A file read and checked whole, ready to be written."""

    sha256: str
    filename: str
    rows: list[Row]
    forced: bool = False


def fingerprint(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def header_errors(headers: list[str], columns: Iterable[Column],
                  extra: set[str] = frozenset()) -> list[CellError]:
    """Missing required columns (one line naming them all) and unknown columns (one each)."""
    columns = list(columns)
    names = [column.name for column in columns]
    errors = []
    missing = [column.name for column in columns if column.required and column.name not in
               headers]
    if missing:
        expected = ";".join(column.name for column in columns if column.required)
        errors.append(CellError(1, "", f"Colonnes manquantes : {', '.join(missing)}. "
                                       f"En-tête attendu : {expected}."))
    known = ", ".join(names)
    errors += [CellError(1, header, f"Colonne inconnue (colonnes possibles : {known}"
                                    + (" et les dimensions" if extra else "") + ").")
               for header in headers if header and header not in names and header not in extra]
    return errors


def read_rows(table: Table, importer: Importer, progress: Progress = no_progress
              ) -> tuple[list, list[CellError]]:
    """Every line read: its columns parsed, then made a row by the importer; errors by line
    and column, in file order."""
    rows, errors = [], []
    total = len(table.rows)
    for index, (line, cells) in enumerate(table.rows):
        if index % EVERY == 0:
            progress(CHECKING, index, total)
        reader = RowReader(line, cells, errors)
        reader.read(importer.columns)
        row = importer.row(reader)
        if not reader.failed and row is not None:
            rows.append(row)
    return rows, errors


def check_file(importer: Importer, content: bytes, filename: str = "", force: bool = False,
               progress: Progress = no_progress) -> CheckedFile:
    """Read and check the whole file (only reads): DomainError when it was imported before
    (unless forced), TableRefused listing every error otherwise."""
    sha256 = fingerprint(content)
    if not force and (earlier := importer.earlier_import(sha256)) is not None:
        raise already_imported(earlier, importer.can_force)
    progress(READING, 0, 0)
    table = read_table(content, filename)
    errors = header_errors(table.headers, importer.columns, importer.extra_columns())
    errors += importer.check_header(table.headers)
    if errors:
        raise TableRefused(errors)
    rows, errors = read_rows(table, importer, progress)
    if not errors:
        importer.check_rows(rows, errors)
    if errors:
        raise TableRefused(sorted(errors, key=lambda error: error.line))
    if not rows:
        raise TableRefused([CellError(2, "", importer.nothing)])
    return CheckedFile(sha256, filename, rows, forced=force)


def run_import(importer: Importer, content: bytes, filename: str = "", dry_run: bool = False,
               force: bool = False, progress: Progress = no_progress):
    """Check the file, then (unless a dry run) let the importer write it; the caller commits."""
    checked = check_file(importer, content, filename, force, progress)
    if dry_run:
        return importer.report(checked, None)
    return importer.write(checked, progress)


def write_in_chunks(rows: list, write: Callable[[list], None], progress: Progress,
                    size: int, after_chunk: Callable[[], None] | None = None) -> None:
    """Write `rows` `size` at a time, reporting progress; `after_chunk` (a commit, a sign of
    life) runs after each."""
    total = len(rows)
    for start in range(0, total, size):
        progress(WRITING, start, total)
        write(rows[start:start + size])
        if after_chunk is not None:
            after_chunk()
    progress(WRITING, total, total)
