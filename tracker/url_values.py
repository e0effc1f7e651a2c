"""Integers read from a URL, bounded: a number too large for the database (« ?page=10^30 »,
« /valeur/10^30 ») is a 404 or an ignored filter, never a 500."""

from werkzeug.routing import IntegerConverter

LARGEST = 2**31 - 1  # the largest INTEGER both databases store


class BoundedIntConverter(IntegerConverter):
    """`<int:…>` in every route: beyond LARGEST the route does not match (404)."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", LARGEST)
        super().__init__(url_map, *args, **kwargs)


def bounded_int(text: str) -> int:
    """`type=` for request.args: a whole number within ±LARGEST, else ValueError (the
    argument's default applies)."""
    number = int(text)
    if not -LARGEST <= number <= LARGEST:
        raise ValueError(f"{text} est hors limites")
    return number
