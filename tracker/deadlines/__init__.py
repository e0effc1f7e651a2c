"""Deadlines: what must be filed, renewed, evaluated or decided, by when; the rules that
generate them; reminders; the director's dashboard and calendar."""

from flask import Blueprint

bp = Blueprint("deadlines", __name__, url_prefix="/echeances")
