"""The activity report to the general assembly: the director's texts, the year in figures,
the team, the money, the action plans, the governance, the partnerships, and the year's
archived funder questionnaires as annexes; archived like a questionnaire, version by
version."""

from flask import Blueprint

bp = Blueprint("annual_report", __name__, url_prefix="/rapport-annuel")
