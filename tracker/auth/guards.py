"""Application-wide rules: sign-in everywhere but public pages, and a read-only board."""

from flask import Flask, abort, redirect, request, url_for
from flask_login import current_user

from tracker.auth.roles import Role
from tracker.auth.services import load_session_user
from tracker.extensions import login_manager

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def install_guards(app: Flask) -> None:
    """Register before CSRF protection, so the board's POSTs are 403 whatever their token."""
    login_manager.user_loader(load_session_user)
    login_manager.session_protection = "basic"

    @app.before_request
    def require_sign_in():
        if request.endpoint == "static":
            return None
        view = app.view_functions.get(request.endpoint or "")
        if view is not None and getattr(view, "is_public", False):
            return None
        if not current_user.is_authenticated:
            next_path = request.full_path if request.method == "GET" else None
            if next_path and next_path.endswith("?"):
                next_path = next_path[:-1]
            return redirect(url_for("auth.login", next=next_path))
        return None

    @app.before_request
    def board_reads_only():
        if (
            request.method not in SAFE_METHODS
            and current_user.is_authenticated
            and current_user.role == Role.BOARD
        ):
            abort(403)
