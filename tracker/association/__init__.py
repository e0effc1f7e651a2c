"""The association itself: name, legal identity and contact, as funders' forms ask for it."""

from flask import Blueprint

bp = Blueprint("association", __name__, url_prefix="/association")
