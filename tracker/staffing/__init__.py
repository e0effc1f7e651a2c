"""Staff, their FTE allocations per funder, absences, and what the board sees of them."""

from flask import Blueprint

bp = Blueprint("staffing", __name__, url_prefix="/personnel")
