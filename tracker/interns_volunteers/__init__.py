"""Interns and volunteers: not beneficiaries, so they may be named; seen by the office only."""

from flask import Blueprint

bp = Blueprint("interns_volunteers", __name__, url_prefix="/stagiaires-benevoles")
