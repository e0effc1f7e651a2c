"""Funders and their instruments: agréments, conventions, subsidies, employment aids."""

from flask import Blueprint

bp = Blueprint("funders", __name__, url_prefix="/financeurs")
