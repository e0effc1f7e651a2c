"""The association's own bodies and what it owes the law as an ASBL: the register of
mandates, the meetings of the board (CA) and general assembly (AG), the statutes, the legal
obligations they give rise to, and the documents that prove them."""

from flask import Blueprint

bp = Blueprint("governance", __name__, url_prefix="/gouvernance")
