"""Background jobs: long imports run by the scheduler process, with their progress."""

from flask import Blueprint

bp = Blueprint("jobs", __name__, url_prefix="/taches")
