"""Per-funder questionnaires: definitions as YAML data, figures from the activity log,
narrative answers and corrections, exports to PDF, DOCX, XLSX, JSON and HTML."""

from flask import Blueprint

bp = Blueprint("questionnaires", __name__, url_prefix="/questionnaires")
