"""Partners and partnership conventions."""

from flask import Blueprint

bp = Blueprint("partnerships", __name__, url_prefix="/partenariats")
