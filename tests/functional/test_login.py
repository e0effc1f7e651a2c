"""Sign-in, sign-out, throttling, cookies and security headers, through HTTP."""

from tests.factories import PASSWORD, make_user
from tests.helpers import csrf_token, post_form
from tracker.auth.models import LoginFailure, UserSession
from tracker.auth.roles import Role


def test_login_page_is_french_with_email_password_and_csrf(client):
    response = client.get("/login")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'lang="fr-BE"' in html
    assert "Connexion" in html and "Mot de passe" in html
    assert 'name="email"' in html and 'name="password"' in html
    assert 'name="csrf_token"' in html


def test_anonymous_is_sent_to_login_with_next(client):
    response = client.get("/utilisateurs/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=/utilisateurs/")


def test_sign_in_then_home_page_greets_user(client, db):
    user = make_user(Role.SECRETARY, full_name="Aline Testeuse")
    response = post_form(client, "/login", {"email": user.email.upper(), "password": PASSWORD})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    html = client.get("/").get_data(as_text=True)
    assert "Bonjour Aline Testeuse" in html
    assert "Secrétariat" in html


def test_next_parameter_never_leaves_the_site(client, db):
    user = make_user(Role.DIRECTOR)
    response = post_form(client, "/login?next=//evil.example/x",
                         {"email": user.email, "password": PASSWORD})
    assert response.headers["Location"] == "/"


def test_wrong_password_gets_a_french_message_not_a_500(client, db):
    user = make_user(Role.STAFF)
    response = post_form(client, "/login", {"email": user.email, "password": "pas le bon"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Adresse e-mail ou mot de passe incorrect" in html
    assert user.email in html  # what was typed is kept


def test_empty_form_shows_field_errors(client, db):
    response = post_form(client, "/login", {"email": "", "password": ""})
    assert response.status_code == 200
    assert "Ce champ est obligatoire." in response.get_data(as_text=True)


def test_failures_never_lock_the_right_password_out(client, db, monkeypatch):
    monkeypatch.setattr("tracker.auth.services.time.sleep", lambda _seconds: None)
    user = make_user(Role.STAFF)
    for _ in range(6):
        post_form(client, "/login", {"email": user.email, "password": "mauvais-mot"})
    assert db.session.query(LoginFailure).filter_by(email=user.email).count() == 6
    response = post_form(client, "/login", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").status_code == 200  # signed in


def test_logout_invalidates_the_session_on_the_server(client, db):
    user = make_user(Role.DIRECTOR)
    post_form(client, "/login", {"email": user.email, "password": PASSWORD})
    stolen_cookie = client.get_cookie("tracker_session").value
    token = csrf_token(client, "/")
    response = client.get(f"/logout?jeton={token}")
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    assert db.session.query(UserSession).filter_by(user_id=user.id).count() == 0
    # Replaying the old cookie does not bring the session back.
    client.set_cookie("tracker_session", stolen_cookie)
    assert client.get("/").status_code == 302


def test_logout_link_without_token_does_not_sign_out(client, login_as):
    login_as(Role.STAFF)
    response = client.get("/logout")
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert client.get("/").status_code == 200


def test_deactivated_user_is_signed_out_and_cannot_sign_in(client, db, login_as):
    from tracker.auth.services import update_user

    user = login_as(Role.STAFF)
    update_user(user, full_name=user.full_name, role=user.role, active=False)
    db.session.commit()
    assert client.get("/").status_code == 302
    response = post_form(client, "/login", {"email": user.email, "password": PASSWORD})
    assert "incorrect, ou compte désactivé" in response.get_data(as_text=True)


def test_cookies_are_httponly_lax_and_secure_over_https(app, db):
    user = make_user(Role.STAFF)
    client = app.test_client()
    response = post_form(client, "https://localhost/login",
                         {"email": user.email, "password": PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" in cookie
    plain = app.test_client().get("/login").headers["Set-Cookie"]
    assert "HttpOnly" in plain and "Secure" not in plain


def test_security_headers(client, login_as):
    login_as(Role.STAFF)
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"


def test_pages_have_no_inline_script(client, login_as):
    login_as(Role.DIRECTOR)
    for path in ("/", "/login", "/utilisateurs/", "/journal/", "/association/"):
        html = client.get(path).get_data(as_text=True)
        assert "<script>" not in html and "onclick=" not in html


def test_health_check_is_public(client):
    response = client.get("/sante")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_staff_land_on_the_entry_form(client, db):
    user = make_user(Role.STAFF)
    response = post_form(client, "/login", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 302 and response.headers["Location"] == "/activites/nouvelle"
