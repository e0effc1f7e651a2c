"""Audit trail: who changed what, when, with before/after values (append-only)."""

from flask import Blueprint

bp = Blueprint("audit", __name__, url_prefix="/journal")
