"""Many rows into one table at once, inside the caller's transaction: PostgreSQL's COPY (the
fastest way in, several times an INSERT of the same rows), SQLite's executemany (already as
fast as SQLite writes). Ids are reserved first on PostgreSQL, so that the rows of a second
table can name them (an activity's values). Python-side column defaults (`created_at`) are
filled here, as an INSERT through SQLAlchemy would; server defaults apply by themselves."""

from sqlalchemy import Connection, Table, insert, text


def reserve_ids(connection: Connection, table: Table, count: int) -> list[int] | None:
    """`count` ids of the table's sequence on PostgreSQL (None on SQLite: it gives them)."""
    if connection.dialect.name != "postgresql" or count == 0:
        return None
    return list(connection.execute(
        text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) "
             "FROM generate_series(1, :count)"), {"table": table.name, "count": count}
    ).scalars())


def insert_rows(connection: Connection, table: Table, rows: list[dict]) -> None:
    """The rows (dicts with the same keys) into the table."""
    if not rows:
        return
    if connection.dialect.name != "postgresql":
        connection.execute(insert(table), rows)
        return
    given = list(rows[0])
    defaults = {column.name: column.default for column in table.columns
                if column.name not in given and column.default is not None
                and not column.primary_key}
    columns = given + list(defaults)
    names = ", ".join(f'"{name}"' for name in columns)
    cursor = connection.connection.driver_connection.cursor()
    try:
        with cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
            filled = [default.arg if default.is_scalar else default.arg(None)
                      for default in defaults.values()]
            for row in rows:
                copy.write_row([row[name] for name in given] + filled)
    finally:
        cursor.close()
