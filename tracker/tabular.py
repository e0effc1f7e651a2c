"""Reading CSV and XLSX tables the way Belgian offices save them, and parsing their cells."""

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from xml.etree import ElementTree

from openpyxl import load_workbook

from tracker.text import normalize

ERRORS_SHOWN = 50  # an upload page lists the first errors of a refused file, then their count
# What one import reads at most: beyond, the file is refused at once (a worker is never tied
# up for minutes, nor its memory filled, by a file a person would not type).
MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 250_000
MAX_CELLS = 5_000_000  # XLSX: rows × columns
MAX_SHEET_XML = 400 * 1024 * 1024  # XLSX: the first sheet once unzipped (a « zip bomb »)
# The start of a row in a sheet's XML, whatever prefix its writer gave the namespace.
ROW_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s>/]")
SCAN_CHUNK = 4 * 1024 * 1024


@dataclass(frozen=True)
class CellError:
    line: int  # as the user sees the file: the header is line 1
    column: str
    message: str

    def __str__(self) -> str:
        where = f"ligne {self.line}" + (f", colonne « {self.column} »" if self.column else "")
        return f"{where[0].upper()}{where[1:]} : {self.message}"


class TableRefused(Exception):
    """The file cannot be imported; nothing was written. Carries every error found."""

    def __init__(self, errors: list[CellError]):
        super().__init__(f"{len(errors)} erreur(s)")
        self.errors = errors


@dataclass
class Table:
    headers: list[str]  # normalised
    rows: list[tuple[int, dict[str, object]]]  # (line number, header -> raw cell)


def _too_big(what: str) -> TableRefused:
    return TableRefused([CellError(1, "", f"{what} : découpez-le en plusieurs fichiers "
                                          f"({MAX_ROWS:,} lignes et {MAX_BYTES // 1024 ** 2} Mo "
                                          "au plus par import).".replace(",", " "))])


def read_table(content: bytes, filename: str = "") -> Table:
    """CSV (; or , delimited, UTF-8 with or without BOM, or Windows-1252) or XLSX, within the
    limits above (a French refusal naming the limit otherwise)."""
    if len(content) > MAX_BYTES:
        raise _too_big(f"Le fichier dépasse {MAX_BYTES // 1024 ** 2} Mo")
    if content[:4] == b"PK\x03\x04" or filename.lower().endswith(".xlsx"):
        return _read_xlsx(content)
    return _read_csv(content)


def _decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def _read_csv(content: bytes) -> Table:
    text = _decode(content)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records = list(reader)
    if len(records) > MAX_ROWS + 1:
        raise _too_big(f"Le fichier compte {len(records) - 1:,} lignes".replace(",", " "))
    if not records:
        raise TableRefused([CellError(1, "", "Le fichier est vide.")])
    headers = [normalize(cell).replace(" ", "_") for cell in records[0]]
    rows = []
    for index, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        rows.append((index, dict(zip(headers, record, strict=False))))
    return Table(headers, rows)


def _read_xlsx(content: bytes) -> Table:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unzipped = sum(entry.file_size for entry in archive.infolist()
                           if entry.filename.startswith("xl/worksheets/"))
            if unzipped > MAX_SHEET_XML:
                raise _too_big("Le classeur décompressé est démesuré")
            # The rows the first sheet holds, counted in its raw XML (a million in under a
            # second) before anything parses it: without a declared size, openpyxl would
            # read the whole sheet just to open it.
            held = _rows_in_sheet(archive, _first_sheet_path(archive))
        if held > MAX_ROWS + 1:
            raise _too_big(f"La feuille compte {held - 1:,} lignes".replace(",", " "))
        # Formulas are read as text and refused, never evaluated.
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, StopIteration,
            ElementTree.ParseError) as error:
        raise TableRefused([CellError(1, "", "Ce fichier XLSX est illisible.")]) from error
    sheet = workbook.worksheets[0]
    declared_rows, declared_columns = sheet.max_row or 0, sheet.max_column or 0
    if declared_rows > MAX_ROWS + 1 or declared_rows * declared_columns > MAX_CELLS:
        workbook.close()  # the sheet's own dimension says so: refused before reading a row
        raise _too_big(f"La feuille compte {declared_rows - 1:,} lignes".replace(",", " ")
                       if declared_rows > MAX_ROWS + 1 else
                       f"La feuille compte {declared_rows * declared_columns:,} cellules (au "
                       f"plus {MAX_CELLS:,})".replace(",", " "))
    # The declared size refuses a huge sheet at once, but is not trusted to read it: another
    # program may declare A1:C2 and write five lines (read-only mode would stop at line 2).
    sheet.reset_dimensions()
    records, cells = [], 0
    for record in sheet.iter_rows(values_only=True):  # counted as it is read
        records.append(record)
        cells += len(record)
        if len(records) > MAX_ROWS + 1 or cells > MAX_CELLS:
            workbook.close()
            raise _too_big(f"La feuille compte plus de {MAX_ROWS:,} lignes".replace(",", " "))
    workbook.close()
    if not records:
        raise TableRefused([CellError(1, "", "Le fichier est vide.")])
    headers = [normalize(str(cell or "")).replace(" ", "_") for cell in records[0]]
    rows, formulas = [], []
    for index, record in enumerate(records[1:], start=2):
        if all(cell is None or str(cell).strip() == "" for cell in record):
            continue
        for header, cell in zip(headers, record, strict=False):
            if isinstance(cell, str) and cell.startswith("="):
                formulas.append(CellError(
                    index, header, "Cette cellule contient une formule : remplacez-la par sa "
                                   "valeur (copier, coller les valeurs)."))
        rows.append((index, dict(zip(headers, record, strict=False))))
    if formulas:
        raise TableRefused(formulas)
    return Table(headers, rows)


def _first_sheet_path(archive: zipfile.ZipFile) -> str:
    """The first sheet's part in the archive, as the workbook and its relations name it."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    relations = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    first = next(element for element in workbook.iter() if element.tag.endswith("}sheet"))
    wanted = next(value for key, value in first.attrib.items() if key.endswith("}id"))
    target = next(element.get("Target") for element in relations
                  if element.get("Id") == wanted)
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def _rows_in_sheet(archive: zipfile.ZipFile, path: str) -> int:
    """How many rows a sheet's XML holds, read as a stream (never more than a chunk in
    memory; a row start cut between two chunks is found in their overlap)."""
    count, tail = 0, b""
    with archive.open(path) as stream:
        while chunk := stream.read(SCAN_CHUNK):
            window = tail + chunk
            count += len(ROW_START.findall(window))
            # keep the last bytes (longer than any row start) once
            # their own matches are counted: count only the matches that end in `chunk`
            tail = window[-64:]
            count -= len(ROW_START.findall(tail))
    return count + len(ROW_START.findall(tail))


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def parse_date(value: object) -> date:
    """DD/MM/YYYY, ISO YYYY-MM-DD, or a date cell from a spreadsheet, from 1950 to ten years
    ahead (a staff member may have started before 2000; 9999 is a typo); ValueError
    otherwise."""
    if isinstance(value, datetime):
        return _plausible(value.date(), str(value))
    if isinstance(value, date):
        return _plausible(value, str(value))
    text = cell_text(value)
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            day = datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        if text.isascii():  # never digits of another script
            return _plausible(day, text)
    raise ValueError(f"« {text} » n'est pas une date (attendu JJ/MM/AAAA ou AAAA-MM-JJ).")


FIRST_DATE_YEAR = 1950  # a cell's date; the application's own years begin in 2000
YEARS_AHEAD = 10  # …up to ten years from now (conventions and tranches run ahead)


def last_year() -> int:
    return date.today().year + YEARS_AHEAD


def _plausible(day: date, text: str) -> date:
    if not FIRST_DATE_YEAR <= day.year <= last_year():
        raise ValueError(f"« {text} » : date hors des années {FIRST_DATE_YEAR} à "
                         f"{last_year()}.")
    return day


TIME_OF_DAY = re.compile(r"^(\d{1,2})(?::(\d{2})|[hH](\d{2})?)$")


def parse_time(value: object) -> time:
    """« 14:05 », « 14h05 », « 14h », « 9:30 » or a time cell from a spreadsheet; ValueError
    (in French) otherwise."""
    if isinstance(value, datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0)
    text = "".join(cell_text(value).split())
    match = TIME_OF_DAY.match(text)
    hours, minutes = (int(match[1]), int(match[2] or match[3] or 0)) if match else (99, 0)
    if hours > 23 or minutes > 59:
        raise ValueError(f"« {cell_text(value)} » n'est pas une heure (ex. 14:05, 14h05 "
                         "ou 14h).")
    return time(hours, minutes)


# A number as Belgian offices write it, and nothing else: « 1 234,56 », « 1.234,56 »,
# « 1234.56 », « 12,5 »; never an exponent (1e5), an underscore (1_000) or other digits than
# 0–9 (Decimal would read all three).
PLAIN_NUMBER = re.compile(r"^[+-]?[0-9]+(?:[.,][0-9]+)?$")
BELGIAN_THOUSANDS = re.compile(r"^[+-]?[1-9][0-9]{0,2}(?:\.[0-9]{3})+(?:,[0-9]+)?$")


def parse_number(text: str, thousands: bool = True) -> Decimal:
    """A number as a Belgian secretary types it: « 245 580 », « 245.580 » (with `thousands`,
    a dot between groups of three digits separates thousands), « 12,5 », « 12.5 »;
    ValueError otherwise. Without `thousands` (an FTE), « 0.500 » and « 1.000 » are decimals."""
    compact = "".join((text or "").split())  # every space, narrow and non-breaking too
    if thousands and BELGIAN_THOUSANDS.match(compact):
        compact = compact.replace(".", "")
    if not PLAIN_NUMBER.match(compact):
        raise ValueError(f"« {text} » n'est pas un nombre (ex. 245 580 ou 12,5).")
    return Decimal(compact.replace(",", "."))


def parse_decimal(value: object) -> Decimal:
    """0,5 or 0.5 (or a number cell); ValueError otherwise."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        number = Decimal(str(value))
        if not number.is_finite():
            raise ValueError(f"« {value} » n'est pas un nombre (ex. 0,5).")
        return number
    try:
        return parse_number(cell_text(value), thousands=False)
    except ValueError:
        raise ValueError(f"« {cell_text(value)} » n'est pas un nombre (ex. 0,5).") from None
