"""Sign-in, users and roles."""

from flask import Blueprint

bp = Blueprint("auth", __name__)
