"""The director manages users in the UI; every change lands in the audit trail."""

from sqlalchemy import text

from tests.factories import make_user
from tests.helpers import post_form
from tracker.audit.models import AuditEntry
from tracker.auth.models import User
from tracker.auth.roles import Role


def test_director_creates_a_user_and_the_trail_records_it(client, db, login_as):
    director = login_as(Role.DIRECTOR)
    response = post_form(client, "/utilisateurs/nouveau", {
        "email": "Nouvelle@Test.Example", "full_name": "Nadia Nouvelle", "role": "staff",
        "active": "y", "password": "un-mot-de-passe-long",
    })
    assert response.status_code == 302
    user = db.session.scalar(db.select(User).where(User.email == "nouvelle@test.example"))
    assert user.role == Role.STAFF and user.active
    entry = db.session.scalar(db.select(AuditEntry).where(
        AuditEntry.entity_type == "Utilisateur", AuditEntry.entity_id == str(user.id)))
    assert entry.action == "create" and entry.user_id == director.id
    assert entry.after["full_name"] == "Nadia Nouvelle"
    assert entry.after["password_hash"] == "•••"  # never the hash itself


def test_editing_a_user_records_before_and_after(client, db, login_as):
    login_as(Role.DIRECTOR)
    target = make_user(Role.STAFF, full_name="Paul Avant")
    response = post_form(client, f"/utilisateurs/{target.id}", {
        "email": target.email, "full_name": "Paul Après", "role": "secretary", "active": "y",
    })
    assert response.status_code == 302
    entry = db.session.scalar(db.select(AuditEntry).where(
        AuditEntry.action == "update", AuditEntry.entity_id == str(target.id)))
    assert entry.before == {"full_name": "Paul Avant", "role": "staff"}
    assert entry.after == {"full_name": "Paul Après", "role": "secretary"}
    html = client.get("/journal/?entite=Utilisateur").get_data(as_text=True)
    assert "Paul Avant" in html and "Paul Après" in html
    assert '<th scope="row">Nom complet</th>' in html and "full_name" not in html


def test_audit_page_filters_by_user(client, db, login_as):
    director = login_as(Role.DIRECTOR)
    make_user(Role.STAFF, full_name="Créé Hors Interface")  # no signed-in actor: "système"
    post_form(client, "/association/modifier", {"name": "Asbl Filtrée", "legal_form": "ASBL"})
    html = client.get(f"/journal/?utilisateur={director.id}").get_data(as_text=True)
    assert "Asbl Filtrée" in html
    assert "Créé Hors Interface &lt;" not in html  # its entry's summary, not the user filter


def test_form_error_keeps_what_was_typed(client, db, login_as):
    login_as(Role.DIRECTOR)
    response = post_form(client, "/utilisateurs/nouveau", {
        "email": "garde@test.example", "full_name": "Garde Saisie", "role": "staff",
        "password": "court",
    })
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "au moins 10 caractères" in html
    assert 'value="garde@test.example"' in html and 'value="Garde Saisie"' in html
    assert db.session.scalar(db.select(User).where(User.email == "garde@test.example")) is None


def test_user_input_is_escaped_in_html(client, db, login_as):
    login_as(Role.DIRECTOR)
    make_user(Role.STAFF, full_name="<script>alert(1)</script>")
    html = client.get("/utilisateurs/").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_last_director_cannot_demote_themselves(client, db, login_as):
    director = login_as(Role.DIRECTOR)
    response = post_form(client, f"/utilisateurs/{director.id}", {
        "email": director.email, "full_name": director.full_name, "role": "staff", "active": "y",
    })
    assert response.status_code == 200
    assert "au moins une personne active avec le rôle Direction" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, director.id).role == Role.DIRECTOR


def test_association_edit_is_audited_with_before_and_after(client, db, login_as):
    login_as(Role.SECRETARY)
    post_form(client, "/association/modifier", {"name": "Première", "legal_form": "ASBL"})
    response = post_form(client, "/association/modifier", {
        "name": "Seconde", "legal_form": "ASBL", "enterprise_number": "0412.345.678",
    })
    assert response.status_code == 302
    entry = db.session.scalars(db.select(AuditEntry).where(
        AuditEntry.entity_type == "Association", AuditEntry.action == "update")).one()
    assert entry.before["name"] == "Première" and entry.after["name"] == "Seconde"


def test_bad_enterprise_number_is_explained(client, db, login_as):
    login_as(Role.SECRETARY)
    response = post_form(client, "/association/modifier", {
        "name": "Asbl", "enterprise_number": "123"})
    assert "10 chiffres" in response.get_data(as_text=True)


def test_audit_trail_is_append_only_in_the_database(db):
    make_user(Role.STAFF)
    for statement in ("UPDATE audit_entry SET actor = 'falsifié'", "DELETE FROM audit_entry"):
        savepoint = db.session.begin_nested()
        try:
            db.session.execute(text(statement))
        except Exception as error:  # the driver's own error class differs per database
            assert "append-only" in str(error)
        else:
            raise AssertionError(f"{statement} was allowed")
        finally:
            if savepoint.is_active:
                savepoint.rollback()


def test_a_new_users_role_is_chosen_never_defaulted(client, db, login_as):
    login_as(Role.DIRECTOR)
    page = client.get("/utilisateurs/nouveau").get_data(as_text=True)
    select = page[page.index('<select id="role"'):].split("</select>")[0]
    assert select.count("<option") == 5 and "selected" not in select
    assert '<option value="">— choisir le rôle —</option>' in select
    refused = post_form(client, "/utilisateurs/nouveau", {
        "email": "sans-role@test.example", "full_name": "Sans Rôle", "role": "",
        "password": "colline-ardoise-42-riviere"})
    assert refused.status_code == 200 and "Ce champ est obligatoire" in refused.get_data(
        as_text=True)
