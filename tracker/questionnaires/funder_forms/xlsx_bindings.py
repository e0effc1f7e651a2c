"""Where an Excel template wants each value: its defined names (a name equal to an item id,
or « id.previous », « id.total »…), or, instead, a mapping sheet « correspondance » whose rows
say « item ; cellule ». With a mapping sheet, the workbook's own defined names are the
funder's and are left alone."""

from dataclasses import dataclass

from openpyxl.utils.cell import range_boundaries
from openpyxl.workbook.workbook import Workbook

from tracker.formatting import quoted
from tracker.questionnaires.funder_forms.problems import Problem, suggestion, unknown_name
from tracker.questionnaires.funder_forms.shapes import SCALAR, SHAPES

MAPPING_SHEETS = ("correspondance", "correspondances", "mapping")
FILLED_DOWN = ("table", "list")  # a table fills rows down from its cell


@dataclass(frozen=True)
class Binding:
    name: str  # « appels », « appels.previous », « regions »
    base: str  # the item (or fixed name)
    attribute: str | None
    shape: str
    sheet: str
    bounds: tuple[int, int, int, int]  # min_col, min_row, max_col, max_row
    where: str

    @property
    def single_cell(self) -> bool:
        min_col, min_row, max_col, max_row = self.bounds
        return min_col == max_col and min_row == max_row


def mapping_sheet(workbook: Workbook) -> str | None:
    return next((sheet.title for sheet in workbook.worksheets
                 if sheet.title.strip().lower() in MAPPING_SHEETS), None)


def read_bindings(workbook: Workbook, names: dict[str, str],
                  definition_id: str) -> tuple[list[Binding], list[Problem]]:
    mapping = mapping_sheet(workbook)
    found = list(_mapped(workbook, mapping)) if mapping else list(_defined_names(workbook))
    bindings, problems = [], []
    for name, reference, where in found:
        binding = _bind(workbook, name, reference, where, names, definition_id, problems,
                        mapping)
        if binding is not None:
            bindings.append(binding)
    if not found:
        problems.append(Problem("classeur", "aucun nom défini ni feuille « correspondance » : "
                                            "le modèle ne reçoit rien du questionnaire"))
    return bindings, problems


def _defined_names(workbook: Workbook):
    scoped = [(name, definition) for name, definition in workbook.defined_names.items()]
    for sheet in workbook.worksheets:
        scoped += list(sheet.defined_names.items())
    for name, definition in scoped:
        if definition.is_reserved or name.startswith("_xlnm") or definition.type != "RANGE":
            continue  # print areas, the funder's constants and formulas
        destinations = list(definition.destinations)
        reference = "" if len(destinations) != 1 else \
            f"{destinations[0][0]}!{destinations[0][1].replace('$', '')}"
        yield name, reference, f"nom défini {quoted(name)} ({reference or definition.attr_text})"


def _mapped(workbook: Workbook, title: str):
    for number, row in enumerate(workbook[title].iter_rows(values_only=True), start=1):
        cells = [str(value).strip() for value in row[:2] if value is not None]
        if len(cells) == 1 and ";" in cells[0]:
            cells = [part.strip() for part in cells[0].split(";", 1)]
        if not cells or (number == 1 and cells[0].lower() == "item"):
            continue
        where = f"feuille {quoted(title)}, ligne {number}"
        yield cells[0], cells[1] if len(cells) > 1 else "", where


def _bind(workbook: Workbook, name: str, reference: str, where: str, names: dict[str, str],
          definition_id: str, problems: list[Problem], mapping: str | None) -> Binding | None:
    base, _, attribute = name.strip().lower().partition(".")
    if base not in names:
        problems.append(Problem(where, unknown_name(base, definition_id, names)))
        return None
    shape = names[base]
    if attribute:
        attributes = SHAPES[shape].attributes
        if attributes.get(attribute) != SCALAR:
            offered = [key for key, value in attributes.items() if value == SCALAR]
            problems.append(Problem(where, f"{quoted(name)} : {quoted(attribute)} n'est pas "
                                           f"un attribut d'un(e) {SHAPES[shape].noun} "
                                           f"(attributs : {', '.join(offered) or 'aucun'})"
                                           f"{suggestion(attribute, offered)}"))
            return None
        shape = SCALAR
    target = _target(workbook, reference, mapping)
    if isinstance(target, str):
        problems.append(Problem(where, target))
        return None
    binding = Binding(name.strip(), base, attribute or None, shape, *target, where)
    if shape not in FILLED_DOWN and not binding.single_cell:
        problems.append(Problem(where, f"{quoted(name)} est un(e) {SHAPES[shape].noun} : "
                                       "il va dans une seule cellule, pas dans une plage"))
        return None
    return binding


def _target(workbook: Workbook, reference: str, mapping: str | None):
    """(sheet title, bounds), or the French reason it is not a cell of the workbook."""
    if not reference:
        return "la cellule n'est pas indiquée (ou le nom désigne plusieurs plages)"
    sheet, _, cells = reference.rpartition("!")
    sheet = sheet.strip().strip("'").replace("''", "'")
    if not sheet:
        sheet = next(title for title in workbook.sheetnames if title != mapping)
    if sheet not in workbook.sheetnames or sheet == mapping:
        return f"la feuille {quoted(sheet)} n'existe pas dans le classeur"
    try:
        bounds = range_boundaries(cells.replace("$", "").upper())
    except (ValueError, TypeError):
        return f"{quoted(cells)} n'est pas une cellule (exemple : B5 ou Rapport!B5)"
    if None in bounds:
        return f"{quoted(cells)} désigne des lignes ou des colonnes entières, pas des cellules"
    return sheet, bounds
