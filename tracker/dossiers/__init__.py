"""The person files (dossiers), pseudonymous: a keyed hash of the case code, the person's
coded attributes with their history (each value held from a date), the episodes of care
(opened by a first contact, closed by the office or after months without contact), and the
dossier import. Never a name, a birth date, an address or a note about a person."""

from flask import Blueprint

bp = Blueprint("dossiers", __name__, url_prefix="/dossiers")
