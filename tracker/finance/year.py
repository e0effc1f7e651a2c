"""The one reader of ?annee= on the finance pages."""

from flask import request

from tracker.url_values import bounded_int

FIRST_YEAR = 2000


def year_arg(default: int, latest: int) -> int:
    """?annee=, between FIRST_YEAR and `latest`; anything else is `default`."""
    year = request.args.get("annee", default, type=bounded_int)
    return year if FIRST_YEAR <= year <= latest else default
