"""Questionnaires: definitions checked on load, funded_by weighting, narratives kept year to
year, corrections with a reason, finalised archives that never change, pages and roles."""

import hashlib
import io
import json
from datetime import date

import pytest

from tests.factories import make_allocation, make_person
from tests.helpers import post_form
from tracker.activities.importer import import_activities
from tracker.activities.vocabulary import Vocabulary
from tracker.auth.roles import Role
from tracker.cli import cli
from tracker.errors import DomainError, ValidationError
from tracker.questionnaires.archives import finalise, read_archived_file, reopen
from tracker.questionnaires.checks import check_codes
from tracker.questionnaires.definition import DefinitionError, parse_definition
from tracker.questionnaires.models import ArchivedFile, UploadedDefinition
from tracker.questionnaires.outputs.json import report_as_dict
from tracker.questionnaires.registry import get_definition
from tracker.questionnaires.report import build_report
from tracker.questionnaires.services import (
    correct_figure,
    current_report,
    save_answers,
    suggested_answers,
)

SMALL = """
id: essai
funder: COCOF
title: Essai
sections:
  - title: Appels
    items:
      - {id: appels, label: Appels, metric: count, where: {type: appel}}
      - {id: regions, label: Régions, metric: count, where: {type: appel}, by: region}
      - {id: bilan, label: Bilan de l'année, text: true}
"""


@pytest.fixture(autouse=True)
def exports(app, tmp_path):
    """Each test finalises into its own EXPORT_DIR (the archive never overwrites)."""
    previous = app.config["EXPORT_DIR"]
    app.config["EXPORT_DIR"] = str(tmp_path / "exports")
    yield tmp_path / "exports"
    app.config["EXPORT_DIR"] = previous


def calls(rows: list[str]) -> None:
    content = "date;type;region;intervenant;duree_min\n" + "\n".join(rows) + "\n"
    import_activities(content.encode(), "appels.csv")


def figures(report) -> dict:
    return {item["id"]: item for section in report_as_dict(report)["sections"]
            for item in section["items"]}


@pytest.mark.parametrize("text, problem", [
    (SMALL.replace("metric: count, where: {type: appel}}", "metric: count, colour: red}", 1),
     "élément « appels » : clé inconnue « colour »"),
    (SMALL.replace("metric: count, where", "metric: median, where", 1),
     "élément « appels » : mesure « median » inconnue"),
    (SMALL.replace("by: region", "by: [region, genre, lieu]"),
     "élément « regions » : « by » nomme une dimension"),
    (SMALL.replace("text: true", "text: oui"), "élément « bilan » : « text » vaut true"),
    (SMALL.replace("by: region}", "by: region, groups: [{code: a, label: A, values: [x]}, "
                   "{code: b, label: B, values: [x]}]}"),
     "élément « regions » : une valeur figure dans deux groupes"),
    ("id: x\nfunder: COCOF\ntitle: [", "YAML illisible"),
])
def test_a_definition_with_a_problem_names_file_item_and_problem(text, problem):
    with pytest.raises(DefinitionError) as error:
        parse_definition(text, "essai.yaml")
    assert error.value.message.startswith("essai.yaml")
    assert problem in error.value.message


def test_an_unknown_funder_is_refused(db):
    definition = parse_definition(SMALL.replace("funder: COCOF", "funder: MECENE"), "essai.yaml")
    with pytest.raises(DefinitionError, match="essai.yaml : financeur « MECENE » inconnu"):
        check_codes(definition, Vocabulary.load())


@pytest.mark.parametrize("where, problem", [
    ("{type: appel, couleur: bleu}", "dimension ou champ « couleur » inconnu"),
    ("{type: appel, region: lune}", "valeur « lune » inconnue dans la dimension « region »"),
])
def test_unknown_dimensions_and_values_are_refused(db, where, problem):
    definition = parse_definition(SMALL.replace("where: {type: appel}}", f"where: {where}}}",
                                                1), "essai.yaml")
    with pytest.raises(DefinitionError) as error:
        check_codes(definition, Vocabulary.load())
    assert "essai.yaml, élément « appels »" in error.value.message and problem in \
        error.value.message


def test_funded_by_counts_each_activity_for_the_funders_share_that_day(db):
    shared = make_person("Nina Partage")
    make_allocation(shared, "0.5", "PSSP", date(2024, 1, 1), date(2024, 12, 31))
    make_allocation(shared, "0.5", "SPW", date(2024, 1, 1), date(2024, 6, 30))
    only_spw = make_person("Omar Wallon")
    make_allocation(only_spw, "1", "SPW", date(2024, 1, 1))
    # Nina: 0,5 PSSP of 1 ETP until June (share 0,5), then PSSP alone (share 1)
    calls(["10/03/2024;appel;wallonie;Nina Partage;20", "10/09/2024;appel;wallonie;Nina Partage;10",
           "11/09/2024;appel;bruxelles;Omar Wallon;30"])
    definition = parse_definition(SMALL.replace(
        "metric: count, where: {type: appel}}", "metric: count, funded_by: PSSP}", 1).replace(
        "by: region}", "by: region, funded_by: PSSP}"), "pssp.yaml")
    found = figures(build_report(definition, 2024))
    assert found["appels"]["value"] == 1.5
    regions = {row["region"]: row["value"] for row in found["regions"]["rows"]}
    assert regions["wallonie"] == 1.5 and regions["bruxelles"] == 0


def test_narratives_are_offered_from_last_year_and_kept_per_year(db):
    definition = parse_definition(SMALL, "essai.yaml")
    save_answers(definition, 2024, {"bilan": "Une année de transition."})
    assert suggested_answers(definition, 2025) == {"bilan": "Une année de transition."}
    assert figures(current_report(definition, 2025))["bilan"]["value"] == ""
    save_answers(definition, 2025, {"bilan": "Une année de croissance."})
    assert suggested_answers(definition, 2025) == {}
    assert figures(current_report(definition, 2024))["bilan"]["value"] == \
        "Une année de transition."
    with pytest.raises(ValidationError):
        save_answers(definition, 2025, {"appels": "pas une rubrique rédigée"})


def test_a_correction_needs_a_reason_and_keeps_both_values(db):
    calls(["10/03/2024;appel;wallonie;;20", "11/03/2024;appel;bruxelles;;20"])
    definition = parse_definition(SMALL, "essai.yaml")
    with pytest.raises(ValidationError) as error:
        correct_figure(definition, 2024, "appels", "", "3", "  ")
    assert error.value.message == "Indiquez le motif de la correction."
    correct_figure(definition, 2024, "appels", "", "3", "Un appel noté sur papier")
    correct_figure(definition, 2024, "regions", "wallonie", "2", "Idem")
    found = figures(current_report(definition, 2024))
    assert found["appels"] | {"value": 3, "computed": 2, "reason": "Un appel noté sur papier"} \
        == found["appels"]
    wallonia = next(row for row in found["regions"]["rows"] if row["region"] == "wallonie")
    assert (wallonia["value"], wallonia["computed"], wallonia["percent"]) == (2, 1, 100.0)
    from docx import Document
    from openpyxl import load_workbook

    from tracker.questionnaires.outputs import render

    note = "Corrigé à la main (calculé : 2) – Un appel noté sur papier"
    report = current_report(definition, 2024)
    cells = [cell.value for sheet in load_workbook(io.BytesIO(render(report, "xlsx"))).worksheets
             for row in sheet.iter_rows() for cell in row]
    paragraphs = [p.text for p in Document(io.BytesIO(render(report, "docx"))).paragraphs]
    assert note in cells and f"* {note}" in paragraphs


def test_finalising_archives_every_format_with_its_sha256_and_never_overwrites(db, exports):
    calls(["10/03/2024;appel;wallonie;;20"])
    definition = parse_definition(SMALL, "essai.yaml")
    save_answers(definition, 2024, {"bilan": "Version envoyée <b>le 1er mars</b>."})
    stale = exports / "questionnaires" / "essai" / "2024" / "v1"
    stale.mkdir(parents=True)  # left by a finalisation whose transaction failed
    (stale / "essai-2024-v1.pdf").write_bytes(b"%PDF-old")
    first = finalise(definition, 2024)
    assert (stale / "essai-2024-v1.pdf").read_bytes() == b"%PDF-old"
    assert all(f.path.startswith("questionnaires/essai/2024/v1-") for f in first.files)
    assert sorted(file.format for file in first.files) == ["docx", "json", "pdf", "xlsx"]
    assert first.definition_text == SMALL and first.finalised_by == "système"
    for archived in first.files:
        content = (exports / archived.path).read_bytes()
        assert hashlib.sha256(content).hexdigest() == archived.sha256
        assert read_archived_file(archived) == content
    archived_json = json.loads(read_archived_file(next(f for f in first.files
                                                        if f.format == "json")))
    assert archived_json["status"] == "final"
    assert figures(current_report(definition, 2024))["bilan"]["value"] == \
        archived_json["sections"][0]["items"][2]["value"]
    with pytest.raises(DomainError):
        save_answers(definition, 2024, {"bilan": "Changement après envoi"})
    reopen(definition, 2024)
    save_answers(definition, 2024, {"bilan": "Version corrigée."})
    second = finalise(definition, 2024)
    assert second.version == 2
    assert "Version envoyée" in read_archived_file(
        next(f for f in first.files if f.format == "json")).decode()
    tampered = next(f for f in second.files if f.format == "json")
    path = exports / tampered.path
    path.chmod(0o644)
    path.write_bytes(b"{}")
    with pytest.raises(DomainError, match="empreinte SHA-256"):
        read_archived_file(tampered)


def test_shipped_definitions_run_on_the_demo_in_every_format(demo_app, demo_db):
    from tracker.questionnaires.definition import shipped_definitions
    from tracker.questionnaires.outputs import render

    ids = set()
    for definition in shipped_definitions():
        ids.add(definition.id)
        report = build_report(definition, 2025)
        for extension in ("pdf", "docx", "xlsx", "json"):
            assert render(report, extension)
    assert ids >= {"cocof-ambulatoire", "aviq-promotion-sante", "cocof-promotion-sante",
                   "spw-assuetudes", "pssp", "pcs"}
    cocof = figures(build_report(get_definition("cocof-ambulatoire"), 2025))
    assert cocof["appels"]["value"] == 2164
    assert [row["value"] for row in cocof["duree_moyenne_par_annee"]["rows"]][-1] == 21
    spw = figures(build_report(get_definition("spw-assuetudes"), 2025))
    assert spw["equipe"]["rows"] and spw["supervisions_recues"]["rows"][0][0] == "Supervision"
    assert {row[1] for row in spw["equipe_soins"]["rows"]} == {"Médecin"}
    pcs = figures(build_report(get_definition("pcs"), 2025))
    assert pcs["activites"]["value"] > 0 and pcs["equipe_pcs"]["rows"]


def test_report_command_writes_each_format(app, db, tmp_path):
    calls(["10/03/2024;appel;wallonie;;20"])
    db.session.commit()
    definition_file = tmp_path / "essai.yaml"
    definition_file.write_text(SMALL, encoding="utf-8")
    for extension in ("json", "pdf", "docx", "xlsx", "html"):
        out = tmp_path / f"essai.{extension}"
        result = app.test_cli_runner().invoke(cli, [
            "report", "--definition", str(definition_file), "--year", "2024", "--format",
            extension, "--out", str(out)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 0
    assert json.loads((tmp_path / "essai.json").read_text())["sections"][0]["items"][0][
        "value"] == 1
    assert "<h2>1. Appels</h2>" in (tmp_path / "essai.html").read_text()
    unknown = app.test_cli_runner().invoke(cli, ["report", "inconnu", "--year", "2024"])
    assert unknown.exit_code == 1 and "questionnaire « inconnu » inconnu" in unknown.output


def test_the_board_reads_and_downloads_but_never_writes(client, db, login_as):
    login_as(Role.BOARD)
    assert client.get("/questionnaires/").status_code == 200
    assert client.get("/questionnaires/cocof-ambulatoire/2025").status_code == 200
    assert client.get("/questionnaires/pssp/2025/telecharger/xlsx").status_code == 200
    for action in ("recits", "corrections", "finaliser", "rouvrir"):
        assert post_form(client, f"/questionnaires/cocof-ambulatoire/2025/{action}",
                         {"text-introduction": "x"}).status_code == 403


def test_pages_keep_what_was_typed_and_escape_it(client, db, login_as):
    definition = get_definition("cocof-ambulatoire")
    login_as(Role.SECRETARY)
    response = post_form(client, "/questionnaires/cocof-ambulatoire/2025/recits",
                         {"text-introduction": "<script>alert(1)</script> Bilan"})
    assert response.status_code == 302
    html = client.get("/questionnaires/cocof-ambulatoire/2025").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Bilan" in html and "<script>alert" not in html
    refused = post_form(client, "/questionnaires/cocof-ambulatoire/2025/corrections",
                        {"target": "appels::", "value": "12", "reason": ""})
    assert refused.status_code == 400
    assert "Indiquez le motif de la correction." in refused.get_data(as_text=True)
    assert 'value="12"' in refused.get_data(as_text=True)
    pdf = client.get("/questionnaires/cocof-ambulatoire/2025/telecharger/pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert definition.id == "cocof-ambulatoire"


def test_the_secretary_cannot_upload_a_definition(client, db, login_as):
    login_as(Role.SECRETARY)
    upload = {"file": (io.BytesIO(SMALL.encode()), "essai.yaml")}
    assert post_form(client, "/questionnaires/definitions", upload,
                     content_type="multipart/form-data").status_code == 403


def test_a_bad_definition_upload_writes_nothing(client, db, login_as):
    bad = SMALL.replace("by: region", "by: couleur")
    login_as(Role.DIRECTOR)
    response = post_form(client, "/questionnaires/definitions",
                         {"file": (io.BytesIO(bad.encode()), "essai.yaml")},
                         content_type="multipart/form-data", follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "rien n&#39;a été enregistré" in html and "« regions »" in html
    assert db.session.scalar(db.select(UploadedDefinition)) is None
    post_form(client, "/questionnaires/definitions",
              {"file": (io.BytesIO(SMALL.encode()), "essai.yaml")},
              content_type="multipart/form-data")
    assert client.get("/questionnaires/essai/2025").status_code == 200
    assert db.session.scalar(db.select(ArchivedFile)) is None


def test_user_text_is_escaped_in_the_pdf_and_never_a_formula_in_xlsx(db):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    from tracker.questionnaires.outputs import render

    definition = parse_definition(SMALL.replace("label: Appels,", 'label: "=1+1 Appels",', 1),
                                  "essai.yaml")
    save_answers(definition, 2024, {"bilan": "=HYPERLINK(\"x\") <b>gras</b> & <i>"})
    report = current_report(definition, 2024)
    pdf = "".join(page.extract_text() for page in PdfReader(io.BytesIO(render(report, "pdf")))
                  .pages)
    assert "<b>gras</b> & <i>" in pdf
    sheet = load_workbook(io.BytesIO(render(report, "xlsx"))).worksheets[1]
    values = [cell.value for row in sheet.iter_rows() for cell in row if cell.value]
    assert "=HYPERLINK(\"x\") <b>gras</b> & <i>" in values and "=1+1 Appels" in values
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)


def test_the_year_is_read_once_per_page_and_per_export(app, client, db, login_as):
    from sqlalchemy import event

    login_as(Role.SECRETARY)
    post_form(client, "/questionnaires/cocof-ambulatoire/2025/recits",
              {"text-introduction": "Une année."})
    reads = []

    def count(_connection, _cursor, statement, *_args):
        if statement.lstrip().upper().startswith("SELECT") and \
                "FROM questionnaire_response" in statement and "WHERE" in statement:
            reads.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        assert client.get("/questionnaires/cocof-ambulatoire/2025").status_code == 200
        page_reads = len(reads)
        reads.clear()
        assert client.get("/questionnaires/cocof-ambulatoire/2025/telecharger/json"
                          ).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert page_reads == 2  # this year's, and last year's (suggested texts, typed figures)
    assert len(reads) == 2  # this year's, and last year's typed figures


def test_the_word_export_carries_the_pdf_charts_as_pictures(demo_app, demo_db):
    from docx import Document
    from PIL import Image

    from tracker.questionnaires.outputs import render
    from tracker.questionnaires.outputs.charts import chart_rows

    report = build_report(get_definition("spw-assuetudes"), 2025)
    charted = [result for section in report.sections for result in section.items
               if chart_rows(result)]
    assert {result.item.chart for result in charted} == {"pie", "bar"}
    document = Document(io.BytesIO(render(report, "docx")))
    pictures = document.inline_shapes
    assert len(pictures) == len(charted)
    part = document.part.related_parts[pictures[0]._inline.graphic.graphicData.pic.blipFill
                                       .blip.embed]
    image = Image.open(io.BytesIO(part.blob))
    assert image.format == "PNG" and image.width >= 1000  # 200 dpi over 16 cm


def test_finalising_from_the_page_is_a_job_the_page_follows(client, db, login_as, exports):
    """Rendering four files can take seconds: the button returns at once, the scheduler's
    job renders them (read-only), then stores them; the page shows the version archived, and a
    second finalisation of the same year is refused in French."""
    from tracker.jobs.services import run_waiting_jobs

    login_as(Role.SECRETARY)
    response = post_form(client, "/questionnaires/cocof-ambulatoire/2025/finaliser", {})
    assert response.status_code == 302
    follow = response.headers["Location"]
    assert follow.startswith("/questionnaires/cocof-ambulatoire/2025?") and "tache=" in follow
    waiting = client.get(follow).get_data(as_text=True)
    assert "Finalisation d&#39;un questionnaire en cours" in waiting and "<progress" in waiting
    assert not exports.exists()

    run_waiting_jobs()
    done = client.get(follow).get_data(as_text=True)
    assert "Questionnaire finalisé : version 1 archivée (PDF, DOCX, XLSX, JSON)." in done
    assert sorted(path.suffix for path in exports.rglob("*.*")) == [  # and the board's
        ".docx", ".docx", ".json", ".pdf", ".pdf", ".xlsx"]  # PDF and DOCX (tables in persons)
    assert "Finalisé" in done

    again = post_form(client, "/questionnaires/cocof-ambulatoire/2025/finaliser", {})
    run_waiting_jobs()
    refused = client.get(again.headers["Location"]).get_data(as_text=True)
    assert "Finalisation refusée : Ce questionnaire est finalisé" in refused


def test_the_list_and_the_page_say_a_questionnaires_state_alike(client, db, login_as):
    login_as(Role.SECRETARY)
    listing = client.get("/questionnaires/?annee=2025").get_data(as_text=True)
    page = client.get("/questionnaires/pssp/2025").get_data(as_text=True)
    assert "<td>À préparer</td>" in listing and '<span class="status-tag">À préparer</span>' in page
    post_form(client, "/questionnaires/pssp/2025/recits", {"text-objectifs": "Un début"})
    page = client.get("/questionnaires/pssp/2025").get_data(as_text=True)
    assert '<span class="status-tag">Brouillon</span>' in page
    assert "<td>Brouillon</td>" in client.get("/questionnaires/?annee=2025").get_data(
        as_text=True)


def test_the_page_saves_drafts_by_itself_as_json(client, db, login_as):
    login_as(Role.SECRETARY)
    saved = post_form(client, "/questionnaires/pssp/2025/recits/auto",
                      {"text-objectifs": "Trois objectifs atteints"})
    assert saved.status_code == 200 and saved.json["changed"] == 1
    assert len(saved.json["saved_at"]) == 5  # « 14:05 »
    assert figures(current_report(get_definition("pssp"), 2025))["objectifs"]["value"] == \
        "Trois objectifs atteints"
    refused = post_form(client, "/questionnaires/cocof-ambulatoire/2025/recits/auto",
                        {"input-pages_vues": "beaucoup"})
    assert refused.status_code == 422 and refused.json["error"].startswith(
        "Brouillon non enregistré")
    expired = client.post("/questionnaires/pssp/2025/recits/auto", data={"text-objectifs": "x"})
    assert expired.status_code == 400  # no token: refused before the view, nothing saved
