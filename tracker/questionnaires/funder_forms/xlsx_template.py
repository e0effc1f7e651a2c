"""Excel templates: bound by defined names or a mapping sheet, checked against the
definition, then filled cell by cell with openpyxl. Numbers are written as numbers, the
workbook's formulas are kept and recomputed when the file is opened, and a table never
overwrites a filled cell outside its named range."""

import io
import zipfile
from datetime import date

from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook

from tracker.documents.xlsx import DATE_FORMAT, FORMULA_STARTS, SHARE_FORMAT
from tracker.errors import DomainError
from tracker.formatting import quoted
from tracker.questionnaires.funder_forms.problems import Problem, TemplateCheck, TemplateRefused
from tracker.questionnaires.funder_forms.shapes import item_ids, names_of
from tracker.questionnaires.funder_forms.xlsx_bindings import (
    Binding,
    mapping_sheet,
    read_bindings,
)
from tracker.questionnaires.funder_forms.xlsx_values import Entry, Share
from tracker.questionnaires.schema import Definition

MACROS = "xl/vbaProject.bin"
MERGED = "la cellule {} fait partie de cellules fusionnées : nommez la première d'entre elles"


def _open(content: bytes) -> Workbook:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            if MACROS in archive.namelist():
                raise DomainError("Le classeur contient des macros : enregistrez-le en .xlsx "
                                  "sans macros (les .xlsm sont refusés).")
        return load_workbook(io.BytesIO(content))
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as error:
        raise DomainError("Ce n'est pas un classeur Excel (.xlsx) lisible.") from error


def check_xlsx(definition: Definition, content: bytes) -> TemplateCheck:
    check = TemplateCheck("xlsx")
    try:
        workbook = _open(content)
    except DomainError as error:
        check.problems.append(Problem("fichier", error.message))
        return check
    bindings, check.problems = read_bindings(workbook, names_of(definition), definition.id)
    for binding in bindings:
        cell = workbook[binding.sheet].cell(binding.bounds[1], binding.bounds[0])
        if isinstance(cell, MergedCell):
            check.problems.append(Problem(binding.where, MERGED.format(cell.coordinate)))
    used = {binding.base for binding in bindings}
    check.unused = [item for item in item_ids(definition) if item not in used]
    return check


def fill_xlsx(content: bytes, definition: Definition, entries: dict[str, Entry]) -> bytes:
    workbook = _open(content)
    bindings, problems = read_bindings(workbook, names_of(definition), definition.id)
    if problems:
        raise TemplateRefused(problems, "Le modèle Excel ne correspond plus à la définition")
    for binding in bindings:
        entry = entries[binding.base]
        if binding.attribute is None and entry.rows is not None:
            _fill_down(workbook, binding, entry.rows)
        else:
            _write(workbook, binding, binding.bounds[1], binding.bounds[0],
                   entry.attributes.get(binding.attribute or "value"))
    mapping = mapping_sheet(workbook)
    if mapping:
        del workbook[mapping]
    workbook.calculation.fullCalcOnLoad = True  # the funder's formulas, with our numbers
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _fill_down(workbook: Workbook, binding: Binding, rows: list[list]) -> None:
    min_col, min_row, max_col, max_row = binding.bounds
    sheet = workbook[binding.sheet]
    width = None if binding.single_cell else max_col - min_col + 1
    for offset, cells in enumerate(rows):
        row = min_row + offset
        for column_offset, value in enumerate(cells[:width]):
            column = min_col + column_offset
            inside = min_row <= row <= max_row and min_col <= column <= max_col
            if not inside and sheet.cell(row, column).value not in (None, ""):
                raise DomainError(
                    f"{binding.where} : le tableau {quoted(binding.base)} a {len(rows)} "
                    f"ligne(s) et la cellule {binding.sheet}!{get_column_letter(column)}{row}"
                    " n'est pas vide : agrandissez la plage nommée ou laissez de la place "
                    "sous le tableau.")
            _write(workbook, binding, row, column, value)


def _write(workbook: Workbook, binding: Binding, row: int, column: int, value) -> None:
    cell = workbook[binding.sheet].cell(row, column)
    if isinstance(cell, MergedCell):
        raise DomainError(f"{binding.where} : {MERGED.format(cell.coordinate)}.")
    if isinstance(value, Share):
        cell.value = float(value)
        if cell.number_format == "General":
            cell.number_format = SHARE_FORMAT
    elif isinstance(value, str) and value.lstrip().startswith(FORMULA_STARTS):
        # a label or a narrative never becomes a formula: text, shown exactly as typed
        cell.value, cell.data_type, cell.quotePrefix = value, "s", True
    else:
        cell.value = value
        if isinstance(value, date) and cell.number_format == "General":
            cell.number_format = DATE_FORMAT
