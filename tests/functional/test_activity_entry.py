"""Entry that cannot corrupt the log: the performer comes from the account, an empty form
saves nothing, durations are read as people type them, messages are French."""

from datetime import date

import pytest
from sqlalchemy import func

from tests.factories import PASSWORD, make_person, make_user
from tests.helpers import post_form
from tracker.activities.duration import parse_duration
from tracker.activities.models import Activity
from tracker.activities.services import ActivityInput, save_activity
from tracker.auth.roles import Role
from tracker.errors import ValidationError


def activity_count(db) -> int:
    return db.session.scalar(db.select(func.count()).select_from(Activity))


def link(app, db, person, user):
    """A director links the account to the person through the person form (own browser)."""
    director, browser = make_user(Role.DIRECTOR), app.test_client()
    post_form(browser, "/login", {"email": director.email, "password": PASSWORD})
    response = post_form(browser, f"/personnel/{person.id}/modifier",
                         {"full_name": person.full_name, "user_id": str(user.id)})
    db.session.expire_all()
    return response


def test_a_linked_account_logs_activities_with_its_person_as_performer(app, client, db):
    person = make_person("Nadia Performer")
    staff = make_user(Role.STAFF)
    assert link(app, db, person, staff).status_code == 302
    assert person.user_id == staff.id

    post_form(client, "/login", {"email": staff.email, "password": PASSWORD})
    html = client.get("/activites/nouvelle?type=appel").get_data(as_text=True)
    assert f'<option selected value="{person.id}">Nadia Performer</option>' in html
    assert "n'est lié à aucun membre du personnel" not in html
    # the browser posts the pre-filled select with the rest of the form
    post_form(client, "/activites/nouvelle?type=appel", {
        "date": "12/03/2024", "duree_min": "12", "person_id": str(person.id),
        "genre": "feminin", "then": "new"})
    activity = db.session.scalar(db.select(Activity))
    assert activity.person_id == person.id and activity.date == date(2024, 3, 12)


def test_an_unlinked_account_is_told_to_pick_the_performer(client, db, login_as):
    login_as(Role.STAFF)
    html = client.get("/activites/nouvelle?type=appel").get_data(as_text=True)
    assert "Votre compte n'est lié à aucun membre du personnel" in html


def test_only_the_director_links_accounts(client, db, login_as):
    person = make_person("Nadia Performer")
    staff = make_user(Role.STAFF)
    login_as(Role.SECRETARY)
    assert 'name="user_id"' not in client.get(
        f"/personnel/{person.id}/modifier").get_data(as_text=True)
    post_form(client, f"/personnel/{person.id}/modifier",
              {"full_name": person.full_name, "user_id": str(staff.id)})
    db.session.expire_all()
    assert person.user_id is None


def test_an_account_belongs_to_one_person(app, db):
    first, second = make_person("Première Personne"), make_person("Seconde Personne")
    staff = make_user(Role.STAFF)
    link(app, db, first, staff)
    response = link(app, db, second, staff)
    assert "Ce compte est déjà lié à Première Personne" in response.get_data(as_text=True)


def test_enter_on_the_empty_form_saves_nothing(client, db, login_as):
    login_as(Role.STAFF)
    response = post_form(client, "/activites/nouvelle?type=appel",
                         {"date": date.today().strftime("%d/%m/%Y"), "duree_min": "",
                          "person_id": "", "partner_id": "", "then": "new"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Rien n&#39;a été enregistré : indiquez au moins la durée" in html
    assert activity_count(db) == 0


@pytest.mark.parametrize("typed, minutes", [
    ("45", 45), ("1h30", 90), ("1:30", 90), ("2 h", 120), ("1 h 05", 65), ("90 min", 90),
])
def test_durations_are_read_as_people_type_them(typed, minutes):
    assert parse_duration(typed) == minutes


@pytest.mark.parametrize("typed", ["7,5", "1.5", "1h75", "une heure"])
def test_a_duration_with_a_decimal_is_refused_in_french(client, db, login_as, typed):
    login_as(Role.STAFF)
    response = post_form(client, "/activites/nouvelle?type=appel", {
        "date": "01/03/2024", "duree_min": typed, "genre": "feminin", "then": "new"})
    html = response.get_data(as_text=True)
    assert "Durée non comprise : tapez des minutes entières" in html
    assert f'value="{typed}"' in html  # what was typed is kept
    assert "Not a valid" not in html
    assert activity_count(db) == 0


def test_a_duration_in_hours_and_minutes_is_saved_in_minutes(client, db, login_as):
    make_person("Samia Test", user=login_as(Role.STAFF))
    post_form(client, "/activites/nouvelle?type=appel",
              {"date": "01/03/2024", "duree_min": "1h30", "then": "new"})
    assert db.session.scalar(db.select(Activity.duree_min)) == 90


def test_wtforms_own_messages_are_french(client, db, login_as):
    login_as(Role.DIRECTOR)
    response = post_form(client, "/echeances/regles/nouvelle", {
        "title": "Rapport", "rule_type": "annuelle", "month": "13", "day": "x"})
    html = response.get_data(as_text=True)
    assert "Number must be" not in html and "Not a valid" not in html
    assert "Tapez un nombre entier" in html or "doit être comprise entre" in html


def test_the_director_finds_activities_without_a_performer(client, db, login_as):
    person = make_person("Nadia Performer")
    save_activity(None, ActivityInput(date=date(2024, 3, 1), type_code="appel", duree_min=7,
                                      person_id=person.id))
    save_activity(None, ActivityInput(date=date(2024, 3, 2), type_code="appel", duree_min=8))
    db.session.commit()
    login_as(Role.DIRECTOR)
    html = client.get("/activites/?intervenant=aucun").get_data(as_text=True)
    assert "02/03/2024" in html and "01/03/2024" not in html
    assert '<option value="aucun" selected>' in html
    assert "1 activité pour ces critères." in html


def test_a_training_is_given_or_received_and_only_institutional_types_carry_a_purpose(
        client, db, login_as):
    login_as(Role.SECRETARY)
    html = client.get("/activites/nouvelle?type=formation").get_data(as_text=True)
    assert '<input checked id="direction-0" name="direction" type="radio" value="donne">' in html
    assert 'name="purpose"' in html
    assert 'name="direction"' not in client.get("/activites/nouvelle?type=appel").get_data(
        as_text=True)
    response = post_form(client, "/activites/nouvelle?type=formation", {
        "type": "formation", "date": "04/04/2024", "duree_min": "7h", "direction": "recu",
        "purpose": "Formation EMDR", "place": "Liège"})
    assert response.status_code == 302
    training = db.session.scalar(db.select(Activity).order_by(Activity.id.desc()))
    assert training.received and training.purpose == "Formation EMDR"
    assert training.place == "Liège"

    with pytest.raises(ValidationError, match="jamais pour un appel"):
        save_activity(None, ActivityInput(date=date(2024, 4, 4), type_code="appel",
                                          duree_min=5, purpose="Monsieur X"))
    with pytest.raises(ValidationError, match="Seules les formations"):
        save_activity(None, ActivityInput(date=date(2024, 4, 4), type_code="appel",
                                          duree_min=5, received=True))
    supervision = save_activity(None, ActivityInput(date=date(2024, 4, 4),
                                                    type_code="supervision", duree_min=60))
    assert supervision.received  # left unsaid: a supervision is the team's own


def test_the_import_reads_the_direction_and_refuses_it_where_it_has_no_meaning(db):
    from tracker.activities.importer import import_activities
    from tracker.tabular import TableRefused

    with pytest.raises(TableRefused) as refused:
        import_activities("date;type;duree_min;sens;objet\n01/02/2024;appel;5;reçue;\n"
                          "02/02/2024;formation;60;peut-être;\n"
                          "03/02/2024;consultation;50;;Madame Y\n".encode(), "a.csv")
    messages = {(error.line, error.column): error.message for error in refused.value.errors}
    assert "Seules les formations" in messages[(2, "sens")]
    assert "« donnée » ou « reçue »" in messages[(3, "sens")]
    assert "jamais pour un appel" in messages[(4, "objet")]
    assert activity_count(db) == 0
    import_activities("date;type;duree_min;sens;objet\n"
                      "01/02/2024;formation;60;Reçue;Colloque\n".encode(), "b.csv")
    training = db.session.scalar(db.select(Activity))
    assert training.received and training.purpose == "Colloque"


def test_an_unlinked_staff_account_must_name_the_performer(client, db, login_as):
    from tracker.activities.services import UNLINKED_MUST_CHOOSE

    login_as(Role.STAFF)
    refused = post_form(client, "/activites/nouvelle?type=appel",
                        {"date": "05/03/2025", "duree_min": "12", "person_id": ""})
    assert refused.status_code == 200
    assert UNLINKED_MUST_CHOOSE.replace("'", "&#39;") in refused.get_data(as_text=True)
