"""One registry of exports: every download route and `tracker report` offer the formats of
an exporter, and each format renders a real file."""

from tracker.cli import cli
from tracker.documents.exporters import EXPORTERS
from tracker.params import FormatConverter
from tracker.questionnaires.outputs import QUESTIONNAIRE
from tracker.questionnaires.registry import get_definition
from tracker.questionnaires.services import current_report

SIGNATURES = {"pdf": b"%PDF-", "docx": b"PK\x03\x04", "xlsx": b"PK\x03\x04", "zip": b"PK\x03\x04",
              "json": b"{", "html": b"<"}


def test_every_download_route_offers_formats_of_one_exporter(app):
    offered = {exporter.formats for exporter in EXPORTERS.values()} | {("csv", "xlsx")}
    routes = 0
    for rule in app.url_map.iter_rules():
        converter = rule._converters.get("extension")
        if isinstance(converter, FormatConverter):
            assert any(set(converter.identifiers) <= set(formats) for formats in offered), \
                rule.rule
            routes += 1
    assert routes >= 4 and {"questionnaire", "decompte", "tableaux_personnel"} <= set(EXPORTERS)


def test_tracker_report_offers_and_renders_every_format_of_the_questionnaire(demo_app, demo_db):
    option = next(param for param in cli.commands["report"].params if param.name == "output")
    for file_format in QUESTIONNAIRE.formats:
        assert option.type.convert(file_format, option, None) == file_format
    report = current_report(get_definition("cocof-ambulatoire"), 2024)
    for file_format in QUESTIONNAIRE.formats:
        assert QUESTIONNAIRE.render(report, file_format).lstrip().startswith(
            SIGNATURES[file_format]), file_format
