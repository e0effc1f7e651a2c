"""Import limits: a file a person would not type is refused at once, in French, naming the
limit: too many bytes, too many rows (CSV or XLSX), a sheet that unzips to a monster; a
million-row XLSX is refused in well under 5 seconds and nothing is kept."""

import io
import time
import zipfile

import pytest

from tracker.activities.importer import import_activities
from tracker.activities.models import Activity
from tracker.finance.importer import import_costs
from tracker.tabular import MAX_ROWS, TableRefused, _rows_in_sheet, read_table

CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxml'
                 'formats.org/package/2006/content-types"><Default Extension="rels" ContentType'
                 '="application/vnd.openxmlformats-package.relationships+xml"/><Default Extensi'
                 'on="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml'
                 '" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.s'
                 'heet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="'
                 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                 '</Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlfo'
        'rmats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.o'
        'penxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workb'
        'ook.xml"/></Relationships>')
WORKBOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlfor'
            'mats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/off'
            'iceDocument/2006/relationships"><sheets><sheet name="Feuil1" sheetId="1" r:id="r'
            'Id1"/></sheets></workbook>')
WORKBOOK_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                 'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type='
                 '"http://schemas.openxmlformats.org/officeDocument/2006/relationships/workshe'
                 'et" Target="worksheets/sheet1.xml"/></Relationships>')


def xlsx_with_rows(rows: int, declared: bool = True, last_column: str = "A",
                   declared_rows: int | None = None) -> bytes:
    """A minimal workbook of `rows` lines under a header, written as XML (fast enough for a
    million lines), with or without its <dimension> (which may declare more columns, or
    `declared_rows` lines whatever it holds)."""
    body = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(2, rows + 2))
    declared_rows = rows if declared_rows is None else declared_rows
    dimension = f'<dimension ref="A1:{last_column}{declared_rows + 1}"/>' if declared else ""
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlf'
             f'ormats.org/spreadsheetml/2006/main">{dimension}<sheetData><row r="1"><c r="A1" '
             f't="inlineStr"><is><t>date</t></is></c></row>{body}</sheetData></worksheet>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in (("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS),
                           ("xl/workbook.xml", WORKBOOK),
                           ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
                           ("xl/worksheets/sheet1.xml", sheet)):
            archive.writestr(name, text)
    return buffer.getvalue()


def test_a_million_row_xlsx_is_refused_in_french_at_once(db):
    content = xlsx_with_rows(1_000_000)
    started = time.perf_counter()
    with pytest.raises(TableRefused) as refused:
        import_activities(content, "appels.xlsx")
    elapsed = time.perf_counter() - started
    assert elapsed < 5, elapsed
    message = refused.value.errors[0].message
    assert "1 000 000 lignes" in message and "250 000 lignes" in message
    assert db.session.scalar(db.select(db.func.count(Activity.id))) == 0


def refusal(action) -> str:
    with pytest.raises(TableRefused) as refused:
        action()
    return refused.value.errors[0].message


def test_a_sheet_without_its_dimension_is_counted_and_stopped_at_the_limit():
    assert "La feuille compte 250 005 lignes" in refusal(lambda: read_table(
        xlsx_with_rows(MAX_ROWS + 5, declared=False), "sans-dimension.xlsx"))
    assert len(read_table(xlsx_with_rows(1_000, declared=False), "petit.xlsx").rows) == 1_000


def test_a_sheet_declaring_fewer_rows_than_it_holds_is_read_whole():
    """A sheet written by another program that declares A1:A2 but holds five lines: every
    line is read (before, only the one declared was imported, and success reported)."""
    assert len(read_table(xlsx_with_rows(5, declared_rows=1), "faux.xlsx").rows) == 5
    assert "La feuille compte 250 005 lignes" in refusal(lambda: read_table(
        xlsx_with_rows(MAX_ROWS + 5, declared_rows=1), "faux-grand.xlsx"))


def test_too_many_cells_are_refused_naming_the_cells():
    message = refusal(lambda: read_table(xlsx_with_rows(100_000, last_column="BZ"),
                                         "large.xlsx"))
    assert "7 800 078 cellules (au plus 5 000 000)" in message


def test_too_many_csv_rows_or_bytes_are_refused(db):
    lines = "nom;mois;cout\n" + "Nina Lefèvre;01/2025;1\n" * (MAX_ROWS + 1)
    assert "250 001 lignes" in refusal(lambda: import_costs(lines.encode(), "couts.csv"))
    assert "dépasse 50 Mo" in refusal(lambda: read_table(
        b"date;type\n" + b"x" * (50 * 1024 * 1024), "enorme.csv"))


def test_a_workbook_that_unzips_to_a_monster_is_refused(monkeypatch):
    monkeypatch.setattr("tracker.tabular.MAX_SHEET_XML", 1000)
    assert "décompressé" in refusal(lambda: read_table(xlsx_with_rows(200), "bombe.xlsx"))


def test_a_million_row_xlsx_without_its_dimension_is_refused_within_five_seconds(db):
    """The rows are counted in the sheet's raw XML before anything parses it (openpyxl would
    read the whole sheet just to open it: 20 to 35 s before)."""
    content = xlsx_with_rows(1_000_000, declared=False)
    started = time.perf_counter()
    message = refusal(lambda: import_activities(content, "sans-taille.xlsx"))
    assert time.perf_counter() - started < 5
    assert "La feuille compte 1 000 000 lignes" in message
    assert db.session.scalar(db.select(db.func.count(Activity.id))) == 0


def test_rows_are_counted_whatever_prefix_the_sheet_gives_its_namespace():
    content = xlsx_with_rows(3, declared=False)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    parts["xl/worksheets/sheet1.xml"] = (sheet.replace("<worksheet xmlns=", "<x:worksheet xmlns:x=")
                                         .replace("</worksheet>", "</x:worksheet>")
                                         .replace("<row", "<x:row").replace("</row>", "</x:row>")
                                         .replace("<c ", "<x:c ").replace("</c>", "</x:c>")
                                         .replace("<v>", "<x:v>").replace("</v>", "</x:v>")
                                         .replace("<sheetData>", "<x:sheetData>")
                                         .replace("</sheetData>", "</x:sheetData>")
                                         .replace("<is>", "<x:is>").replace("</is>", "</x:is>")
                                         .replace("<t>", "<x:t>").replace("</t>", "</x:t>")
                                         ).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    with zipfile.ZipFile(buffer) as archive:
        assert _rows_in_sheet(archive, "xl/worksheets/sheet1.xml") == 4
