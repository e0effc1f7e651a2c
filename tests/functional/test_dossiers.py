"""Dossiers: a refused file writes nothing, an import can be undone, episodes open and close
as the log says, and only the office and the staff who consulted a person open their
dossier (never the board)."""

from datetime import date

import pytest
from sqlalchemy import func, select

from tests.factories import make_user
from tests.helpers import post_form, signed_in_client
from tracker.activities.models import Activity
from tracker.activities.services import hash_dossier
from tracker.activities.vocabulary import Vocabulary
from tracker.audit.models import AuditEntry
from tracker.auth.roles import Role
from tracker.cli import cli
from tracker.dossiers.episodes import episodes_of, openings
from tracker.dossiers.importer import import_dossiers, undo_import
from tracker.dossiers.models import Dossier, DossierImport, DossierValue, EpisodeEnd
from tracker.dossiers.purge import purge_inactive
from tracker.dossiers.services import close_episode, dossier_by_hash
from tracker.staffing.models import Person
from tracker.tabular import TableRefused

GOOD = "dossier;date;statut;genre;produits\nA;01/01/2024;usager;feminin;cannabis|alcool\n"


def _count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _counts(db) -> tuple:
    return tuple(_count(db, model) for model in (Dossier, DossierValue, DossierImport))


def test_a_refused_dossier_file_writes_nothing_and_names_each_line_and_column(db, app):
    before = _counts(db)
    bad = ("dossier;date;statut;genre;tranche_age\n"
           "A;01/01/2024;usager;feminin;30-44\n"
           "B;01/01/2024;usager;martien;30-44\n"
           ";01/01/2024;usager;;\n"
           "C;01/01/2099;entourage;;\n")
    with pytest.raises(TableRefused) as refused:
        import_dossiers(bad.encode(), "dossiers.csv")
    found = {(error.line, error.column) for error in refused.value.errors}
    assert {(3, "genre"), (4, "dossier"), (5, "date")} <= found
    assert "Valeur « martien » inconnue pour Genre" in " ".join(
        error.message for error in refused.value.errors)
    twice = GOOD + "A;01/01/2024;entourage;;\n"  # two statuses for A on one day
    with pytest.raises(TableRefused) as refused:
        import_dossiers(twice.encode(), "dossiers.csv")
    assert [(error.line, error.column) for error in refused.value.errors] == [(3, "statut")]
    assert "à la ligne 2" in refused.value.errors[0].message
    assert _counts(db) == before
    result = app.test_cli_runner().invoke(cli, ["import", "dossiers", "/dev/null"])
    assert result.exit_code == 1
    header_only = "dossier;date;couleur\nA;01/01/2024;bleu\n"
    with pytest.raises(TableRefused) as refused:
        import_dossiers(header_only.encode(), "dossiers.csv")
    assert "Colonne inconnue" in refused.value.errors[0].message
    assert _counts(db) == before


def test_an_import_records_dated_values_and_can_be_undone_whole(db):
    report = import_dossiers(GOOD.encode(), "dossiers.csv")
    assert (report.rows, report.dossiers, report.dossiers_created, report.values) == (1, 1, 1, 4)
    dossier = dossier_by_hash(hash_dossier("a"))  # codes are read case-insensitively
    held = {(value.dimension_code, value.value.code, value.valid_from) for value in dossier.values}
    assert ("produits", "alcool", date(2024, 1, 1)) in held
    with pytest.raises(Exception, match="déjà été importé"):
        import_dossiers(GOOD.encode(), "dossiers.csv")
    assert undo_import(db.session.get(DossierImport, report.batch_id)) == 4
    assert dossier_by_hash(hash_dossier("A")) is None


def _consultation(db, code: str, day: date, person_id=None, presence="venu") -> Activity:
    vocabulary = Vocabulary.load()
    activity = Activity(date=day, type_id=vocabulary.find("type", "consultation").id,
                        dossier_hash=hash_dossier(code), person_id=person_id,
                        presence=presence)
    db.session.add(activity)
    db.session.flush()
    return activity


def test_episodes_open_at_a_first_contact_and_again_after_a_closure_or_a_year_without(db):
    for day in (date(2022, 3, 1), date(2022, 5, 1), date(2023, 9, 1)):  # 16 months apart
        _consultation(db, "E", day)
    _consultation(db, "E", date(2023, 10, 1), presence="absent")  # a no-show opens nothing
    _consultation(db, "E", date(2023, 11, 1))
    close_episode(hash_dossier("E"), date(2023, 12, 1), "fin_de_suivi", date(2024, 6, 1))
    _consultation(db, "E", date(2024, 2, 1))
    dossier = dossier_by_hash(hash_dossier("E"))
    episodes = episodes_of(hash_dossier("E"), dossier, date(2024, 6, 1))
    assert [(e.opened, e.closed, e.reason) for e in episodes] == [
        (date(2022, 3, 1), date(2022, 5, 1), "Sans contact"),
        (date(2023, 9, 1), date(2023, 12, 1), "Fin de suivi"),
        (date(2024, 2, 1), None, "")]
    opened = openings(date(2024, 12, 31))
    days = sorted(db.session.scalars(select(opened.c.day).where(
        opened.c.hash == hash_dossier("E"))))
    assert days == [episode.opened for episode in episodes]
    with pytest.raises(Exception, match="Aucune prise en charge en cours"):
        close_episode(hash_dossier("E"), date(2024, 1, 15), "abandon", date(2024, 6, 1))
    _consultation(db, "E", date(2024, 3, 1))
    with pytest.raises(Exception, match="dernière rencontre de cette prise en charge date du "
                                        "01/03/2024"):
        close_episode(hash_dossier("E"), date(2024, 2, 15), "abandon", date(2024, 6, 1))
    assert _count(db, EpisodeEnd) == 1


@pytest.fixture
def consulted(db, client, login_as):
    """A dossier the signed-in member of staff consulted, and one they never did."""
    user = login_as(Role.STAFF)
    person = Person(full_name="Intervenante Test", user_id=user.id)
    db.session.add(person)
    db.session.flush()
    _consultation(db, "MIEN", date(2024, 3, 1), person_id=person.id)
    _consultation(db, "AUTRE", date(2024, 3, 2))
    db.session.commit()
    return hash_dossier("MIEN"), hash_dossier("AUTRE")


def test_staff_open_only_the_dossiers_they_consulted(client, consulted):
    mine, other = consulted
    assert client.get(f"/dossiers/{mine}").status_code == 200
    assert client.get(f"/dossiers/{other}").status_code == 404
    refused = post_form(client, "/dossiers/", {"code": "autre"})
    assert refused.status_code == 200
    assert "Aucun dossier que vous avez suivi" in refused.get_data(as_text=True)
    opened = post_form(client, "/dossiers/", {"code": "mien"})
    assert opened.headers["Location"].endswith(f"/dossiers/{mine}")
    genre = Vocabulary.load().find("genre", "feminin")
    saved = post_form(client, f"/dossiers/{mine}/valeurs", {
        "valid_from": "01/03/2024", "dimension-genre": str(genre.id)})
    assert saved.status_code == 302
    page = client.get(f"/dossiers/{mine}").get_data(as_text=True)
    assert "01/03/2024 : Féminin" in page and "Intervenante Test" in page
    refused = post_form(client, f"/dossiers/{mine}/evenements", {
        "day": "05/03/2024", "kind": "orientation_externe"}, follow_redirects=True)
    assert "Choisissez vers quel service" in refused.get_data(as_text=True)
    cure = Vocabulary.load().find("destination", "centre_cure")
    post_form(client, f"/dossiers/{mine}/evenements", {
        "day": "05/03/2024", "kind": "orientation_externe", "destination_id": str(cure.id)})
    page = client.get(f"/dossiers/{mine}").get_data(as_text=True)
    assert "Orientation externe" in page and "Centre de cure ou de sevrage" in page


def test_the_board_opens_no_dossier_and_the_office_opens_every_one(app, db, consulted):
    mine, _other = consulted
    for role, expected in ((Role.BOARD, 403), (Role.SECRETARY, 200), (Role.DIRECTOR, 200)):
        user = make_user(role)
        db.session.commit()
        client = signed_in_client(app, user.email)
        assert client.get(f"/dossiers/{mine}").status_code == expected, role
        assert client.get("/dossiers/").status_code == (403 if role == Role.BOARD else 200)


def test_purging_forgets_inactive_persons_and_keeps_the_anonymous_counts(db, app):
    import_dossiers((b"dossier;date;genre\nANCIEN;01/03/2015;feminin\n"
                     b"RECENT;01/03/2024;masculin\n"), "dossiers.csv")
    old = _consultation(db, "ANCIEN", date(2015, 3, 1))
    _consultation(db, "RECENT", date(2024, 3, 1))
    _consultation(db, "SANS-FICHE", date(2016, 1, 4))  # a dossier only the log knows
    activities = _count(db, Activity)
    dry = purge_inactive(5, date(2025, 6, 1), dry_run=True)
    assert (dry.dossiers, dry.activities) == (2, 2)
    assert dossier_by_hash(hash_dossier("ANCIEN")) is not None
    report = purge_inactive(5, date(2025, 6, 1))
    assert (report.dossiers, report.activities) == (2, 2)
    assert dossier_by_hash(hash_dossier("ANCIEN")) is None
    assert dossier_by_hash(hash_dossier("RECENT")) is not None
    assert _count(db, Activity) == activities and old.dossier_hash is None
    assert db.session.scalar(select(func.count()).select_from(Activity).where(
        Activity.dossier_hash == hash_dossier("SANS-FICHE"))) == 0
    journal = db.session.scalar(select(func.count()).select_from(AuditEntry).where(
        AuditEntry.action == "delete", AuditEntry.entity_type == "Dossier"))
    assert journal == 1
    result = app.test_cli_runner().invoke(cli, ["dossiers", "purge", "--inactive-years", "0"])
    assert result.exit_code == 1 and "au moins 1" in result.output


def test_a_consultation_typed_with_its_code_shows_and_updates_the_dossier(client, consulted):
    mine, _other = consulted
    form = client.get("/activites/nouvelle?type=consultation").get_data(as_text=True)
    assert form.index('name="duree_min"') < form.index('name="dossier"') < form.index(
        'name="start_time"')  # the code right after the duration
    assert 'name="presence"' in form
    shown = post_form(client, "/dossiers/attributs", {"code": "mien"}).get_json()
    assert shown["status"] == "known" and shown["values"] == {}
    assert post_form(client, "/dossiers/attributs", {"code": "autre"}).get_json()[
        "status"] == "not_shown"
    assert post_form(client, "/dossiers/attributs", {"code": "personne"}).get_json()[
        "status"] == "new"
    missed = post_form(client, "/activites/nouvelle?type=consultation", {
        "type": "consultation", "date": "10/03/2024", "duree_min": "", "dossier": "mien",
        "presence": "absent", "genre": "masculin"})
    assert missed.status_code == 302
    assert dossier_by_hash(mine) is None  # a missed appointment says nothing of the person
    held = post_form(client, "/activites/nouvelle?type=consultation", {
        "type": "consultation", "date": "12/03/2024", "duree_min": "50", "dossier": "mien",
        "presence": "venu", "genre": "feminin", "tranche_age": "30-44", "lieu": "intra_muros"})
    assert held.status_code == 302
    recorded = {(value.dimension_code, value.value.code, value.valid_from)
                for value in dossier_by_hash(mine).values}
    assert recorded == {("genre", "feminin", date(2024, 3, 12)),
                        ("tranche_age", "30-44", date(2024, 3, 12))}
    shown = post_form(client, "/dossiers/attributs", {"code": "mien"}).get_json()
    assert shown["values"] == {"genre": ["feminin"], "tranche_age": ["30-44"]}
    presences = [activity.presence for activity in Activity.query.filter_by(
        dossier_hash=mine).order_by(Activity.date)]
    assert presences == ["venu", "absent", "venu"]


def test_a_value_a_dossier_holds_is_retired_not_deleted(db):
    """Deleting a vocabulary value a dossier holds was a 500 (the foreign key refused it)."""
    from tracker.activities.vocabulary import add_value, delete_value
    from tracker.errors import ValidationError

    grant = add_value("revenus", "bourse", "Bourse d'études")
    import_dossiers(b"dossier;date;revenus\nB1;01/01/2024;bourse\n", "bourses.csv")
    with pytest.raises(ValidationError, match="utilisée par des dossiers"):
        delete_value(grant)
    assert Vocabulary.load().find("revenus", "bourse") is not None
    assert dossier_by_hash(hash_dossier("B1")).values[0].value.code == "bourse"
