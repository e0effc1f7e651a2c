"""Each hole an outside probe found, reproduced as it was found and shown closed."""

import pytest

from tests.factories import PASSWORD, make_user
from tests.helpers import post_form
from tracker.auth.roles import Role


@pytest.mark.parametrize("target", ["/%09/evil.example", "/%0a/evil.example",
                                    "/%0d/evil.example", "//evil.example/x",
                                    "/\\evil.example", "https://evil.example/",
                                    "/%09%09/evil.example", "%2F%2Fevil.example"])
def test_1_sign_in_never_redirects_to_another_site(app, db, target):
    user, client = make_user(Role.DIRECTOR), app.test_client()
    response = post_form(client, f"/login?next={target}", {"email": user.email,
                                                           "password": PASSWORD})
    assert response.status_code == 302 and response.headers["Location"] == "/"


def test_1_a_local_next_page_is_still_honoured(app, db):
    user, client = make_user(Role.DIRECTOR), app.test_client()
    response = post_form(client, "/login?next=/echeances/%3Fstatut%3Da_faire",
                         {"email": user.email, "password": PASSWORD})
    assert response.headers["Location"] == "/echeances/?statut=a_faire"


def test_8_https_responses_carry_strict_transport_security(client):
    assert "Strict-Transport-Security" not in client.get("/login").headers
    secure = client.get("/login", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000"


HUGE = "9" * 30
HOSTILE_VALUES = [HUGE, "-" + HUGE, "%0a", "/%09/evil.example", "%0d%0a", "user:" + HUGE,
                  HUGE + "-01", "1e400"]
QUERY_NAMES = ["page", "intervenant", "utilisateur", "instrument", "annee", "financeur",
               "valeur", "mois", "du", "au", "date", "next", "type", "statut", "responsable",
               "entite", "format", "jeton"]


@pytest.mark.parametrize("role", [Role.DIRECTOR, Role.BOARD])
def test_7_no_get_route_answers_500_to_hostile_ids_or_query_values(app, db, role):
    """Every GET route, its ids made huge, then every known query parameter set to each
    hostile value: a page, a redirect or a 404, never a 500."""
    import re

    user, client = make_user(role), app.test_client()
    post_form(client, "/login", {"email": user.email, "password": PASSWORD})
    checked = 0
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint in ("static", "auth.logout"):
            continue
        path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", HUGE, rule.rule)
        assert client.get(path).status_code < 500, path
        path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", "1", rule.rule)
        for value in HOSTILE_VALUES:
            query = "&".join(f"{name}={value}" for name in QUERY_NAMES)
            response = client.get(f"{path}?{query}")
            assert response.status_code < 500, f"{path}?…={value}: {response.status_code}"
            checked += 1
    assert checked > 300


def test_7_a_huge_id_in_a_route_is_a_404(app, db, login_as):
    client = app.test_client()
    user = make_user(Role.SECRETARY)
    post_form(client, "/login", {"email": user.email, "password": PASSWORD})
    assert client.get(f"/activites/vocabulaires/valeur/{HUGE}").status_code == 404
    assert client.get(f"/activites/?page={HUGE}").status_code == 200


def test_5_an_unknown_e_mail_takes_as_long_to_refuse_as_a_wrong_password(app, db):
    import time

    from tracker.auth.services import SignInRefused, authenticate

    user = make_user(Role.STAFF)

    def duration(email: str) -> float:
        timings = []
        for attempt in range(5):
            start = time.perf_counter()
            with pytest.raises(SignInRefused):
                authenticate(email, f"pas-le-bon-{attempt}", f"10.0.0.{attempt}")
            timings.append(time.perf_counter() - start)
            db.session.rollback()
        return sorted(timings)[2]

    known, unknown = duration(user.email), duration("personne@inconnu.example")
    assert unknown > known / 2, (known, unknown)  # 198 ms against 8,5 ms before


@pytest.mark.parametrize("password, problem", [
    ("aaaaaaaaaa", "trop facile à deviner"), ("1234567890", "trop facile à deviner"),
    ("password12", "trop facile à deviner"), ("          ", "pas seulement des espaces"),
    ("nouvelle@test.example", "ne peut pas être l'adresse e-mail"),
    ("NouvellePersonne", "trop facile à deviner"), ("Nouvelle2025", "trop facile à deviner"),
])
def test_6_guessable_passwords_are_refused_in_french(db, password, problem):
    from tracker.auth.services import create_user
    from tracker.errors import ValidationError

    with pytest.raises(ValidationError, match=problem):
        create_user("nouvelle@test.example", "Nouvelle Personne", Role.STAFF, password)


def test_6_a_hard_to_guess_password_is_accepted(db):
    from tracker.auth.services import create_user

    assert create_user("nouvelle@test.example", "Nouvelle Personne", Role.STAFF,
                       "girafe-tempête-carton-lundi").id


BOMB = """id: bombe
funder: COCOF
title: &a ["x","x","x","x","x","x","x","x","x","x"]
subtitle: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]
sections: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]
"""


def test_3_a_yaml_alias_bomb_is_refused_and_nothing_is_stored(db):
    from tracker.errors import ValidationError
    from tracker.questionnaires.models import UploadedDefinition
    from tracker.questionnaires.registry import upload_definition

    with pytest.raises(ValidationError, match="ancres et alias YAML"):
        upload_definition(BOMB.encode(), "bombe.yaml")
    deep = "id: profond\nfunder: COCOF\ntitle: " + "[" * 50 + "]" * 50 + "\nsections: []\n"
    with pytest.raises(ValidationError, match="imbrication trop profonde"):
        upload_definition(deep.encode(), "profond.yaml")
    structured = "id: t\nfunder: COCOF\ntitle: {a: 1}\nsections: [{title: S, items: []}]\n"
    with pytest.raises(ValidationError, match="« title » doit être un texte"):
        upload_definition(structured.encode(), "t.yaml")
    assert db.session.scalar(db.select(UploadedDefinition)) is None


def test_3_stored_definitions_are_read_once_per_process(db, monkeypatch):
    import yaml

    from tracker.questionnaires.registry import all_definitions, upload_definition

    upload_definition(b"id: une\nfunder: COCOF\ntitle: Une\nsections:\n  - title: S\n"
                      b"    items: [{id: t, label: T, text: true}]\n", "une.yaml")
    all_definitions()
    calls = []
    monkeypatch.setattr(yaml, "safe_load", lambda *args, **kwargs: calls.append(args))
    assert [d.id for d in all_definitions()][-1] == "une" and calls == []


def test_2_no_text_becomes_a_formula_in_any_workbook_header_title_or_cell(app, db):
    """The probe: a funder named like a DDE formula in the header row of the staffing matrix
    the board downloads."""
    import io
    from datetime import date

    from openpyxl import load_workbook

    from tests.factories import make_allocation, make_person
    from tracker.funders.services import save_funder

    hostile = "=CMD|' /C calc'!A0"
    save_funder(None, code="PIRATE", name=hostile, short_name=hostile, level="regional",
                kind="pouvoir_subsidiant")
    make_allocation(make_person("=1+1 Personne"), 0.5, "PIRATE", date(2020, 1, 1))
    db.session.commit()
    user, client = make_user(Role.BOARD), app.test_client()
    post_form(client, "/login", {"email": user.email, "password": PASSWORD})
    response = client.get("/personnel/effectifs?format=xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.data))
    cells = [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
    assert any(cell.value == hostile for cell in cells)  # shown as typed…
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]  # …never run


def test_4_spraying_from_the_office_address_slows_down_but_never_locks_the_director_out(
        app, db):
    import time

    from tracker.auth.services import FAILURES_PER_ADDRESS, SignInRefused, authenticate

    director = make_user(Role.DIRECTOR)
    app.config["LOGIN_SLOWDOWN_SECONDS"] = 0.05
    try:
        for number in range(FAILURES_PER_ADDRESS):  # invented e-mails, one shared address
            with pytest.raises(SignInRefused):
                authenticate(f"invente{number}@test.example", "mauvais", "192.0.2.10")
        db.session.commit()
        start = time.perf_counter()
        with pytest.raises(SignInRefused):
            authenticate("encore@test.example", "mauvais", "192.0.2.10")
        assert time.perf_counter() - start >= 0.05  # the spray is slowed…
        start = time.perf_counter()
        assert authenticate(director.email, PASSWORD, "192.0.2.10").id == director.id
        assert time.perf_counter() - start < 1.5  # …the director signs in at once
    finally:
        app.config["LOGIN_SLOWDOWN_SECONDS"] = 0.5


def test_4_behind_the_proxy_each_forwarded_address_is_throttled_on_its_own(app, db):
    from tracker import create_app
    from tracker.auth.models import LoginFailure
    from tracker.extensions import db as _db

    proxied = create_app({"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                          "SECRET_KEY": app.config["SECRET_KEY"],
                          "TRACKER_BEHIND_PROXY": True})
    client = proxied.test_client()
    post_form(client, "/login", {"email": "x@test.example", "password": "mauvais-mdp"},
              headers={"X-Forwarded-For": "198.51.100.7"})
    with proxied.app_context():  # the proxied app committed through its own connection
        recorded = list(_db.session.scalars(_db.select(LoginFailure.ip_address).where(
            LoginFailure.email == "x@test.example")))
        _db.session.execute(_db.delete(LoginFailure).where(
            LoginFailure.email == "x@test.example"))
        _db.session.commit()
    assert recorded == ["198.51.100.7"]


def test_9_an_edit_posted_without_its_fields_changes_nothing(app, db, login_as, client):
    """The probe: an empty POST to a vocabulary value retired « Appel téléphonique »."""
    from tests.helpers import csrf_token
    from tracker.activities.models import DimensionValue

    login_as(Role.SECRETARY)
    call = db.session.scalar(db.select(DimensionValue).where(
        DimensionValue.dimension_code == "type", DimensionValue.code == "appel"))
    response = client.post(f"/activites/vocabulaires/valeur/{call.id}",
                           data={"csrf_token": csrf_token(client), "label": call.label})
    assert "Formulaire incomplet : rien n&#39;a été modifié" in response.get_data(as_text=True)
    db.session.expire_all()
    assert call.active and call.label == "Appel téléphonique"
    # the real form (its hidden marker, the box left unchecked) still retires a value
    response = post_form(client, f"/activites/vocabulaires/valeur/{call.id}",
                         {"label": call.label})
    db.session.expire_all()
    assert response.status_code == 302 and not call.active


def test_14_bulk_deletes_leave_an_audit_entry_naming_every_row(db):
    from datetime import date

    from tracker.activities.importer import import_activities, undo_batch
    from tracker.activities.models import ImportBatch
    from tracker.audit.models import AuditEntry
    from tracker.deadlines.models import Deadline
    from tracker.deadlines.services import regenerate_rule, save_rule_and_generate

    save_rule_and_generate(None, date(2026, 1, 10), title="Justificatifs", kind="justificatifs",
                           rule_type="period_end", period="quarter")
    future = set(db.session.scalars(db.select(Deadline.id).where(
        Deadline.due_date >= date(2026, 2, 1))))
    regenerate_rule(db.session.scalar(db.select(Deadline)).rule, date(2026, 2, 1))
    entry = db.session.scalar(db.select(AuditEntry).where(
        AuditEntry.action == "delete", AuditEntry.entity_type == "Échéance"))
    assert set(map(int, entry.before["identifiants"])) == future and len(future) >= 4

    import_activities(b"date;type;duree_min\n01/02/2024;appel;5\n02/02/2024;appel;7\n", "a.csv")
    undo_batch(db.session.scalar(db.select(ImportBatch)))
    entry = db.session.scalar(db.select(AuditEntry).where(
        AuditEntry.action == "delete", AuditEntry.entity_type == "Activité"))
    assert len(entry.before["identifiants"]) == 2 and entry.summary == "2 supprimé(e)s en une fois"


def test_10_the_service_is_a_vocabulary_never_free_text(client, db, login_as):
    from datetime import date

    from tracker.activities.importer import import_activities
    from tracker.activities.models import Activity
    from tracker.activities.services import ActivityInput, save_activity
    from tracker.errors import ValidationError
    from tracker.tabular import TableRefused

    with pytest.raises(ValidationError, match="Service « Jean Dupont 12/03/1990 » inconnu"):
        save_activity(None, ActivityInput(date=date(2024, 3, 1), type_code="appel",
                                          duree_min=5, service="Jean Dupont 12/03/1990"))
    with pytest.raises(TableRefused) as refused:
        import_activities(b"date;type;duree_min;service\n01/03/2024;appel;5;Jean Dupont\n",
                          "a.csv")
    assert "Service « Jean Dupont » inconnu" in str(refused.value.errors[0])
    import_activities(b"date;type;duree_min;service\n01/03/2024;appel;5;Ligne d'ecoute\n",
                      "b.csv")  # by label, accents ignored, stored as its code
    assert db.session.scalar(db.select(Activity.service)) == "ligne_ecoute"
    login_as(Role.STAFF)
    html = client.get("/activites/nouvelle?type=appel").get_data(as_text=True)
    assert '<select id="service" name="service">' in html


def test_10_an_import_creates_partners_only_when_asked_and_names_them(db):
    from tracker.activities.importer import import_activities
    from tracker.activities.models import ImportBatch
    from tracker.partnerships.models import Partner
    from tracker.tabular import TableRefused

    content = (b"date;type;duree_min;partenaire\n01/03/2024;reunion;60;Jean Dupont\n"
               b"02/03/2024;reunion;60;Fedito\n")
    with pytest.raises(TableRefused) as refused:
        import_activities(content, "a.csv")
    assert [(error.line, error.column) for error in refused.value.errors] == [
        (2, "partenaire"), (3, "partenaire")]
    assert db.session.scalar(db.select(Partner)) is None
    import_activities(content, "a.csv", create_partners=True)
    batch = db.session.scalar(db.select(ImportBatch))
    assert batch.created_partners == "Fedito ; Jean Dupont"


def test_9_the_hidden_marker_is_never_shown_as_a_field(demo_app, demo_db):
    """`form_sent` is rendered hidden by hidden_tag(), never as a labelled field."""
    from tests.functional.test_french_voice import crawl
    from tracker.demo import DEMO_LOGINS

    email, password = next((e, p) for e, p, _n, r in DEMO_LOGINS if r == Role.DIRECTOR)
    client = demo_app.test_client()
    post_form(client, "/login", {"email": email, "password": password})
    pages = crawl(client)
    shown = [url for url, page in pages.items()
             if 'for="form_sent"' in page.html or "Form Sent" in page.text]
    assert len(pages) > 30 and not shown, shown
