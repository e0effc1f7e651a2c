"""Where each piece of a Word document's text is, as a user finds it: « page 3, tableau 2,
ligne 1, cellule 2 », « paragraphe 5 », « en-tête ». Pages are counted from the breaks the
document carries (those Word records when it saves, and explicit ones)."""

from dataclasses import dataclass

from docx.document import Document

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PART_NAMES = {"header": "en-tête", "footer": "pied de page"}


@dataclass
class Place:
    part: str  # « corps », « en-tête », « pied de page »
    page: int
    where: str  # « tableau 2, ligne 1, cellule 2 », « paragraphe 5 »
    text: str


class _Walk:
    def __init__(self, part: str):
        self.part, self.page, self.paged = part, 1, False
        self.paragraphs = self.tables = 0
        self.places: list[Place] = []

    def block(self, element, where: str | None = None) -> None:
        for child in element:
            if child.tag == W + "p":
                if where is None:
                    self.paragraphs += 1
                self.paragraph(child, where or f"paragraphe {self.paragraphs}")
            elif child.tag == W + "tbl":
                if where is None:
                    self.tables += 1
                self.table(child, where or f"tableau {self.tables}")
            elif child.tag == W + "sdt":  # a content control: its content, in place
                for content in child.iter(W + "sdtContent"):
                    self.block(content, where)
                    break

    def table(self, table, where: str) -> None:
        for row_number, row in enumerate(table.iter(W + "tr"), start=1):
            if row.getparent() is not table:
                continue  # a nested table's rows are read with their cell
            cells = [cell for cell in row if cell.tag == W + "tc"]
            for cell_number, cell in enumerate(cells, start=1):
                self.block(cell, f"{where}, ligne {row_number}, cellule {cell_number}")

    def paragraph(self, paragraph, where: str) -> None:
        properties = paragraph.find(W + "pPr")
        if properties is not None and properties.find(W + "pageBreakBefore") is not None:
            self._new_page()
        page_of_text, texts = None, []
        for element in paragraph.iter():
            if element.tag == W + "lastRenderedPageBreak" or (
                    element.tag == W + "br" and element.get(W + "type") == "page"):
                self._new_page()
            elif element.tag == W + "t" and element.text:
                page_of_text = page_of_text or self.page
                texts.append(element.text)
        self.places.append(Place(self.part, page_of_text or self.page, where, "".join(texts)))
        section = None if properties is None else properties.find(W + "sectPr")
        if section is not None:
            kind = section.find(W + "type")
            if kind is None or kind.get(W + "val") != "continuous":
                self._new_page()

    def _new_page(self) -> None:
        self.page, self.paged = self.page + 1, True


def document_parts(document: Document) -> list[tuple[str, list[Place], bool]]:
    """The body, then each header and footer: (part name, its places, pages known)."""
    walks = [_Walk("corps")]
    walks[0].block(document.element.body)
    for relation in document.part.rels.values():
        kind = relation.reltype.rsplit("/", 1)[-1]
        if kind in PART_NAMES and not relation.is_external:
            walk = _Walk(PART_NAMES[kind])
            walk.block(relation.target_part.element)
            walks.append(walk)
    return [(walk.part, walk.places, walk.paged) for walk in walks]


def place_name(place: Place, paged: bool) -> str:
    """« page 3, tableau 2, ligne 1, cellule 2 » (the page only where the document says it)."""
    if place.part != "corps":
        return f"{place.part}, {place.where}"
    return f"page {place.page}, {place.where}" if paged else place.where
