"""The phone line's permanence: its schedule (slots and lines open, valid from a date; a
planned version beside the one in force) and the missed calls counted per slot over observed
weeks (Infor-Drogues' tables 3 bis and 4)."""

from flask import Blueprint

bp = Blueprint("permanence", __name__, url_prefix="/permanence")
