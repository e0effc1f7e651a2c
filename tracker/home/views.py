"""Home page by role, the header's search, and an unauthenticated health check for load
balancers."""

from datetime import date

from flask import render_template, request
from flask_login import current_user
from sqlalchemy import text

from tracker.association.services import get_association
from tracker.auth.roles import OFFICE, READERS, Role, public, role_required
from tracker.deadlines.dashboard import build_dashboard
from tracker.deadlines.models import kind_labels
from tracker.extensions import db
from tracker.governance.services import mandates_ending
from tracker.home import bp
from tracker.home.glance import board_glance, office_glance
from tracker.home.search import search


@bp.get("/")
def index():
    """Director and secretary land on their key figures and the deadlines dashboard, the
    board on staffing at a glance, staff on their shortcuts."""
    today = date.today()
    dashboard = build_dashboard(today) if current_user.role in OFFICE else None
    return render_template(
        "home/index.html", association=get_association(), kinds=kind_labels(),
        dashboard=dashboard, glance=office_glance(dashboard) if dashboard else None,
        board=board_glance(today) if current_user.role == Role.BOARD else None,
        ending_mandates=mandates_ending(today) if current_user.role in READERS else None)


@bp.get("/sante")
@public
def health():
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # any database failure means "not healthy", never a 500 page
        return {"status": "erreur", "database": "injoignable"}, 503
    return {"status": "ok", "database": "ok"}


@bp.get("/recherche")
@role_required(*READERS)
def search_page():
    query = request.args.get("q", "").strip()[:100]
    return render_template("home/search.html", query=query,
                           results=search(query, current_user.role))
