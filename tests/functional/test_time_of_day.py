"""Calls with their time of day: the `heure` column imported as « 14:05 », « 14h05 » or
« 14h », counted per weekday × hour in a hand-written definition, the same in JSON, PDF, DOCX
and XLSX, with a heat map on the page and in the PDF; calls without a time fall into « Non
renseigné »."""

import io
import json
import random
from collections import Counter
from datetime import date, time, timedelta

import pypdf
import pytest
from docx import Document
from openpyxl import load_workbook

from tests.functional.test_justification import signed_in
from tests.helpers import post_form
from tracker.activities.importer import import_activities
from tracker.activities.models import Activity
from tracker.auth.roles import Role
from tracker.questionnaires.definition import DefinitionError, parse_definition
from tracker.questionnaires.outputs import render
from tracker.questionnaires.report import build_report
from tracker.tabular import TableRefused

DEFINITION = """
id: moments-appels
funder: COCOF
title: Moments d'appels
sections:
  - title: Permanence
    items:
      - {id: tableau_3, label: "Tableau 3 : Moments d'appels", metric: count,
         where: {type: appel}, by: [weekday, hour], chart: heatmap}
      - {id: par_jour, label: Appels par jour, metric: count, where: {type: appel},
         by: weekday}
      - {id: par_heure_region, label: Appels par heure et région, metric: count,
         where: {type: appel}, by: [hour, region]}
"""
WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
WRITTEN = ["{h}:{m:02d}", "{h}h{m:02d}", "{h}h"]


@pytest.fixture
def calls(db):
    """300 calls of 2025 at random days and times (each time written one of the three ways),
    12 without a time; the hand count of every weekday × hour cell."""
    rng = random.Random(15)
    lines, expected, untimed = ["date;heure;type;region"], Counter(), 0
    for number in range(312):
        day = date(2025, 1, 1) + timedelta(days=rng.randrange(365))
        region = rng.choice(["wallonie", "bruxelles"])
        expected[("day", day.isoweekday())] += 1
        if number < 12:
            lines.append(f"{day:%d/%m/%Y};;appel;{region}")
            untimed += 1
            continue
        hour, minute = rng.randrange(8, 22), rng.choice([0, 5, 30, 59])
        written = rng.choice(WRITTEN if minute == 0 else WRITTEN[:2])
        lines.append(f"{day:%d/%m/%Y};{written.format(h=hour, m=minute)};appel;{region}")
        expected[(day.isoweekday(), hour)] += 1
        expected[(hour, region)] += 1
    import_activities("\n".join(lines).encode(), "appels.csv")
    definition = parse_definition(DEFINITION, "moments.yaml")
    return build_report(definition, 2025), expected, untimed


def test_every_weekday_hour_cell_is_the_hand_count_in_json(calls):
    report, expected, untimed = calls
    data = json.loads(render(report, "json"))
    items = {item["id"]: item for section in data["sections"] for item in section["items"]}
    rows = items["tableau_3"]["rows"]
    assert {(row["weekday"], row["hour"]): row["value"] for row in rows
            if row["hour"] is not None} == {(day, hour): expected[(day, hour)]
                                            for day in range(1, 8) for hour in range(24)}
    monday_nine = next(row for row in rows if row["weekday"] == 1 and row["hour"] == 9)
    assert monday_nine["label"] == "lundi – 9 h" and set(monday_nine) >= {"percent", "value"}
    assert sum(row["value"] for row in rows if row["hour"] is None) == untimed
    # untimed calls still have a day
    assert {row["weekday"]: row["value"] for row in items["par_jour"]["rows"]} == {
        day: expected[("day", day)] for day in range(1, 8)}
    crossed = {(row["hour"], row["region"]): row["value"]
               for row in items["par_heure_region"]["rows"]}
    for hour in range(24):
        for region in ("wallonie", "bruxelles"):
            assert crossed[(hour, region)] == expected[(hour, region)], (hour, region)


def test_the_same_cells_in_pdf_docx_and_xlsx(calls):
    report, expected, untimed = calls
    workbook = load_workbook(io.BytesIO(render(report, "xlsx")))
    grid = next(sheet for sheet in workbook.worksheets
                if any("Tableau 3" in str(cell) for row in sheet.iter_rows(values_only=True)
                       for cell in row))
    rows = [list(row) for row in grid.iter_rows(values_only=True)]
    header = next(row for row in rows if row and row[0] == "Jour")
    for day_number, day in enumerate(WEEKDAYS, start=1):
        line = next(row for row in rows if row and row[0] == day)
        for hour in range(8, 22):
            column = header.index(f"{hour} h") if f"{hour} h" in header else None
            count = expected[(day_number, hour)]
            assert (line[column] if column is not None else 0) == count, (day, hour)
    document = Document(io.BytesIO(render(report, "docx")))
    docx_rows = [[cell.text for cell in row.cells] for table in document.tables
                 for row in table.rows]
    monday = next(row for row in docx_rows if row[0] == "lundi")
    docx_header = next(row for row in docx_rows if row[0] == "Jour")
    for hour in range(8, 22):
        if f"{hour} h" in docx_header:
            assert monday[docx_header.index(f"{hour} h")] == str(expected[(1, hour)])
    pdf = " ".join(page.extract_text() for page in
                   pypdf.PdfReader(io.BytesIO(render(report, "pdf"))).pages)
    assert "Tableau 3 : Moments d'appels" in pdf and "Non renseigné" in pdf
    assert "lundi" in pdf and "21 h" in pdf


def test_the_preview_draws_a_heat_map(app, calls):
    from tracker.questionnaires.outputs.charts import heatmap

    report, expected, _untimed = calls
    result = next(item for section in report.sections for item in section.items
                  if item.id == "tableau_3")
    heat = heatmap(result)
    assert heat.hours == list(range(8, 22))
    busiest = max(heat.cells, key=lambda cell: cell.value)
    assert busiest.level == 5
    assert busiest.value == max(expected[(day, hour)] for day in range(1, 8)
                                for hour in range(24))
    html = render(report, "html").decode()
    assert 'class="q-heatmap"' in html and "lundi, 9 h :" in html


def test_a_heat_map_needs_weekday_by_hour():
    with pytest.raises(DefinitionError, match="heatmap"):
        parse_definition(DEFINITION.replace("by: [weekday, hour], chart: heatmap",
                                                "by: [hour, weekday], chart: heatmap"),
                             "faux.yaml")


def test_a_bad_time_refuses_the_file_naming_the_line(db):
    with pytest.raises(TableRefused) as refused:
        import_activities(b"date;heure;type\n01/02/2025;14:05;appel\n02/02/2025;25h;appel\n",
                          "faux.csv")
    assert [(error.line, error.column) for error in refused.value.errors] == [(3, "heure")]
    assert "n'est pas une heure" in refused.value.errors[0].message


def test_the_entry_form_proposes_the_time_and_keeps_what_is_typed(app, db):
    client = signed_in(app, Role.SECRETARY)
    page = client.get("/activites/nouvelle?type=appel").get_data(as_text=True)
    assert 'id="start_time"' in page and 'placeholder="HH:MM"' in page
    response = post_form(client, "/activites/nouvelle?type=appel", {
        "type": "appel", "duree_min": "12", "start_time": "9h30", "date": "03/02/2025",
        "type_appelant": "proche", "then": "list"})
    assert response.status_code == 302, response.get_data(as_text=True)
    db.session.expire_all()
    saved = db.session.scalar(db.select(Activity).order_by(Activity.id.desc()))
    assert saved.start_time == time(9, 30)
    assert "09:30" in client.get("/activites/").get_data(as_text=True)
    refused = post_form(client, "/activites/nouvelle?type=appel", {
        "type": "appel", "duree_min": "12", "start_time": "9h75", "date": "03/02/2025",
        "type_appelant": "proche"})
    assert "Tapez l&#39;heure comme 14:05" in refused.get_data(as_text=True)
    assert 'value="9h75"' in refused.get_data(as_text=True)
