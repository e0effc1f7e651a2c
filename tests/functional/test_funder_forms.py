"""The funder's own file: Word and Excel templates checked against the definition, filled
with the year's figures by `tracker report --template` exactly as the JSON report gives them,
opened by LibreOffice with the funder's formulas computed."""

import io
import json
import zipfile

import pytest
from docx import Document
from openpyxl import load_workbook

from tests.office_files import excel_file, libreoffice_rows, libreoffice_text, word_file
from tracker.activities.importer import import_activities
from tracker.cli import cli
from tracker.formatting import format_number, format_share
from tracker.questionnaires.definition import parse_definition
from tracker.questionnaires.funder_forms.services import check_template, fill
from tracker.questionnaires.services import current_report, save_answers

DEFINITION = """
id: essai
funder: COCOF
title: Essai
sections:
  - title: Appels
    items:
      - {id: calls_total, label: Appels, metric: count, where: {type: appel}, previous: true}
      - {id: calls_by_region, label: Appels par région, metric: count, where: {type: appel},
         by: region}
      - {id: calls_by_year, label: Appels par année, metric: count, where: {type: appel},
         by: year, years: 3}
      - {id: bilan, label: Bilan de l'année, text: true}
"""
ROW_LOOP = [["{%tr for r in calls_by_region.rows %}", "", ""],
            ["{{ r.label }}", "{{ r.value }}", "{{ r.percent }}"],
            ["{%tr endfor %}", "", ""]]


@pytest.fixture
def definition_file(app, db, tmp_path):
    rows = (["12/03/2023;appel;wallonie;15"] * 3 + ["05/02/2024;appel;wallonie;10"] * 4
            + ["06/02/2024;appel;bruxelles;10"] * 2 + ["07/02/2024;appel;;10"])
    import_activities(("date;type;region;duree_min\n" + "\n".join(rows) + "\n").encode(),
                      "appels.csv")
    db.session.commit()
    path = tmp_path / "essai.yaml"
    path.write_text(DEFINITION, encoding="utf-8")
    return path


def run(app, *arguments):
    return app.test_cli_runner().invoke(cli, ["report", *arguments])


def json_items(app, definition_file) -> dict:
    result = run(app, "--definition", str(definition_file), "--year", "2024")
    assert result.exit_code == 0, result.output
    return {item["id"]: item for section in json.loads(result.output)["sections"]
            for item in section["items"]}


def test_a_word_template_receives_the_figure_and_every_row_as_the_json_gives_them(
        app, definition_file, tmp_path):
    template = tmp_path / "cocof.docx"
    template.write_bytes(word_file(
        ["Appels reçus : {{ calls_total }} (en {{ year }}) ",
         "L'an dernier : {{ calls_total.previous }} ; évolution {{ calls_total.change }}",
         "Service : {{ association.name }}"],
        [["Région", "Appels", "Part"], *ROW_LOOP]))
    out = tmp_path / "rempli.docx"
    result = run(app, "--definition", str(definition_file), "--year", "2024",
                 "--template", str(template), "--out", str(out))
    assert result.exit_code == 0, result.output

    items = json_items(app, definition_file)
    document = Document(io.BytesIO(out.read_bytes()))
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    assert paragraphs[0] == f"Appels reçus : {format_number(items['calls_total']['value'])} " \
                            "(en 2024) "
    assert items["calls_total"]["value"] == 7
    assert paragraphs[1] == "L'an dernier : 3 ; évolution +133,3 %"
    rows = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert rows[0] == ["Région", "Appels", "Part"]
    assert rows[1:] == [[row["label"], format_number(row["value"]),
                         format_share(row["percent"] / 100)]
                        for row in items["calls_by_region"]["rows"]]
    assert len(rows) == 1 + len(items["calls_by_region"]["rows"]) and len(rows) > 3
    # LibreOffice opens it and reads the same figures
    text = libreoffice_text(out.read_bytes())
    assert "Appels reçus : 7" in text and "Bruxelles" in text


def test_an_excel_template_receives_numbers_and_its_own_formulas_still_compute(
        app, definition_file, tmp_path):
    template = tmp_path / "aviq.xlsx"
    template.write_bytes(excel_file(
        {"A1": "Appels", "C1": "=B1*2", "A3": "Région", "A11": "Total",
         "B11": "=SUM(B4:B10)"},
        {"calls_total": "Rapport!$B$1", "calls_by_region": "Rapport!$A$4:$C$10",
         "calls_total.previous": "Rapport!$D$1"}))
    out = tmp_path / "rempli.xlsx"
    result = run(app, "--definition", str(definition_file), "--year", "2024",
                 "--template", str(template), "--out", str(out))
    assert result.exit_code == 0, result.output
    sheet = load_workbook(io.BytesIO(out.read_bytes()))["Rapport"]
    assert sheet["B1"].value == 7 and isinstance(sheet["B1"].value, int)
    assert sheet["D1"].value == 3
    items = json_items(app, definition_file)
    regions = items["calls_by_region"]["rows"]
    assert [[sheet.cell(row, 1).value, sheet.cell(row, 2).value]
            for row in range(4, 4 + len(regions))] == \
        [[row["label"], row["value"]] for row in regions]
    assert sheet["C4"].value == pytest.approx(items["calls_by_region"]["rows"][0]["percent"]
                                              / 100)
    assert sheet["C1"].value == "=B1*2"  # the funder's formula kept
    computed = libreoffice_rows(out.read_bytes())
    assert computed[0][:4] == ["Appels", "7", "14", "3"]
    assert computed[10][:2] == ["Total", "7"]


def test_a_mapping_sheet_binds_an_excel_template_without_defined_names(
        app, definition_file, tmp_path):
    content = excel_file({"A1": "Appels 2024"}, {},
                         mapping=[("calls_total", "Rapport!B1"), ("year", "C1")])
    definition = parse_definition(DEFINITION, "essai.yaml")
    filled = fill(definition, current_report(definition, 2024), content, "forme.xlsx")
    workbook = load_workbook(io.BytesIO(filled))
    assert workbook.sheetnames == ["Rapport"]  # the mapping sheet is not sent
    assert workbook["Rapport"]["B1"].value == 7 and workbook["Rapport"]["C1"].value == 2024


def test_an_unknown_id_is_refused_on_the_command_line_with_its_place_and_a_suggestion(
        app, definition_file, tmp_path):
    template = tmp_path / "faute.docx"
    template.write_bytes(word_file(
        ["Couverture"], [["Appels", "{{ calls_totl }}"]], page_break_before_table=True))
    out = tmp_path / "rempli.docx"
    result = run(app, "--definition", str(definition_file), "--year", "2024",
                 "--template", str(template), "--out", str(out))
    assert result.exit_code == 1
    assert ("page 2, tableau 1, ligne 1, cellule 2 : « calls_totl » n'existe pas dans essai"
            " ; vouliez-vous dire « calls_total » ?") in result.output
    assert not out.exists()
    sheet = tmp_path / "faute.xlsx"
    sheet.write_bytes(excel_file({}, {"calls_totals": "Rapport!$B$2"}))
    result = run(app, "--definition", str(definition_file), "--year", "2024",
                 "--template", str(sheet), "--out", str(out))
    assert result.exit_code == 1
    assert ("nom défini « calls_totals » (Rapport!B2) : « calls_totals » n'existe pas dans "
            "essai ; vouliez-vous dire « calls_total » ?") in result.output


def test_a_table_printed_as_a_value_a_loop_over_a_figure_and_anything_but_placeholders_are_refused(
        app):
    definition = parse_definition(DEFINITION, "essai.yaml")
    content = word_file(["{{ calls_by_region }}",
                         "{% for r in calls_total %}{{ r }}{% endfor %}",
                         "{{ calls_total.__class__ }} {{ bilan|upper }} {% include 'x' %}",
                         "{{ calls_total.previus }}"])
    check = check_template(definition, content, "faute.docx")
    messages = [str(problem) for problem in check.problems]
    assert messages[0] == ("paragraphe 1 : « calls_by_region » est un tableau : parcourez ses "
                           "lignes : {% for r in calls_by_region.rows %}")
    assert messages[1].startswith("paragraphe 2 : « calls_total » est un chiffre : on ne "
                                  "peut pas le parcourir")
    assert any("« calls_total.__class__ »" in message for message in messages)
    assert any("un filtre dans « bilan|upper »" in message for message in messages)
    assert any("{% include %}" in message for message in messages)
    assert any("vouliez-vous dire « previous » ?" in message for message in messages)


def test_items_the_template_never_uses_are_a_warning(app):
    definition = parse_definition(DEFINITION, "essai.yaml")
    check = check_template(definition, word_file(["{{ calls_total }}"]), "forme.docx")
    assert check.accepted and check.unused == ["calls_by_region", "calls_by_year", "bilan"]
    check = check_template(definition, excel_file({}, {"calls_by_year": "Rapport!$A$1"}),
                           "forme.xlsx")
    assert check.accepted and check.unused == ["calls_total", "calls_by_region", "bilan"]


def test_macros_and_old_formats_are_refused(app):
    definition = parse_definition(DEFINITION, "essai.yaml")
    for filename, expected in (("forme.xlsm", "classeur à macros"),
                               ("forme.docm", "document à macros"),
                               ("forme.xls", "ancien format")):
        with pytest.raises(Exception, match=expected):
            check_template(definition, b"PK\x03\x04", filename)
    content = excel_file({}, {"calls_total": "Rapport!$B$1"})
    with_macros = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, \
            zipfile.ZipFile(with_macros, "w") as target:
        for entry in source.infolist():
            target.writestr(entry, source.read(entry))
        target.writestr("xl/vbaProject.bin", b"macro")
    check = check_template(definition, with_macros.getvalue(), "forme.xlsx")
    assert "macros" in check.problems[0].message


def test_narratives_keep_their_paragraphs_and_stay_text(app, definition_file):
    definition = parse_definition(DEFINITION, "essai.yaml")
    save_answers(definition, 2024, {"bilan": "Une année <b>&</b> dense.\n\nSecond paragraphe"})
    report = current_report(definition, 2024)
    filled = fill(definition, report, word_file(["{{ bilan }}"]), "forme.docx")
    assert [paragraph.text for paragraph in Document(io.BytesIO(filled)).paragraphs] == \
        ["Une année <b>&</b> dense.", "Second paragraphe"]
    save_answers(definition, 2024, {"bilan": "=HYPERLINK(\"http://x\")"})
    filled = fill(definition, current_report(definition, 2024),
                  excel_file({}, {"bilan": "Rapport!$A$1"}), "forme.xlsx")
    cell = load_workbook(io.BytesIO(filled))["Rapport"]["A1"]
    assert cell.value == "=HYPERLINK(\"http://x\")" and cell.data_type == "s"


def test_a_table_never_overwrites_a_filled_cell_outside_its_range(app, definition_file):
    definition = parse_definition(DEFINITION, "essai.yaml")
    content = excel_file({"A6": "Total", "B6": "=SUM(B4:B5)"},
                         {"calls_by_region": "Rapport!$A$4"})
    with pytest.raises(Exception, match=r"Rapport!A6 n'est pas vide"):
        fill(definition, current_report(definition, 2024), content, "forme.xlsx")


def test_the_demo_forms_are_bound_to_the_shipped_definitions_and_fill(demo_app, demo_db):
    from tracker.questionnaires.funder_forms.services import fill_template, templates_in_use
    from tracker.questionnaires.registry import get_definition

    cocof = get_definition("cocof-ambulatoire")
    (word,) = templates_in_use(cocof)
    report = current_report(cocof, 2025)
    document = Document(io.BytesIO(fill_template(cocof, report, word.latest)))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Nombre d'appels traités pendant l'exercice : 2\u202f164" in text
    assert "{{" not in text and "{%" not in text
    assert document.sections[0].footer.paragraphs[0].text.endswith("rapport COCOF 2025")
    aviq = get_definition("aviq-promotion-sante")
    (excel,) = templates_in_use(aviq)
    report = current_report(aviq, 2025)
    filled = fill_template(aviq, report, excel.latest)
    actions = next(result.value for section in report.sections for result in section.items
                   if result.id == "actions_wallonie")
    assert load_workbook(io.BytesIO(filled))["Rapport"]["B7"].value == actions > 0
    computed = libreoffice_rows(filled)
    assert computed[6][1] == str(actions) and computed[7][2] == "0"  # the funder's check


def test_a_name_inside_merged_cells_or_docxtpl_rich_text_is_refused_at_upload(app):
    from openpyxl import Workbook
    from openpyxl.workbook.defined_name import DefinedName

    definition = parse_definition(DEFINITION, "essai.yaml")
    workbook = Workbook()
    workbook.active.title = "Rapport"
    workbook.active.merge_cells("B1:C1")
    workbook.defined_names["calls_total"] = DefinedName("calls_total",
                                                        attr_text="Rapport!$C$1")
    buffer = io.BytesIO()
    workbook.save(buffer)
    check = check_template(definition, buffer.getvalue(), "forme.xlsx")
    assert [str(problem) for problem in check.problems] == [
        "nom défini « calls_total » (Rapport!C1) : la cellule C1 fait partie de cellules "
        "fusionnées : nommez la première d'entre elles"]
    check = check_template(definition, word_file(["{{r bilan }}"]), "forme.docx")
    assert check.problems[0].message.startswith("repère mal formé dans « {{r bilan }} »")
