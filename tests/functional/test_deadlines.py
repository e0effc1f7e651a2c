"""Deadlines generated from rules: listed by the CLI, stored once, then frozen."""

import json
from datetime import date

from sqlalchemy import func

from tests.factories import funder
from tracker.cli import cli
from tracker.deadlines.models import Deadline
from tracker.deadlines.services import generate_deadlines, regenerate_rule, save_rule
from tracker.funders.services import save_instrument


def run(app, *args):
    return app.test_cli_runner().invoke(cli, list(args), catch_exceptions=False)


def count(db) -> int:
    return db.session.scalar(db.select(func.count(Deadline.id)))


def test_after_the_demo_the_pac_of_15_june_2027_is_listed(demo_app, demo_db):
    result = run(demo_app, "deadlines", "--today", "2026-11-22", "--within", "365", "--format",
                 "json")
    listed = json.loads(result.output)
    pac = [item for item in listed if item["kind"] == "pac"]
    assert [item["due"] for item in pac] == ["2027-06-15"]
    assert pac[0]["funder"] == "AVIQ" and pac[0]["status"] == "a_faire"
    assert pac[0]["instrument"] == "Agrément promotion de la santé 2023-2028"
    assert all({"title", "kind", "due", "status", "funder"} <= set(item) for item in listed)


def agrement(db):
    return save_instrument(None, funder_id=funder("AVIQ").id, kind="agrement",
                           title="Agrément test", start_date=date(2023, 1, 1),
                           end_date=date(2028, 12, 31), status="en_cours")


def test_generation_is_idempotent_and_reaches_18_months_ahead(db):
    save_rule(title="PAC", kind="pac", rule_type="yearly", month=6, day=15)
    generate_deadlines(date(2026, 11, 22))
    generate_deadlines(date(2026, 11, 22))
    dues = sorted(db.session.scalars(db.select(Deadline.due_date)))
    assert dues == [date(2027, 6, 15)]  # up to 22/05/2028, nothing before the rule existed
    generate_deadlines(date(2027, 1, 10))
    assert sorted(db.session.scalars(db.select(Deadline.due_date))) == [date(2027, 6, 15),
                                                                        date(2028, 6, 15)]


def test_editing_a_rule_leaves_generated_deadlines_frozen(db):
    rule = save_rule(title="Rapport", kind="rapport_activite", rule_type="yearly", month=4,
                     day=30)
    generate_deadlines(date(2026, 11, 22))
    save_rule(rule, day=15)
    generate_deadlines(date(2026, 11, 23))
    assert sorted(db.session.scalars(db.select(Deadline.due_date))) == [date(2027, 4, 30),
                                                                        date(2028, 4, 30)]


def test_regenerating_replaces_open_future_occurrences_but_keeps_overdue_ones(db):
    instrument = agrement(db)
    rule = save_rule(title="Justificatifs", kind="justificatifs", rule_type="period_end",
                     period="quarter", instrument_id=instrument.id)
    generate_deadlines(date(2026, 1, 5))
    first = db.session.scalar(db.select(Deadline).order_by(Deadline.due_date))
    assert first.due_date == date(2026, 3, 31)
    save_rule(rule, period="year")
    regenerate_rule(rule, today=date(2026, 5, 1))
    dues = sorted(db.session.scalars(db.select(Deadline.due_date)))
    assert dues[0] == date(2026, 3, 31)  # overdue: keeps its date
    assert date(2026, 6, 30) not in dues and date(2026, 12, 31) in dues


def test_relative_rule_twelve_months_before_the_end(db):
    instrument = agrement(db)
    save_rule(title="Renouvellement", kind="renouvellement", rule_type="relative",
              anchor="end", offset_months=-12, instrument_id=instrument.id)
    generate_deadlines(date(2026, 11, 22))
    assert db.session.scalar(db.select(Deadline.due_date)) == date(2027, 12, 31)


def test_an_invalid_rule_is_explained(db):
    try:
        save_rule(title="X", kind="pac", rule_type="yearly", month=13, day=1)
    except Exception as error:  # noqa: BLE001
        assert "mois (1-12)" in str(error)
    else:
        raise AssertionError("month 13 accepted")


def test_the_office_creates_a_rule_and_a_one_off_deadline_in_the_ui(client, db, login_as):
    from tests.helpers import post_form
    from tracker.auth.roles import Role

    login_as(Role.DIRECTOR)
    response = post_form(client, "/echeances/regles/nouvelle", {
        "title": "Rapport annuel SPW", "kind": "rapport_activite", "rule_type": "yearly",
        "month": "3", "day": "31", "instrument_id": "", "convention_id": "", "anchor": "",
        "offset_months": "0", "offset_days": "0", "period": "", "owner_role": "secretary",
        "reminders": "30,7,1,-1"})
    assert response.status_code == 302
    due = db.session.scalar(db.select(Deadline.due_date).where(
        Deadline.title == "Rapport annuel SPW").order_by(Deadline.due_date))
    assert due.month == 3 and due.day == 31
    refused = post_form(client, "/echeances/regles/nouvelle", {
        "title": "Incomplète", "kind": "pac", "rule_type": "yearly", "month": "", "day": "",
        "instrument_id": "", "convention_id": "", "anchor": "", "offset_months": "0",
        "offset_days": "0", "period": "", "owner_role": "", "reminders": "30"})
    assert "Indiquez un jour (1-31) et un mois (1-12)." in refused.get_data(as_text=True)
    post_form(client, "/echeances/nouvelle", {
        "title": "Assemblée générale extraordinaire", "kind": "assemblee_generale",
        "due_date": "2027-02-15", "instrument_id": "", "convention_id": "",
        "owner_role": "director", "reminders": "14,1"})
    one_off = db.session.scalar(db.select(Deadline).where(
        Deadline.title == "Assemblée générale extraordinaire"))
    assert one_off.due_date == date(2027, 2, 15) and one_off.reminders == "14,1"
    assert "Rapport annuel SPW" in client.get("/echeances/regles").get_data(as_text=True)


def test_deadline_kinds_are_the_directors_to_name(app, client, db, login_as):
    from tests.helpers import post_form
    from tracker.auth.roles import Role
    from tracker.deadlines.models import kind_labels
    from tracker.deadlines.services import create_deadline

    assert kind_labels()["pac"] == "PAC"  # no source names the PAC: its acronym until told
    create_deadline(title="PAC 2027", kind="pac", due_date=date(2027, 6, 15))
    db.session.commit()
    login_as(Role.DIRECTOR)
    response = post_form(client, "/echeances/types/pac",
                         {"label": "Programme d'actions coordonnées"})
    assert response.status_code == 302
    assert "Programme d&#39;actions coordonnées" in client.get(
        "/echeances/?du=01/01/2027&au=31/12/2027").get_data(as_text=True)
    post_form(client, "/echeances/types", {"code": "rapport_financier",
                                           "label": "Rapport financier"})
    assert kind_labels()["rapport_financier"] == "Rapport financier"
    refused = post_form(client, "/echeances/types", {"code": "Rapport Financier!",
                                                     "label": "X"}, follow_redirects=True)
    assert "Le code s&#39;écrit en minuscules" in refused.get_data(as_text=True)
    from tests.factories import PASSWORD, make_user

    secretary, other = make_user(Role.SECRETARY), app.test_client()
    post_form(other, "/login", {"email": secretary.email, "password": PASSWORD})
    assert post_form(other, "/echeances/types/pac", {"label": "X"}).status_code == 403
