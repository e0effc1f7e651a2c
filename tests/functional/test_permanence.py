"""The permanence: schedules with their slots and lines (table 4, in force and planned), the
calls missed per slot over observed weeks (table 3 bis: means per slot and per week as a hand
computation gives them), and the share of incoming calls not taken."""

from datetime import date, time

import pytest

from tests.functional.test_justification import signed_in
from tests.helpers import post_form
from tracker.activities.importer import import_activities
from tracker.activities.vocabulary import Vocabulary
from tracker.auth.roles import Role
from tracker.documents.tables import ShareValue
from tracker.errors import ValidationError
from tracker.permanence.services import add_schedule, add_slot, missed_means, record_week
from tracker.questionnaires.definition import DefinitionError, parse_definition
from tracker.questionnaires.lists import compute_list
from tracker.questionnaires.registry import get_definition

MONDAYS = [date(2025, 1, 6), date(2025, 1, 20), date(2025, 2, 3), date(2025, 3, 3),
           date(2025, 4, 14), date(2025, 5, 5), date(2025, 6, 2), date(2025, 9, 8),
           date(2025, 10, 13), date(2025, 11, 24)]
# the calls missed in each of three slots, week after week
COUNTS = {"Lundi matin": [4, 3, 5, 2, 4, 6, 3, 4, 3, 3],
          "Lundi après-midi": [1, 0, 2, 3, 1, 2, 2, 1, 0, 1],
          "Mardi matin": [3, 3, 2, 4, 3, 2, 3, 4, 3, 3]}


def definition_of(items_yaml: str):
    return parse_definition(f"""
id: essai
funder: COCOF
title: Essai
sections:
  - title: Permanence
    items:
{items_yaml}
""", "essai.yaml")


def list_of(items_yaml: str, year: int = 2025):
    item = definition_of(items_yaml).sections[0].items[0]
    return compute_list(item, date(year, 1, 1), date(year, 12, 31), Vocabulary.load())


@pytest.fixture
def observed(db):
    schedule = add_schedule(label="Organisation 2025", valid_from=date(2024, 1, 1),
                            planned=False)
    slots = {label: add_slot(schedule, weekday=weekday, start=time(start), end=time(end),
                             label=label, lines=lines)
             for label, weekday, start, end, lines in (
                 ("Lundi matin", 1, 9, 13, 2), ("Lundi après-midi", 1, 13, 17, 1),
                 ("Mardi matin", 2, 9, 13, 1))}
    for number, monday in enumerate(MONDAYS):
        record_week(monday, {slot.id: COUNTS[label][number] for label, slot in slots.items()})
    return schedule


def test_the_means_per_slot_and_per_week_are_the_hand_computation(observed):
    means = missed_means(date(2025, 1, 1), date(2025, 12, 31))
    assert len(means.weeks) == 10
    assert dict(means.per_slot) == {"Lundi matin": 3.7, "Lundi après-midi": 1.3,
                                    "Mardi matin": 3.0}
    assert means.mean_per_slot == pytest.approx((3.7 + 1.3 + 3.0) / 3)
    assert means.per_week == pytest.approx(8.0)


def test_table_3_bis_adds_the_week_and_the_share_of_calls_not_taken(observed):
    # 20 calls logged in the observed weeks (2 a week), and some outside them
    lines = ["date;type;type_appelant"]
    lines += [f"{monday:%d/%m/%Y};appel;proche" for monday in MONDAYS for _ in range(2)]
    lines += ["15/07/2025;appel;proche"] * 5
    import_activities("\n".join(lines).encode(), "appels.csv")
    table = list_of("      - {id: t3bis, label: Tableau 3 bis, table: missed_calls}")
    rows = {row[0]: row[1] for row in table.rows}
    assert rows["Lundi matin"] == 3.7 and rows["Mardi matin"] == 3.0
    assert rows["Sur une semaine (moyenne par plage)"] == pytest.approx(2.67, abs=0.01)
    assert rows["Appels manqués par semaine (10 semaines observées)"] == 8.0
    assert rows["Appels décrochés par semaine (encodés)"] == 2.0
    share = rows["Part des appels entrants non pris en charge"]
    assert isinstance(share, ShareValue) and share.value == pytest.approx(80.0)


def test_table_4_prints_the_lines_and_the_line_hours(observed):
    table = list_of("      - {id: t4, label: Tableau 4, table: permanence}")
    assert table.columns == ["Horaires", "Lu", "Ma", "Total heures"]
    assert table.rows[0] == ["9 h-13 h", "L1–L2", "L1", 12.0]
    assert table.rows[-1][-1] == 16.0


def test_a_week_must_be_a_monday_with_every_slot_counted(observed):
    slots = {slot.label: slot.id for slot in observed.slots}
    with pytest.raises(ValidationError, match="lundi"):
        record_week(date(2025, 1, 7), {slot_id: 1 for slot_id in slots.values()})
    with pytest.raises(ValidationError, match="Mardi matin"):
        record_week(date(2025, 12, 1), {slots["Lundi matin"]: 1,
                                        slots["Lundi après-midi"]: 0})


def test_overlapping_slots_are_refused(observed):
    with pytest.raises(ValidationError, match="Chevauche"):
        add_slot(observed, weekday=1, start=time(12), end=time(14), label="Midi", lines=1)


def test_a_version_other_than_current_or_planned_is_refused():
    with pytest.raises(DefinitionError, match="version"):
        list_of("      - {id: t4, label: Tableau 4, table: permanence, version: demain}")


def test_the_demo_schedules_have_75_and_90_line_hours(demo_app, demo_db):
    definition = get_definition("cocof-ambulatoire")
    items = {item.id: item for section in definition.sections for item in section.items}
    vocabulary = Vocabulary.load()
    current = compute_list(items["organisation_permanence"], date(2025, 1, 1),
                           date(2025, 12, 31), vocabulary)
    planned = compute_list(items["nouvelle_organisation"], date(2025, 1, 1),
                           date(2025, 12, 31), vocabulary)
    assert current.rows[-1][-1] == 75.0 and planned.rows[-1][-1] == 90.0
    missed = compute_list(items["appels_manques"], date(2025, 1, 1), date(2025, 12, 31),
                          vocabulary)
    rows = {row[0]: row[1] for row in missed.rows}
    assert rows["Lundi matin"] == 3.7 and rows["Mardi matin"] == 3.0
    assert rows["Mercredi matin"] == 3.4
    assert rows["Sur une semaine (moyenne par plage)"] == 2.33


def test_the_office_adds_a_slot_and_records_a_week_the_board_reads(app, db, observed):
    db.session.commit()
    board = signed_in(app, Role.BOARD)
    page = board.get("/permanence/").get_data(as_text=True)
    assert "16 heures-lignes par semaine" in page and "Lundi matin" in page
    assert post_form(board, f"/permanence/organisations/{observed.id}/plages", {
        "weekday": "3", "start_time": "9:00", "end_time": "13h", "label": "Mercredi matin",
        "lines": "1"}).status_code == 403
    secretary = signed_in(app, Role.SECRETARY)
    response = post_form(secretary, f"/permanence/organisations/{observed.id}/plages", {
        "weekday": "3", "start_time": "9:00", "end_time": "13h", "label": "Mercredi matin",
        "lines": "1"})
    assert response.status_code == 302
    db.session.expire_all()
    assert observed.line_hours == 20.0
    counts = {f"plage-{slot.id}": "1" for slot in observed.slots}
    response = post_form(secretary, "/permanence/semaines", {"week_start": "01/12/2025",
                                                            **counts})
    assert response.status_code == 302, response.get_data(as_text=True)
    assert len(missed_means(date(2025, 1, 1), date(2025, 12, 31)).weeks) == 11


def test_missed_calls_can_come_from_a_phone_system_export_in_the_log(db, observed):
    # the phone system's export of week 2025-12-01: four missed on Monday morning (one at
    # 13:00 sharp belongs to the afternoon), one on Tuesday morning, one at night (no slot)
    export = ("date;heure;type\n01/12/2025;09:15;appel_manque\n01/12/2025;10h40;appel_manque\n"
              "01/12/2025;12:59;appel_manque\n01/12/2025;13:00;appel_manque\n"
              "02/12/2025;11h;appel_manque\n03/12/2025;23:10;appel_manque\n")
    import_activities(export.encode(), "central.csv")
    record_week(date(2025, 12, 1), {}, from_log=True)
    means = dict(missed_means(date(2025, 12, 1), date(2025, 12, 31)).per_slot)
    assert means == {"Lundi matin": 3.0, "Lundi après-midi": 1.0, "Mardi matin": 1.0}
    year = dict(missed_means(date(2025, 1, 1), date(2025, 12, 31)).per_slot)
    assert year["Lundi matin"] == pytest.approx((37 + 3) / 11)


def _report_rows(item_yaml: str) -> dict:
    import json

    from tracker.questionnaires.outputs import render
    from tracker.questionnaires.report import build_report

    data = json.loads(render(build_report(definition_of(item_yaml), 2025), "json"))
    item = data["sections"][0]["items"][0]
    return {row["permanence"]: row["value"] for row in item["rows"]}, item["total"]


def test_calls_grouped_by_the_slot_in_force_that_holds_their_time(db, observed):
    import_activities((b"date;heure;type\n01/12/2025;09:15;appel\n01/12/2025;12:59;appel\n"
                       b"01/12/2025;13:00;appel\n02/12/2025;9h;appel\n03/12/2025;10:00;appel\n"
                       b"04/12/2025;;appel\n"), "appels.csv")
    rows, total = _report_rows("      - {id: plages, label: Appels par plage, metric: count, "
                               "where: {type: appel}, by: permanence}")
    assert rows == {"Lundi matin": 2, "Lundi après-midi": 1, "Mardi matin": 1, None: 2}
    assert total == 6


def test_missed_calls_per_slot_occurrence_over_the_observed_weeks(db, observed):
    # two observed weeks carry logged missed calls; one more falls outside any observed week
    import_activities((b"date;heure;type\n06/01/2025;09:15;appel_manque\n"
                       b"06/01/2025;10:15;appel_manque\n20/01/2025;11:00;appel_manque\n"
                       b"21/01/2025;09:30;appel_manque\n13/01/2025;09:30;appel_manque\n"
                       ), "central.csv")
    rows, total = _report_rows("      - {id: t3bis, label: Manqués, metric: count, "
                               "where: {type: appel_manque}, by: permanence, "
                               "per: slot_occurrence}")
    # ten weeks observed in 2025: Monday morning 3 calls / 10, Tuesday morning 1 / 10
    assert rows == {"Lundi matin": 0.3, "Lundi après-midi": 0, "Mardi matin": 0.1}
    assert total == 0.4
    with pytest.raises(DefinitionError, match="slot_occurrence"):
        list_of("      - {id: t, label: T, metric: count, by: region, per: slot_occurrence}")
