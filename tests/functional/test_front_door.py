"""One front door for inputs: every routed view and every command is fed a bad year, date,
period, month and format, and answers in French, never with a 500 or a traceback."""

import re
from datetime import date
from pathlib import Path

import click
import pytest
from flask import message_flashed

from tests.factories import make_user
from tests.helpers import post_form, signed_in_client
from tracker.auth.roles import Role
from tracker.cli import cli
from tracker.params import FormatConverter, OptionType, YearConverter

TRACKER = Path(__file__).resolve().parents[2] / "tracker"
BAD_QUERY = {"annee": "0", "du": "32/13/2025", "au": "32/13/2025", "date": "32/13/2025",
             "mois": "2026-13", "format": "exe", "tache": "9" * 30, "page": "1" + "0" * 30,
             "instrument": "abc", "financeur": "abc", "intervenant": "abc", "valeur": "abc"}
FRENCH_REFUSALS = re.compile(r"illisible|hors limites|non disponible ici|précède|pas les deux"
                             r"|un début et une fin")


def _director(demo_app):
    return signed_in_client(demo_app, make_user(Role.DIRECTOR).email)


def _filled(rule, **values) -> str:
    """The rule's path, its arguments filled (ids 1, a known questionnaire, a year, a format
    the route offers) unless given."""
    def value(match):
        name = match.group(2)
        if name in values:
            return str(values[name])
        converter = rule._converters[name]
        if isinstance(converter, YearConverter):
            return "2024"
        if isinstance(converter, FormatConverter):
            return converter.identifiers[0]
        return "cocof-ambulatoire" if name == "definition_id" else "1"

    return re.sub(r"<(?:([^:>]+):)?([^>]+)>", value, rule.rule)


def _get_rules(app):
    return [rule for rule in app.url_map.iter_rules()
            if "GET" in rule.methods and rule.endpoint != "static"]


def test_every_year_and_format_in_an_address_goes_through_the_front_door(app):
    for rule in app.url_map.iter_rules():
        for name, converter in rule._converters.items():
            if name == "year":
                assert isinstance(converter, YearConverter), rule.rule
            if name == "extension":
                assert isinstance(converter, FormatConverter), rule.rule


def test_a_bad_year_or_format_in_an_address_is_a_french_404(demo_app, demo_db):
    client = _director(demo_app)
    tried = 0
    for rule in _get_rules(demo_app):
        names = set(rule.arguments)
        for name, bad, message in (("year", "0", "Année 0 hors limites : de 2000 à"),
                                   ("year", "1850", "Année 1850 hors limites"),
                                   ("extension", "exe", "Format « exe » non disponible ici")):
            if name not in names:
                continue
            response = client.get(_filled(rule, **{name: bad}))
            html = response.get_data(as_text=True)
            assert response.status_code == 404, (rule.rule, bad, response.status_code)
            assert message in html, (rule.rule, bad)
            tried += 1
    assert tried >= 8


def test_a_questionnaire_of_a_year_not_begun_is_refused_in_french(demo_app, demo_db):
    client = _director(demo_app)
    response = client.get("/questionnaires/cocof-ambulatoire/2035")
    assert response.status_code == 404
    assert "L&#39;année 2035 n&#39;a pas encore commencé" in response.get_data(as_text=True)


def test_every_page_fed_bad_inputs_says_so_in_french_and_never_fails(demo_app, demo_db):
    client = _director(demo_app)
    flashed: list[str] = []

    def record(_app, message, category):
        flashed.append(message)

    pages = refusals = 0
    with message_flashed.connected_to(record, demo_app):
        for rule in _get_rules(demo_app):
            if rule.endpoint in ("auth.logout", "deadlines.feed"):
                continue
            flashed.clear()
            response = client.get(_filled(rule), query_string=BAD_QUERY)
            assert response.status_code != 500, rule.rule
            assert b"Traceback" not in response.get_data()
            for message in flashed:
                assert FRENCH_REFUSALS.search(message), (rule.rule, message)
            refusals += bool(flashed)
            pages += response.status_code == 200
    assert pages >= 40 and refusals >= 10


@pytest.mark.parametrize(("path", "message"), [
    ("/activites/?du=32/13/2025", "Date « 32/13/2025 » illisible : tapez-la comme 31/12/2014. "
                                  "Filtre « du » ignoré."),
    ("/echeances/?au=31/02/2026", "Date « 31/02/2026 » illisible"),
    ("/echeances/calendrier?mois=2026-13", "Mois « 2026-13 » illisible"),
    ("/aides-emploi/?date=hier", "Date « hier » illisible"),
    ("/personnel/chronologie?annee=1850", "Année 1850 hors limites : de 2000 à"),
    ("/personnel/effectifs?format=docx", "Format « docx » non disponible ici : Excel (XLSX), "
                                         "PDF."),
    ("/finances/?annee=deux-mille", "Année « deux-mille » illisible"),
    ("/finances/frais?annee=0", "Année 0 hors limites"),
    ("/questionnaires/?annee=2035", "L&#39;année 2035 n&#39;a pas encore commencé"),
])
def test_a_filter_that_cannot_be_read_is_named_on_the_page(demo_app, demo_db, path, message):
    client = _director(demo_app)
    response = client.get(path)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True).replace("&#34;", '"')


# --- commands -------------------------------------------------------------------------------

# The shortest valid call of each command reading a year, a date, a period or a format;
# each bad value is put in turn in place of the good one.
COMMAND_CALLS = {
    "report": ["report", "cocof-ambulatoire", "--year", "2024", "--format", "json"],
    "staffing": ["staffing", "--at", "31/12/2024", "--format", "json"],
    "costs": ["costs", "--from", "01/01/2024", "--to", "31/12/2024", "--format", "json"],
    "aids check": ["aids", "check", "--at", "31/12/2024", "--format", "json"],
    "aids set": ["aids", "set", "APE", "volume_reference", "7,5", "--from", "01/01/2024"],
    "governance check": ["governance", "check", "--at", "31/12/2024", "--format", "json"],
    "plan report": ["plan", "report", "pac-2023-2028", "--year", "2025", "--format", "json"],
    "annual-report": ["annual-report", "--year", "2024", "--format", "pdf", "--out",
                      "/dev/null"],
    "deadlines": ["deadlines", "--today", "31/12/2024", "--within", "30", "--format", "json"],
    "reminders send": ["reminders", "send", "--today", "31/12/2024"],
    "import undo": ["import", "undo", "1"],
    "dossiers undo": ["dossiers", "undo", "1"],
    "dossiers register": ["dossiers", "register", "--year", "2024", "--format", "csv", "--out",
                          "/dev/null"],
}
BAD_VALUES = {
    "--year": [("0", "Année 0 hors limites"), ("abc", "Année « abc » illisible"),
               ("2035", "n'a pas encore commencé")],
    "--format": [("exe", "Format « exe » non disponible ici")],
    "--at": [("32/13/2025", "Date « 32/13/2025 » illisible")],
    "--today": [("32/13/2025", "Date « 32/13/2025 » illisible")],
    "--from": [("2025-02-30", "Date « 2025-02-30 » illisible")],
    "--to": [("01/01/2000", "La fin de la période précède son début.")],
    "--within": [("beaucoup", "« beaucoup » n'est pas un nombre entier")],
    "1": [("1" + "0" * 30, "hors limites")],
}
TYPED = {"year", "format", "at", "today", "from_date", "to_date", "start", "end", "within",
         "batch_id", "at_date", "output"}


def _commands(group: click.Group, prefix=()):
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))
        else:
            yield " ".join((*prefix, name)), command


def test_every_command_reading_a_year_date_period_or_format_is_in_the_bad_input_test():
    for name, command in _commands(cli):
        reads = {param.name for param in command.params} & TYPED
        if not reads:
            continue
        assert name in COMMAND_CALLS, f"tracker {name} reads {reads}: add it to COMMAND_CALLS"
        for param in command.params:
            if param.name in {"year", "today", "within", "batch_id", "output"}:
                assert isinstance(param.type, OptionType), (name, param.name)


@pytest.mark.parametrize("name", COMMAND_CALLS)
def test_every_command_refuses_a_bad_value_in_french(demo_app, demo_db, name):
    call = COMMAND_CALLS[name]
    runner = demo_app.test_cli_runner()
    refused = 0
    for position, word in enumerate(call):
        key = word if word.startswith("--") else ("1" if word == "1" and position else None)
        if key not in BAD_VALUES:
            continue
        target = position + 1 if word.startswith("--") else position
        for bad, message in BAD_VALUES[key]:
            args = [*call[:target], bad, *call[target + 1:]]
            result = runner.invoke(cli, args)
            assert result.exit_code == 1, (args, result.output)
            assert "Traceback" not in result.output and result.exception is None or \
                isinstance(result.exception, SystemExit), (args, result.output)
            assert message in result.output, (args, result.output)
            assert result.output.startswith("Erreur : "), result.output
            refused += 1
    assert refused >= 1


def test_no_view_or_command_reads_a_year_date_month_or_format_around_the_front_door():
    around = re.compile(r"""request\.args\.get\(\s*["'](annee|du|au|date|mois|format)["']"""
                        r"|type=int\b|click\.DateTime|parse_date\(request")
    offenders = [f"{path.relative_to(TRACKER)}:{number}"
                 for path in TRACKER.rglob("*.py") if path.name != "params.py"
                 for number, line in enumerate(path.read_text().splitlines(), start=1)
                 if around.search(line)]
    assert offenders == []


def test_a_year_typed_in_a_form_is_read_as_everywhere_else(client, db, login_as):
    from tests.factories import funder
    from tracker.funders.services import save_instrument

    instrument = save_instrument(None, funder_id=funder("SPW").id, kind="agrement",
                                 title="Agrément SPW", start_date=date(2020, 1, 1),
                                 end_date=None, status="accorde")
    db.session.commit()
    login_as(Role.SECRETARY)
    # too large for the database: refused in French, never a 500 (on PostgreSQL 3 000 000 000
    # already overflowed)
    for year, message in (("9223372036854775808", "Année 9223372036854775808 hors limites"),
                          ("3000000000", "Année 3000000000 hors limites"),
                          ("deux-mille", "Année « deux-mille » illisible")):
        tranche = post_form(client, "/finances/tranches", {
            "instrument_id": str(instrument.id), "year": year, "label": "Avance",
            "expected_on": "01/03/2026", "expected_amount": "1.000,00"}, follow_redirects=True)
        assert tranche.status_code == 200 and message in tranche.get_data(as_text=True)
        amount = post_form(client, f"/financeurs/instruments/{instrument.id}/montants",
                           {"year": year, "granted": "1.000,00"}, follow_redirects=True)
        assert amount.status_code in (200, 400), amount.status_code
        assert message in amount.get_data(as_text=True)
