"""Money: what each post costs (imported from the social secretariat) and which subsidy it is
charged to, by the FTE allocations the tracker already holds."""

from flask import Blueprint

bp = Blueprint("finance", __name__, url_prefix="/finances")
