"""Employment aids (APE, ACS, Maribel social) as rules checked against the allocations: their
parameters are data valid from a date, each check explains itself with the values it used."""

from flask import Blueprint

bp = Blueprint("aids", __name__, url_prefix="/aides-emploi")
