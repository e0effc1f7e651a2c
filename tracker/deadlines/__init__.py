"""Deadlines: what must be filed, renewed, evaluated or decided, by when; rules that generate
them; reminders."""

from flask import Blueprint

bp = Blueprint("deadlines", __name__, url_prefix="/echeances")
