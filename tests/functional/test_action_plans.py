"""Action plans (issue 29, part 1): a plan imported from YAML whose computed indicators equal
the questionnaire figures written the same way, with their state against the target; a plan
with one problem refused whole, naming the file and the objective; the plan edited on its
page by the director, read by the secretary and the board; the questionnaires' `objectives`
list; the four files."""

import io
import json
import textwrap

import pypdf
import yaml
from docx import Document
from openpyxl import load_workbook
from sqlalchemy import func, select

from tests.helpers import csrf_token, post_form, questionnaire_figure
from tracker.auth.roles import Role
from tracker.cli import cli
from tracker.plans.evaluation import combined_state, state_of
from tracker.plans.models import ActionPlan, PlanIndicator, PlanIndicatorValue, PlanObjective
from tracker.questionnaires.definition import parse_definition
from tracker.questionnaires.report import build_report

CALLS_PLAN = textwrap.dedent("""\
    id: ecoute-2025
    title: Plan de la ligne d'écoute
    years: [2024, 2026]
    objectives:
      - id: og1
        label: Informer et orienter
        objectives:
          - id: op1
            label: Répondre aux demandes d'aide par téléphone
            actions:
              - {label: Permanence téléphonique, where: {type: appel}}
            indicators:
              - {id: appels, label: Appels traités, metric: count, where: {type: appel},
                 baseline: 2000, targets: {2025: TARGET}, direction: at_least}
              - {id: appels_max, label: Appels (plafond), metric: count, where: {type: appel},
                 targets: {2025: CEILING}, direction: at_most}
              - {id: presse, label: Sollicitations de la presse, input: number,
                 targets: {2025: 20}}
    """)


def run(app, *args):
    return app.test_cli_runner().invoke(cli, list(args))


def write(tmp_path, text: str, name: str = "plan.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


CALLS = "{id: appels, label: Appels, metric: count, where: {type: appel}}"


def test_a_computed_indicator_equals_the_questionnaire_figure_and_is_judged_against_its_target(
        demo_app, demo_db, tmp_path):
    calls = questionnaire_figure(CALLS, 2025)
    assert calls > 100
    text = CALLS_PLAN.replace("TARGET", str(calls + 1)).replace("CEILING", str(calls - 1))
    result = run(demo_app, "plan", "import", write(tmp_path, text))
    assert result.exit_code == 0, result.output
    assert "3 indicateur(s)" in result.output
    result = run(demo_app, "plan", "report", "ecoute-2025", "--year", "2025", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    indicators = {indicator["id"]: indicator
                  for objective in report["objectives"] for indicator in objective["indicators"]}
    assert indicators["appels"]["value"] == calls
    assert indicators["appels"]["target"] == calls + 1
    assert indicators["appels"]["state"] == "partiel"  # within 80 % of an « at least » target
    assert indicators["appels_max"]["state"] == "partiel"  # just above an « at most » one
    assert indicators["presse"] == {**indicators["presse"], "value": None, "target": 20,
                                    "state": "non_renseigne", "type": "typed"}
    # the years before are printed too, each computed from its own year's log
    history = indicators["appels"]["history"]
    assert [entry["year"] for entry in history] == [2024, 2025]
    assert history[0]["value"] == questionnaire_figure(CALLS, 2024)
    objectives = {objective["id"]: objective for objective in report["objectives"]}
    assert objectives["op1"]["parent"] == "og1" and objectives["og1"]["level"] == "general"
    assert objectives["op1"]["level"] == "operationnel"
    assert objectives["op1"]["actions"] == [{"label": "Permanence téléphonique",
                                             "activities": calls}]
    assert objectives["og1"]["state"] == "partiel"  # its children's indicators, combined
    # exactly at the target: reached
    run(demo_app, "plan", "import", write(tmp_path, CALLS_PLAN.replace("TARGET", str(calls))
                                          .replace("CEILING", str(calls))))
    report = json.loads(run(demo_app, "plan", "report", "ecoute-2025", "--year", "2025").output)
    states = {indicator["id"]: indicator["state"]
              for objective in report["objectives"] for indicator in objective["indicators"]}
    assert states["appels"] == "atteint" and states["appels_max"] == "atteint"


def test_a_plan_with_an_unknown_dimension_is_refused_whole_naming_file_and_objective(
        app, db, tmp_path):
    text = CALLS_PLAN.replace("TARGET", "10").replace("CEILING", "10").replace(
        "metric: count, where: {type: appel},", "metric: count, where: {humeur: joyeuse},", 1)
    result = run(app, "plan", "import", write(tmp_path, text, "ecoute.yaml"))
    assert result.exit_code == 1
    assert "ecoute.yaml, objectif « op1 », indicateur « appels »" in result.output
    assert "dimension ou champ « humeur » inconnu" in result.output
    assert db.session.scalar(select(func.count(ActionPlan.id))) == 0
    assert db.session.scalar(select(func.count(PlanObjective.id))) == 0


def test_every_problem_of_a_plan_is_named_in_french(app, db, tmp_path):
    good = CALLS_PLAN.replace("TARGET", "10").replace("CEILING", "10")
    cases = {
        "metric: count, where: {type: appel},":
            ("metric: moyenne, where: {type: appel},", "mesure « moyenne » inconnue"),
        "{2025: 20}": ("{2031: 20}", "cible pour « 2031 » : une année du plan (2024 à 2026)"),
        "years: [2024, 2026]": ("years: [2026, 2024]", "la dernière année précède la première"),
        "where: {type: appel}}": ("where: {type: chant}}", "valeur « chant » inconnue"),
        "direction: at_most": ("direction: environ", "« direction » vaut at_least"),
        "- id: op1": ("- id: og1", "cet id d'objectif est déjà utilisé"),
    }
    for old, (new, message) in cases.items():
        assert old in good, old
        result = run(app, "plan", "import", write(tmp_path, good.replace(old, new, 1)))
        assert result.exit_code == 1, new
        assert message in result.output, (new, result.output)
    assert db.session.scalar(select(func.count(ActionPlan.id))) == 0


def test_export_reads_back_and_typed_values_survive_a_new_import(app, db, tmp_path):
    text = CALLS_PLAN.replace("TARGET", "10").replace("CEILING", "10")
    assert run(app, "plan", "import", write(tmp_path, text)).exit_code == 0
    exported = run(app, "plan", "export", "ecoute-2025").output
    assert "years: [2024, 2026]" in exported and "input: number" in exported
    indicator = db.session.scalar(select(PlanIndicator).where(PlanIndicator.code == "presse"))
    indicator.values.append(PlanIndicatorValue(year=2025, value=21, source="revue de presse"))
    db.session.commit()
    assert run(app, "plan", "import", write(tmp_path, exported, "again.yaml")).exit_code == 0
    assert run(app, "plan", "export", "ecoute-2025").output == exported
    report = json.loads(run(app, "plan", "report", "ecoute-2025", "--year", "2025").output)
    presse = report["objectives"][1]["indicators"][2]
    assert (presse["value"], presse["state"], presse["source"]) == (21, "atteint",
                                                                     "revue de presse")
    # dropping an indicator that holds typed values is refused, nothing lost
    data = yaml.safe_load(exported)
    operational = data["objectives"][0]["objectives"][0]
    operational["indicators"] = [indicator for indicator in operational["indicators"]
                                 if indicator["id"] != "presse"]
    dropped = yaml.safe_dump(data, allow_unicode=True)
    result = run(app, "plan", "import", write(tmp_path, dropped, "dropped.yaml"))
    assert result.exit_code == 1 and "cet indicateur a des valeurs tapées" in result.output
    assert db.session.scalar(select(func.count(PlanIndicatorValue.id))) == 1


def test_states_against_targets():
    assert state_of(100, 100, "at_least") == "atteint"
    assert state_of(80, 100, "at_least") == "partiel"
    assert state_of(79, 100, "at_least") == "non_atteint"
    assert state_of(100, 100, "at_most") == "atteint"
    assert state_of(125, 100, "at_most") == "partiel"
    assert state_of(126, 100, "at_most") == "non_atteint"
    assert state_of(5, None, "at_least") == "sans_cible"
    assert state_of(None, 5, "at_least") == "non_renseigne"
    assert combined_state(["atteint", "sans_cible"]) == "atteint"
    assert combined_state(["atteint", "non_atteint"]) == "partiel"
    assert combined_state(["non_renseigne"]) == "sans_cible"


def _import_through_the_page(client, text: str):
    return post_form(client, "/plans/importer",
                     {"file": (io.BytesIO(text.encode()), "ecoute.yaml")},
                     content_type="multipart/form-data")


def test_the_director_imports_edits_and_evaluates_on_the_page(app, db, client, login_as):
    login_as(Role.DIRECTOR)
    text = CALLS_PLAN.replace("TARGET", "10").replace("CEILING", "10")
    response = _import_through_the_page(client, text)
    assert response.status_code == 302 and response.headers["Location"].endswith(
        "/plans/ecoute-2025")
    page = client.get("/plans/ecoute-2025?annee=2025").get_data(as_text=True)
    assert "Répondre aux demandes d&#39;aide par téléphone" in page
    assert "Objectif opérationnel" in page and "Sans cible" not in page
    objective = db.session.scalar(select(PlanObjective).where(PlanObjective.code == "op1"))
    indicator = db.session.scalar(select(PlanIndicator).where(PlanIndicator.code == "presse"))
    prefix = f"i{indicator.id}-"
    response = post_form(client, f"/plans/ecoute-2025/2025/indicateurs/{indicator.id}",
                         {prefix + "value": "23", prefix + "source": "revue de presse"})
    assert response.status_code == 302
    prefix = f"o{objective.id}-"
    response = post_form(client, f"/plans/ecoute-2025/2025/objectifs/{objective.id}",
                         {prefix + "assessment": "partiel", prefix + "decision": "adapte",
                          prefix + "comment": "Moins d'appels en été."})
    assert response.status_code == 302
    page = client.get("/plans/ecoute-2025?annee=2025").get_data(as_text=True)
    assert "Moins d&#39;appels en été." in page and "Adapté" in page
    assert "revue de presse" in page
    # the YAML edited on the page: an error keeps what was typed and changes nothing
    broken = text.replace("type: appel}}", "type: chant}}")
    response = post_form(client, "/plans/ecoute-2025/modifier", {"text": broken})
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "valeur « chant » inconnue" in body
    assert "type: chant" in body
    renamed = text.replace("title: Plan de la ligne d'écoute", "title: Ligne d'écoute 2")
    response = post_form(client, "/plans/ecoute-2025/modifier", {"text": renamed})
    assert response.status_code == 302
    assert db.session.scalar(select(ActionPlan.title)) == "Ligne d'écoute 2"
    # a refused file through the page writes nothing and says why
    response = _import_through_the_page(client, text.replace("id: ecoute-2025", "id: Autre"))
    assert response.status_code == 302
    assert db.session.scalar(select(func.count(ActionPlan.id))) == 1


def test_the_secretary_and_the_board_read_and_download_but_never_write(app, db, client,
                                                                      login_as, tmp_path):
    text = CALLS_PLAN.replace("TARGET", "10").replace("CEILING", "10")
    assert run(app, "plan", "import", write(tmp_path, text)).exit_code == 0
    objective = db.session.scalar(select(PlanObjective).where(PlanObjective.code == "op1"))
    for role in (Role.SECRETARY, Role.BOARD):
        login_as(role)
        page = client.get("/plans/ecoute-2025").get_data(as_text=True)
        assert "Appels traités" in page and "Évaluation 2025 de l" not in page
        assert post_form(client, f"/plans/ecoute-2025/2025/objectifs/{objective.id}",
                         {"assessment": "atteint"}).status_code == 403
        assert post_form(client, "/plans/ecoute-2025/modifier", {"text": text}).status_code == 403
        pdf = client.get("/plans/ecoute-2025/2025/telecharger/pdf")
        assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
        client.get(f"/logout?jeton={csrf_token(client)}")
    login_as(Role.STAFF)
    assert client.get("/plans/").status_code == 403
    assert client.get("/plans/ecoute-2025/telecharger/plan.yaml").status_code == 403


def test_the_four_files_and_the_questionnaire_objectives_list_on_the_demo(demo_app, demo_db,
                                                                         tmp_path):
    out = tmp_path / "pac"
    for extension in ("pdf", "docx", "xlsx"):
        result = run(demo_app, "plan", "report", "pac-2023-2028", "--year", "2025", "--format",
                     extension, "--out", f"{out}.{extension}")
        assert result.exit_code == 0, result.output
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(f"{out}.pdf").pages)
    assert "Objectif opérationnel « op2 »" in text and "Partiellement atteint" in text
    headings = [paragraph.text for paragraph in Document(f"{out}.docx").paragraphs
                if paragraph.style.name.startswith("Heading")]
    assert any("« op3 »" in heading for heading in headings)
    sheet = load_workbook(f"{out}.xlsx").worksheets[0]
    labels = [row[1] for row in sheet.iter_rows(values_only=True)]
    assert "Part des acteurs relais satisfaits de la formation (%)" in labels
    plan = json.loads(run(demo_app, "plan", "report", "pac-2023-2028", "--year", "2025").output)
    indicators = [indicator for objective in plan["objectives"]
                  for indicator in objective["indicators"]]
    assert len([objective for objective in plan["objectives"]
                if objective["level"] == "operationnel"]) == 3
    assert len(indicators) == 6
    assert len([indicator for indicator in indicators if indicator["type"] == "computed"]) == 4
    # the AViQ questionnaire prints the same values in its objectives list
    report = json.loads(run(demo_app, "report", "aviq-promotion-sante", "--year", "2025").output)
    listed = next(item for section in report["sections"] for item in section["items"]
                  if item["id"] == "plan_objectifs")
    values = {row[1]: row[2] for row in listed["rows"] if row[1]}
    assert values == {indicator["label"]: indicator["value"] for indicator in indicators}
    assert run(demo_app, "plan", "report", "pssp-2024-2027", "--year", "2025").exit_code == 0


def test_a_definition_naming_an_unknown_plan_is_refused(app, db):
    definition = parse_definition(textwrap.dedent("""\
        id: test-plan
        funder: COCOF
        title: Test
        sections:
          - title: Plan
            items:
              - {id: objectifs, label: Objectifs, table: objectives, plan: inconnu}
        """), "test.yaml")
    try:
        build_report(definition, 2025)
    except Exception as error:  # noqa: BLE001 - the French refusal is what is checked
        assert "plan d'action « inconnu » inconnu" in str(error)
    else:
        raise AssertionError("an unknown plan was accepted")


def test_the_board_reads_fewer_than_three_persons_of_an_indicator_as_such(app, db):
    """A plan's indicator in persons, in a questionnaire's objectives list, follows the
    board's small-groups rule like a table in persons."""
    from tracker.questionnaires.figure_rows import ListResult
    from tracker.questionnaires.report import Report, ReportItem, ReportSection
    from tracker.questionnaires.schema import Item, ReportingPeriod
    from tracker.questionnaires.small_groups import counts_persons, for_the_board

    listed = ListResult(["Objectif", "Indicateur", "Valeur"],
                        [["", "Personnes suivies", 2], ["", "Appels", 2]], {(0, 2)})
    item = ReportItem(Item(id="objectifs", label="Objectifs", type="list", table="objectives"),
                      list=listed)
    report = Report(definition=None, year=2025, start=ReportingPeriod().of_year(2025)[0],
                    end=ReportingPeriod().of_year(2025)[1], organisation="",
                    sections=[ReportSection(1, "Plan", "", [item])])
    assert counts_persons(report)
    for_the_board(report)
    assert listed.rows == [["", "Personnes suivies", "< 3"], ["", "Appels", 2]]
