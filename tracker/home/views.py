"""Home page by role, and an unauthenticated health check for load balancers."""

from datetime import date

from flask import render_template
from flask_login import current_user
from sqlalchemy import text

from tracker.association.services import get_association
from tracker.auth.roles import OFFICE, Role, public
from tracker.deadlines.dashboard import build_dashboard
from tracker.deadlines.models import kind_labels
from tracker.extensions import db
from tracker.home import bp
from tracker.home.glance import board_glance, office_glance


@bp.get("/")
def index():
    """Director and secretary land on their key figures and the deadlines dashboard, the
    board on staffing at a glance, staff on their shortcuts."""
    today = date.today()
    dashboard = build_dashboard(today) if current_user.role in OFFICE else None
    return render_template(
        "home/index.html", association=get_association(), kinds=kind_labels(),
        dashboard=dashboard, glance=office_glance(dashboard) if dashboard else None,
        board=board_glance(today) if current_user.role == Role.BOARD else None)


@bp.get("/sante")
@public
def health():
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # any database failure means "not healthy", never a 500 page
        return {"status": "erreur", "database": "injoignable"}, 503
    return {"status": "ok", "database": "ok"}
