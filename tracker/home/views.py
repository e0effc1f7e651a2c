"""Home page by role, and an unauthenticated health check for load balancers."""

from datetime import date

from flask import render_template
from flask_login import current_user
from sqlalchemy import text

from tracker.association.services import get_association
from tracker.auth.roles import OFFICE, public
from tracker.deadlines.dashboard import build_dashboard
from tracker.deadlines.vocabulary import DEADLINE_KINDS
from tracker.extensions import db
from tracker.home import bp


@bp.get("/")
def index():
    """Director and secretary land on the deadlines dashboard; others on their shortcuts."""
    dashboard = build_dashboard(date.today()) if current_user.role in OFFICE else None
    return render_template("home/index.html", association=get_association(),
                           dashboard=dashboard, kinds=DEADLINE_KINDS)


@bp.get("/sante")
@public
def health():
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # any database failure means "not healthy", never a 500 page
        return {"status": "erreur", "database": "injoignable"}, 503
    return {"status": "ok", "database": "ok"}
