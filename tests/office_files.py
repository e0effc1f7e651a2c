"""Funders' forms as a test builds them (python-docx, openpyxl), and LibreOffice opening the
filled files: what a funder would do with them."""

import csv
import io
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from docx import Document
from openpyxl import Workbook
from openpyxl.workbook.defined_name import DefinedName


def word_file(paragraphs: list[str], table: list[list[str]] | None = None,
              page_break_before_table: bool = False) -> bytes:
    """A Word document: its paragraphs, then (on a new page, if asked) one table."""
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        if page_break_before_table:
            document.add_page_break()
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, cells in enumerate(table):
            for column, text in enumerate(cells):
                grid.cell(row, column).text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def excel_file(cells: dict[str, object], names: dict[str, str],
               mapping: list[tuple[str, str]] | None = None) -> bytes:
    """A workbook « Rapport » with these cells (formulas included) and defined names (or,
    with `mapping`, a sheet « correspondance » instead)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Rapport"
    for reference, value in cells.items():
        sheet[reference] = value
    for name, reference in names.items():
        workbook.defined_names[name] = DefinedName(name, attr_text=reference)
    if mapping is not None:
        listing = workbook.create_sheet("correspondance")
        listing.append(["item", "cellule"])
        for row in mapping:
            listing.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def libreoffice(content: bytes, extension: str, target: str) -> bytes:
    """The file converted by LibreOffice (headless), as a user opening it would see it."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:  # as the browser tests: skipped locally, a failure in CI
        message = "LibreOffice (soffice) is missing: .ci/run installs it"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"filled.{extension}"
        source.write_bytes(content)
        profile = Path(folder) / "profile"  # one profile per call: xdist workers in parallel
        subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                        "--convert-to", target, "--outdir", folder, str(source)],
                       check=True, capture_output=True, timeout=120)
        converted = next(path for path in Path(folder).iterdir()
                         if path.stem == "filled" and path.suffix != f".{extension}")
        return converted.read_bytes()


def libreoffice_text(docx: bytes) -> str:
    return libreoffice(docx, "docx", "txt:Text (encoded):UTF8").decode("utf-8-sig")


def libreoffice_rows(xlsx: bytes) -> list[list[str]]:
    """The first sheet as LibreOffice computes it (formulas evaluated)."""
    text = libreoffice(xlsx, "xlsx", "csv:Text - txt - csv (StarCalc):44,34,76").decode("utf-8")
    return list(csv.reader(io.StringIO(text)))
