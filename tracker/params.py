"""The one front door for what people type into an address, a page's filter or a command
option: a year, a day, a period, a month, a file format, a whole number. Each kind reads text
in one place, with one French message per kind of mistake, and serves alike as a URL
converter (`<year:year>`), a query-argument reader (`query_arg`) and a click type
(`option_type`). Nothing unreadable is silently dropped, nothing ends in a traceback."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import click
from flask import flash, request
from werkzeug.exceptions import NotFound
from werkzeug.routing import BaseConverter, IntegerConverter

from tracker.documents.formats import FORMATS
from tracker.errors import DomainError, UnreadableInput
from tracker.periods import Period, period_from_text, read_day
from tracker.tabular import last_year

LARGEST = 2**31 - 1  # the largest INTEGER both databases store
FIRST_YEAR = 2000  # the one range of years of the whole application, up to last_year()


# --- the kinds: text in, a value or UnreadableInput (in French) out ---------------------------

@dataclass(frozen=True)
class Kind:
    """One kind of input: `read` turns typed text into a value."""

    name: str  # for click's help: ANNÉE, DATE…
    read: Callable[[str], Any]


def read_whole_number(text: str) -> int:
    if not re.fullmatch(r"[+-]?\d+", text.strip()):
        raise UnreadableInput(f"« {text} » n'est pas un nombre entier.")
    if len(text.strip()) > 12:
        raise UnreadableInput(f"Le nombre {text} est hors limites.")
    number = int(text)
    if not -LARGEST <= number <= LARGEST:
        raise UnreadableInput(f"Le nombre {text} est hors limites.")
    return number


def read_year(text: str) -> int:
    text = text.strip()
    if not re.fullmatch(r"[+-]?\d+", text):
        raise UnreadableInput(f"Année « {text} » illisible : tapez-la en chiffres, comme "
                              f"{date.today().year - 1}.")
    if len(text) > 6 or not FIRST_YEAR <= int(text) <= last_year():
        raise UnreadableInput(f"Année {text} hors limites : de {FIRST_YEAR} à {last_year()}.")
    return int(text)


def year_begun(year: int, today: date | None = None) -> int:
    """A year a report is about has begun (questionnaires, the dossiers' register)."""
    this_year = (today or date.today()).year
    if year > this_year:
        raise DomainError(f"L'année {year} n'a pas encore commencé : choisissez {this_year} "
                          "ou une année passée.")
    return year


def read_month(text: str) -> date:
    """« 2026-03 » or « 03/2026 »: the first day of that month."""
    match = re.fullmatch(r"(\d{4})-(\d{1,2})|(\d{1,2})/(\d{4})", text.strip())
    if match:
        year, month = (match[1], match[2]) if match[1] else (match[4], match[3])
        if 1 <= int(month) <= 12 and FIRST_YEAR <= int(year) <= last_year():
            return date(int(year), int(month), 1)
    raise UnreadableInput(f"Mois « {text.strip()} » illisible : tapez-le comme "
                          f"{date.today():%Y-%m}, de {FIRST_YEAR} à {last_year()}.")


def read_list_position(text: str) -> tuple[date, int]:
    """Where a page of a long list begins or ends, as its own links write it: the date and
    the id of a row (`2024-03-01.1234`), so that page 2 000 costs what page 2 costs."""
    day, _, number = text.strip().partition(".")
    try:
        position = date.fromisoformat(day), int(number)
    except ValueError:
        position = None
    if position is None or not 0 < position[1] <= LARGEST:
        raise UnreadableInput("Position dans la liste illisible.")
    return position


def format_reader(*identifiers: str) -> Callable[[str], str]:
    """A reader of one of these formats of the registry (documents/formats.py)."""
    unknown = [identifier for identifier in identifiers if identifier not in FORMATS]
    if unknown:
        raise LookupError(f"formats absent from the registry: {unknown}")

    def read_format(text: str) -> str:
        wanted = text.strip().lower()
        if wanted not in identifiers:
            offered = ", ".join(FORMATS[identifier].label for identifier in identifiers)
            raise UnreadableInput(f"Format « {text.strip()} » non disponible ici : {offered}.")
        return wanted

    return read_format


WHOLE_NUMBER = Kind("NOMBRE", read_whole_number)
YEAR = Kind("ANNÉE", read_year)
DAY = Kind("DATE", read_day)
MONTH = Kind("MOIS", read_month)
LIST_POSITION = Kind("POSITION", read_list_position)


def file_format(*identifiers: str) -> Kind:
    return Kind("FORMAT", format_reader(*identifiers))


TERMINAL_FORMAT = file_format("json", "table")  # a command's output: JSON or a readable table


def bounded_int(text: str) -> int:
    """`type=` for request.args where a wrong number simply means « no such row » (a page
    number, an id in a filter): ValueError, so the argument's default applies."""
    try:
        return read_whole_number(text)
    except UnreadableInput as error:
        raise ValueError(error.message) from error


# --- in an address: converters (a value that cannot be read is a 404 that says why) ---------
# A converter never refuses by itself: it hands the refusal on as the value, and
# refuse_unreadable_address turns it into a 404 after sign-in, the board's guard and CSRF
# have run, so that those answer first, as on every other route.

class InputNotFound(NotFound):
    """A 404 whose French description the error page shows."""

    def __init__(self, message: str):
        super().__init__(description=message)
        self.french_message = message


def refuse_unreadable_address() -> None:
    """before_request: a year or a format in the address that could not be read."""
    for value in (request.view_args or {}).values():
        if isinstance(value, UnreadableInput):
            raise InputNotFound(value.message)


class BoundedIntConverter(IntegerConverter):
    """`<int:…>` in every route: beyond LARGEST the route does not match (404)."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", LARGEST)
        super().__init__(url_map, *args, **kwargs)


class YearConverter(BaseConverter):
    """`<year:year>`: 0 or 1850 is a 404 naming the range (« abc » matches no route)."""

    regex = r"[+-]?\d+"

    def to_python(self, value: str) -> int:
        try:
            return read_year(value)
        except UnreadableInput as error:
            return error

    def to_url(self, value) -> str:
        return str(int(value))


class FormatConverter(BaseConverter):
    """`<format("pdf", "xlsx"):extension>`: another format is a 404 naming those offered."""

    regex = r"\w+"

    def __init__(self, url_map, *identifiers: str):
        super().__init__(url_map)
        self.identifiers = identifiers
        self.read = format_reader(*identifiers)

    def to_python(self, value: str) -> str:
        try:
            return self.read(value)
        except UnreadableInput as error:
            return error


def format_in_url(identifiers: tuple[str, ...], name: str = "extension") -> str:
    """The route segment of a file format among `identifiers`: `<format('pdf', …):name>`."""
    return f"<format({', '.join(repr(identifier) for identifier in identifiers)}):{name}>"


CONVERTERS = {"int": BoundedIntConverter, "year": YearConverter, "format": FormatConverter}


# --- in a page's query string: the page shows what it can and says what it left aside ------

def query_arg(name: str, kind: Kind, default=None, ignored: str = "valeur ignorée."):
    """?name= read as `kind`; empty or absent: `default`; unreadable: `default` too, and the
    page says so in French (« Date « 32/13/2025 » illisible : tapez-la comme 31/12/2014.
    Valeur ignorée. »)."""
    text = request.args.get(name, "").strip()
    if not text:
        return default
    try:
        return kind.read(text)
    except UnreadableInput as error:
        flash(f"{error.message} {ignored[0].upper()}{ignored[1:]}", "warning")
        return default


def query_period(today: date | None = None, ignored: str = "Effectifs à ce jour.") -> Period:
    """?du=…&au=… for a period, else ?date=… (default: today). The picker sends the day it
    shows with a period typed beside it: the period wins. One that makes no sense is said,
    and today is used."""
    start, end = request.args.get("du", ""), request.args.get("au", "")
    at = "" if (start.strip() or end.strip()) else request.args.get("date", "")
    try:
        return period_from_text(at, start, end, today)
    except DomainError as error:
        flash(f"{error.message} {ignored}", "warning")
        return Period.day(today or date.today())


# --- on the command line: click types whose refusal is French ------------------------------

class FrenchBadParameter(click.BadParameter):
    """click's refusal of an option, said in French; exit status 1, as every refusal of the
    `tracker` command."""

    exit_code = 1

    def __init__(self, message: str, ctx=None, param=None):
        # raised inside a command (a period), the command's context names it in the help
        super().__init__(message, ctx or click.get_current_context(silent=True), param)

    def format_message(self) -> str:
        hint = self.param.get_error_hint(self.ctx).replace("'", "") \
            if self.param and self.ctx else ""
        return f"{hint} : {self.message}" if hint else self.message

    def show(self, file=None) -> None:
        command = self.ctx.command_path if self.ctx else "tracker"
        click.echo(f"Erreur : {self.format_message()}\n"
                   f"Aide : « {command} --help ».", file=file, err=True)


class OptionType(click.ParamType):
    def __init__(self, kind: Kind):
        self.kind = kind
        self.name = kind.name

    def convert(self, value, param, ctx):
        if not isinstance(value, str):
            return value
        try:
            return self.kind.read(value)
        except UnreadableInput as error:
            raise FrenchBadParameter(error.message, ctx, param) from error


def option_type(kind: Kind) -> click.ParamType:
    """`type=` of a click option or argument reading this kind."""
    return OptionType(kind)


def option_period(at: str, start: str, end: str) -> Period:
    """--at, or --from and --to, read as the pages read them; a French refusal otherwise."""
    try:
        return period_from_text(at, start, end)
    except DomainError as error:
        raise FrenchBadParameter(error.message) from error
