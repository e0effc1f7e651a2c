"""Sign-in, sign-out, and the director's user management."""

from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user
from flask_wtf.csrf import ValidationError as CSRFValidationError
from flask_wtf.csrf import validate_csrf

from tracker.auth import bp
from tracker.auth.forms import LoginForm, UserForm
from tracker.auth.models import User
from tracker.auth.roles import Role, public, role_required
from tracker.auth.services import (
    SignInRefused,
    authenticate,
    close_session,
    create_user,
    list_users,
    open_session,
    set_password,
    update_user,
)
from tracker.db import writes_on_get
from tracker.extensions import db
from tracker.web import get_or_404, submit_form


def client_ip() -> str:
    return request.remote_addr or "inconnue"


def safe_next_url(target: str | None, home: str | None = None) -> str:
    """Only a path on this site: never another site after sign-in. A control character (a
    tab or a line feed that browsers and Werkzeug drop, turning « /\t/evil » into « //evil »)
    or a backslash sends home, and so does anything with a scheme or a host once parsed."""
    home = home or url_for("home.index")
    if not target or "\\" in target or any(ord(char) < 32 or ord(char) == 127
                                             for char in target):
        return home
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith("/") \
            or parts.path.startswith("//"):
        return home
    return target


def landing(user) -> str:
    """Where signing in leads: staff to the entry form (what they came for), the others to
    their home page."""
    return url_for("activities.new") if user.role == Role.STAFF else url_for("home.index")


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = LoginForm()
    error = None
    if form.validate_on_submit():
        try:
            user = authenticate(form.email.data, form.password.data, client_ip())
        except SignInRefused as refused:
            db.session.commit()
            error = refused.message
        else:
            remember = bool(form.remember.data)
            open_session(user, client_ip(), request.user_agent.string, remember)
            db.session.commit()
            session.clear()  # a fresh session: nothing carried over from before sign-in
            login_user(user)
            session.permanent = remember
            return redirect(safe_next_url(request.args.get("next"), landing(user)))
    return render_template("auth/login.html", form=form, error=error)


@bp.get("/logout")
@writes_on_get
def logout():
    # A GET carrying the CSRF token: board members (who may never POST) can sign out too,
    # and another site cannot sign anyone out.
    try:
        validate_csrf(request.args.get("jeton", ""))
    except CSRFValidationError:
        flash("Lien de déconnexion expiré : utilisez le bouton « Se déconnecter ».", "warning")
        return redirect(url_for("home.index"))
    token = current_user.get_id()
    if token:
        close_session(token)
        db.session.commit()
    logout_user()
    session.clear()
    flash("Vous êtes déconnecté(e).", "info")
    return redirect(url_for("auth.login"))


@bp.get("/utilisateurs/")
@role_required(Role.DIRECTOR)
def users():
    return render_template("auth/users.html", users=list_users())


@bp.route("/utilisateurs/nouveau", methods=["GET", "POST"])
@role_required(Role.DIRECTOR)
def user_new():
    form = UserForm()
    form.password.description = "Au moins 10 caractères."

    def create():
        user = create_user(form.email.data, form.full_name.data, form.role.data,
                           form.password.data or "")
        if not form.active.data:
            update_user(user, full_name=user.full_name, role=user.role, active=False)
        return user

    done = submit_form(form, create, success=lambda user: f"Utilisateur {user.full_name} créé.",
                       then=url_for("auth.users"))
    return done or render_template("auth/user_form.html", form=form, user=None)


@bp.route("/utilisateurs/<int:user_id>", methods=["GET", "POST"])
@role_required(Role.DIRECTOR)
def user_edit(user_id: int):
    user = get_or_404(User, user_id)
    form = UserForm(obj=user if request.method == "GET" else None)
    if request.method == "GET":
        form.role.data = user.role.value

    def update():
        update_user(user, email=form.email.data, full_name=form.full_name.data,
                    role=form.role.data, active=form.active.data)
        if form.password.data:
            set_password(user, form.password.data)

    done = submit_form(form, update, success=lambda _: f"Utilisateur {user.full_name} mis à jour.",
                       then=url_for("auth.users"))
    return done or render_template("auth/user_form.html", form=form, user=user)
