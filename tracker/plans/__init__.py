"""Action plans: objectives nested général → stratégique → opérationnel, their actions and
indicators (computed from the log in the questionnaire language, or typed with a source),
yearly targets and each objective's yearly evaluation."""

from flask import Blueprint

bp = Blueprint("plans", __name__, url_prefix="/plans")
