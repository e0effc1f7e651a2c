"""Activity log: anonymous activity records, their vocabularies, fast entry and bulk import."""

from flask import Blueprint

bp = Blueprint("activities", __name__, url_prefix="/activites")
