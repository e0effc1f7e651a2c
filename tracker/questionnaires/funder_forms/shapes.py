"""What a template may name: each item of the definition and the association's
identification, with the attributes and rows each kind offers. The checks (Word and Excel)
and the filled values read this one description, so they cannot disagree."""

from dataclasses import dataclass, field

from tracker.questionnaires.schema import Definition, Item


@dataclass(frozen=True)
class Shape:
    """A kind of value: its French name in messages, its attributes (name -> shape), what a
    loop over it gives, whether it prints as it is, and what it holds (for « un tableau
    utilisé comme valeur »)."""

    noun: str
    attributes: dict[str, str] = field(default_factory=dict)
    element: str | None = None  # a loop `for x in it` gives this shape
    printable: bool = True
    hint: str = ""  # how to use it when it cannot be printed


SCALAR = "valeur"
SHAPES: dict[str, Shape] = {
    SCALAR: Shape("valeur"),
    "figure": Shape("chiffre", dict.fromkeys(
        ("value", "previous", "change", "label", "source", "computed", "reason"), SCALAR)),
    "text": Shape("texte", {"label": SCALAR}),
    "table": Shape("tableau", {"rows": "rows", "columns": "columns", "total": SCALAR,
                               "label": SCALAR}, printable=False,
                   hint="parcourez ses lignes : {% for r in ID.rows %}"),
    "rows": Shape("liste de lignes", element="row", printable=False),
    "row": Shape("ligne de tableau", dict.fromkeys(
        ("label", "value", "percent", "total", "split"), SCALAR) | {"cells": "cells"},
        printable=False, hint="écrivez r.label, r.value ou r.percent"),
    "cells": Shape("liste de cellules", element=SCALAR, printable=False),
    "columns": Shape("liste de colonnes", element=SCALAR, printable=False),
    "list": Shape("liste", {"rows": "list_rows", "columns": "columns", "label": SCALAR},
                  printable=False, hint="parcourez ses lignes : {% for r in ID.rows %}"),
    "list_rows": Shape("liste de lignes", element="list_row", printable=False),
    "list_row": Shape("ligne de liste", {"cells": "cells"}, printable=False,
                      hint="écrivez r.cells[0], r.cells[1]…"),
    "association": Shape("association", dict.fromkeys(
        ("name", "legal_form", "enterprise_number", "address", "street", "postcode", "city",
         "phone", "email", "website"), SCALAR)),
}
INDEXABLE = {"cells", "list_row"}  # r.cells[0], r[0]

# Names every template may use besides the items.
FIXED_NAMES = {"association": "association", "year": SCALAR, "period": SCALAR,
               "funder": SCALAR, "title": SCALAR, "status": SCALAR}


def item_shape(item: Item) -> str:
    if item.type in ("metric", "input"):
        return "figure"
    return item.type  # table | list | text


def names_of(definition: Definition) -> dict[str, str]:
    """Every name a template of this definition may use -> its shape."""
    return FIXED_NAMES | {item.id: item_shape(item) for section in definition.sections
                          for item in section.items}


def item_ids(definition: Definition) -> list[str]:
    return [item.id for section in definition.sections for item in section.items]
