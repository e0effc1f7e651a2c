"""Portable SQL expressions for date arithmetic on SQLite and PostgreSQL."""

from sqlalchemy import Integer
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement, GenericFunction


class day_number(FunctionElement):  # noqa: N801 (reads like the SQL function it emits)
    """Whole days since 1970-01-01 of a DATE expression, so that date - date is an integer."""

    type = Integer()
    inherit_cache = True


@compiles(day_number, "sqlite")
def _day_number_sqlite(element, compiler, **kw):
    return f"CAST(julianday({compiler.process(element.clauses, **kw)}) - 2440587.5 AS INTEGER)"


@compiles(day_number, "postgresql")
def _day_number_postgresql(element, compiler, **kw):
    return f"(CAST({compiler.process(element.clauses, **kw)} AS DATE) - DATE '1970-01-01')"


class least(GenericFunction):  # noqa: N801
    inherit_cache = True


class greatest(GenericFunction):  # noqa: N801
    inherit_cache = True


@compiles(least, "sqlite")
def _least_sqlite(element, compiler, **kw):
    return f"min({compiler.process(element.clauses, **kw)})"


@compiles(greatest, "sqlite")
def _greatest_sqlite(element, compiler, **kw):
    return f"max({compiler.process(element.clauses, **kw)})"


class iso_weekday(FunctionElement):  # noqa: N801
    """The ISO day of the week of a DATE expression: Monday 1 … Sunday 7."""

    type = Integer()
    inherit_cache = True


@compiles(iso_weekday, "sqlite")
def _iso_weekday_sqlite(element, compiler, **kw):  # %w: Sunday 0 … Saturday 6
    return f"((CAST(strftime('%w', {compiler.process(element.clauses, **kw)}) AS INTEGER) " \
           "+ 6) % 7 + 1)"


@compiles(iso_weekday, "postgresql")
def _iso_weekday_postgresql(element, compiler, **kw):
    return f"CAST(EXTRACT(ISODOW FROM {compiler.process(element.clauses, **kw)}) AS INTEGER)"


class hour_of(FunctionElement):  # noqa: N801
    """The hour (0–23) of a TIME expression; NULL stays NULL."""

    type = Integer()
    inherit_cache = True


@compiles(hour_of, "sqlite")
def _hour_of_sqlite(element, compiler, **kw):
    return f"CAST(strftime('%H', {compiler.process(element.clauses, **kw)}) AS INTEGER)"


@compiles(hour_of, "postgresql")
def _hour_of_postgresql(element, compiler, **kw):
    return f"CAST(EXTRACT(HOUR FROM {compiler.process(element.clauses, **kw)}) AS INTEGER)"


class months_after(FunctionElement):  # noqa: N801
    """A DATE expression moved `months` calendar months later (31/01 + 1 month: the month's
    last day on PostgreSQL, 03/03 on SQLite; a boundary either way)."""

    inherit_cache = True

    def __init__(self, expression, months: int):
        self.months = int(months)
        super().__init__(expression)


@compiles(months_after, "sqlite")
def _months_after_sqlite(element, compiler, **kw):
    return f"date({compiler.process(element.clauses, **kw)}, '+{element.months} months')"


@compiles(months_after, "postgresql")
def _months_after_postgresql(element, compiler, **kw):
    return (f"CAST(({compiler.process(element.clauses, **kw)}) + INTERVAL "
            f"'{element.months} months' AS DATE)")
