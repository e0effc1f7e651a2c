"""Home page by role, and an unauthenticated health check for load balancers."""

from flask import render_template
from sqlalchemy import text

from tracker.association.services import get_association
from tracker.auth.roles import public
from tracker.extensions import db
from tracker.home import bp


@bp.get("/")
def index():
    return render_template("home/index.html", association=get_association())


@bp.get("/sante")
@public
def health():
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # any database failure means "not healthy", never a 500 page
        return {"status": "erreur", "database": "injoignable"}, 503
    return {"status": "ok", "database": "ok"}
