"""A hand-written definition, run on imported calls whose 2022 figures are Infor-Drogues'
published tables, reproduces every published figure in JSON, PDF, DOCX and XLSX."""

import io
import json
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from tests import infor_drogues as published
from tests.helpers import pdf_text
from tracker.activities.importer import import_activities
from tracker.questionnaires.definition import load_definition_file
from tracker.questionnaires.outputs import render
from tracker.questionnaires.report import build_report

DEFINITION = Path(__file__).resolve().parent.parent / "data" / "infor_drogues_2022.yaml"


@pytest.fixture
def report(db):
    import_activities(published.calls_csv(), "appels-2013-2022.csv")
    return build_report(load_definition_file(DEFINITION), 2022)


def items(report) -> dict:
    data = json.loads(render(report, "json"))
    return {item["id"]: item for section in data["sections"] for item in section["items"]}


def by_code(item: dict, key: str) -> dict:
    return {row[key]: row for row in item["rows"]}


def test_json_reproduces_every_published_table(report):
    found = items(report)
    assert found["appels"]["value"] == 2164
    years = by_code(found["tableau_1"], "year")
    assert {year: row["value"] for year, row in years.items()} == published.CALLS
    durations = by_code(found["tableau_2"], "year")
    assert {year: row["value"] for year, row in durations.items()} == published.MEAN_MINUTES
    products = found["tableau_5"]["rows"]
    assert [(row["produits"], row["value"]) for row in products] == list(
        published.PRODUCTS.items())
    for table, counts in (("tableau_6", published.CALLERS), ("tableau_7", published.GENDERS),
                          ("tableau_8", published.AGES), ("tableau_9", published.REGIONS),
                          ("tableau_11", published.FOLLOW_UPS)):
        key = found[table]["by"][0]
        rows = by_code(found[table], key)
        assert {code: rows[code]["value"] for code in counts} == counts, table
        assert found[table]["total"] == 2164
    # shares of the 2,164 calls, as the report writes them (48 %, 47 %, 5 %)
    callers = by_code(found["tableau_6"], "type_appelant")
    assert [round(callers[code]["percent"]) for code in published.CALLERS] == [48, 47, 5]
    # the 4 calls with no region are shown, not lost
    assert by_code(found["tableau_9"], "region")[None]["value"] == published.UNKNOWN_REGION
    assert found["tableau_10"]["value"] == 1600
    # a call can have several follow-ups: shares add up to more than 100 %
    assert sum(row["percent"] for row in found["tableau_11"]["rows"]) > 100
    cross = found["tableau_12"]
    cells = {(row["type"], row["region"]): row["value"] for row in cross["rows"]}
    for action in ("sensibilisation", "accompagnement"):
        assert (cells[(action, "wallonie")], cells[(action, "bruxelles")]) == \
            published.ACTIONS[action]
    # « Autres (expertises, formations, groupes de parole) » is one row, as in the report
    assert (cells[("autres", "wallonie")], cells[("autres", "bruxelles")]) == (4, 2)
    assert len(cross["rows"]) == 6 and cross["total"] == 141


def test_the_same_figures_in_pdf_docx_and_xlsx(report):
    pdf = pdf_text(render(report, "pdf"))
    document = Document(io.BytesIO(render(report, "docx")))
    docx_cells = [[cell.text for cell in row.cells] for table in document.tables
                  for row in table.rows]
    workbook = load_workbook(io.BytesIO(render(report, "xlsx")))
    xlsx_rows = [[cell for cell in row] for sheet in workbook.worksheets
                 for row in sheet.iter_rows(values_only=True)]

    def in_docx(*cells):
        return any(row[:len(cells)] == list(cells) for row in docx_cells)

    def in_xlsx(*cells):
        return any(list(row[:len(cells)]) == list(cells) for row in xlsx_rows)

    for year, count in published.CALLS.items():
        number = f"{count:,}".replace(",", "\u202f")
        assert in_docx(str(year), number.replace("\u202f", " ")) or in_docx(str(year), number)
        assert in_xlsx(str(year), count)
    for year, minutes in published.MEAN_MINUTES.items():
        assert in_xlsx(str(year), minutes) and in_docx(str(year), str(minutes))
    for label, value in (("Cannabis", 729), ("Cocaïne", 535), ("MDMA et dérivés", 20),
                         ("Consommateur", 1038), ("Proche", 1017), ("Professionnel", 109),
                         ("Féminin", 954 + 256), ("Masculin", 954), ("12-17 ans", 146),
                         ("80 ans et plus", 72), ("Bruxelles-Capitale", 1213),
                         ("Wallonie", 898), ("Orientation externe", 510),
                         ("Orientation interne", 193)):
        assert in_xlsx(label, value), label
        assert in_docx(label, f"{value:,}".replace(",", "\u202f")), label
        assert f"{label}\n {value:,}\n".replace(",", " ") in pdf, label
    # table 12: Wallonia and Brussels side by side, the total and the RW/BXL split
    assert in_xlsx("Sensibilisation", 57, 47, 104, "55 % / 45 %")
    assert in_xlsx("Accompagnement", 18, 13, 31, "58 % / 42 %")
    assert in_xlsx("Autres (expertises, formations, groupes de parole)", 4, 2, 6, "67 % / 33 %")
    assert in_xlsx("Total", 79, 62, 141, "56 % / 44 %")
    assert in_docx("Sensibilisation", "57", "47", "104", "55 % / 45 %")
    for figure in ("Sensibilisation\n 57\n 47\n 104\n55 % / 45 %",
                   "Accompagnement\n 18\n 13\n 31\n58 % / 42 %",
                   "de parole)\n 4\n 2\n 6\n67 % / 33 %",  # wherever the label wraps
                   "Total\n 79\n 62\n 141\n56 % / 44 %",
                   "Tableau 10 : Premier contact : 1 600"):
        assert figure in pdf, figure
    for year, count in published.CALLS.items():
        assert f"{year}\n {count // 1000} {count % 1000:03d}\n" in pdf, year
    for year, minutes in published.MEAN_MINUTES.items():
        assert f"{year}\n {minutes}\n" in pdf, year
