"""Every workbook the application produces prints: A4, one page wide, landscape when wide,
the table's header row repeated on each page and frozen, columns sized and capped (the demo's
exports, found by following every link of the office's pages)."""

import io
import re
from urllib.parse import urljoin

import pytest
from openpyxl import load_workbook

from tests.functional.test_french_voice import crawl
from tests.helpers import post_form
from tracker.demo import DEMO_LOGINS
from tracker.documents.xlsx_print import PORTRAIT_WIDTH, WIDEST

XLSX = re.compile(r"format=xlsx|/telecharger/xlsx$|\.xlsx$|/registre/")


@pytest.mark.engine_independent  # the files' layout
def test_every_exported_workbook_prints_on_a4_one_page_wide(demo_app, demo_db):
    email, password = next((e, p) for e, p, _n, r in DEMO_LOGINS if r.value == "director")
    client = demo_app.test_client()
    post_form(client, "/login", {"email": email, "password": password})
    links = sorted({urljoin(url, link) for url, page in crawl(client).items()
                    for link in page.links if XLSX.search(link)})
    problems, checked = [], 0
    for url in links:
        response = client.get(url)
        if "spreadsheetml" not in (response.mimetype or ""):
            continue
        checked += 1
        workbook = load_workbook(io.BytesIO(response.data))
        questionnaire = "Couverture" in workbook.sheetnames  # sections, several tables each
        for sheet in workbook.worksheets:
            where = f"{url} [{sheet.title}]"
            setup = sheet.page_setup
            if str(setup.paperSize) != str(sheet.PAPERSIZE_A4):
                problems.append(f"{where}: paper {setup.paperSize}")
            if not (sheet.sheet_properties.pageSetUpPr.fitToPage and setup.fitToWidth == 1
                    and setup.fitToHeight == 0):
                problems.append(f"{where}: not fitted to one page wide")
            widths = [dimension.width for dimension in sheet.column_dimensions.values()
                      if dimension.width]
            if any(width > WIDEST for width in widths):
                problems.append(f"{where}: a column wider than {WIDEST}")
            if sum(widths) > PORTRAIT_WIDTH and setup.orientation != "landscape":
                problems.append(f"{where}: wide but portrait")
            if not questionnaire and not (sheet.print_title_rows and sheet.freeze_panes):
                problems.append(f"{where}: header row neither repeated nor frozen")
    assert checked >= 5, links
    assert not problems, "\n".join(problems[:30])


@pytest.mark.engine_independent
def test_the_word_questionnaire_is_a4_with_tables_across_the_page(demo_app, demo_db):
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Cm

    from tracker.questionnaires.outputs import render
    from tracker.questionnaires.registry import get_definition
    from tracker.questionnaires.services import current_report

    document = Document(io.BytesIO(render(current_report(get_definition("spw-assuetudes"),
                                                         2025), "docx")))
    section = document.sections[0]
    assert abs(section.page_width - Cm(21)) < Cm(0.01)  # A4 (stored in twentieths of a point)
    assert abs(section.page_height - Cm(29.7)) < Cm(0.01)
    for table in document.tables:
        width = table._tbl.tblPr.find(qn("w:tblW"))
        assert (width.get(qn("w:type")), width.get(qn("w:w"))) == ("pct", "5000")
    team = next(table for table in document.tables
                if any("Psychologue" in cell.text for cell in table.columns[1].cells))
    widths = [column.width for column in team.columns]
    assert sum(widths) > Cm(16.9)
    # the functions' column is wide enough for « Psychologue » (11 characters at 10 pt)
    assert widths[1] >= Cm(11 * 0.2)
