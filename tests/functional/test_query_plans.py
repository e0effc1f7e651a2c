"""The queries of the pages that must stay fast are served by an index, never a full scan of
the activity table (EXPLAIN on SQLite; on PostgreSQL with sequential scans disabled, so that
a small test table still shows whether an index can serve)."""

from datetime import date

from sqlalchemy import text

from tracker.activities.services import ActivityFilters, filtered_activities
from tracker.activities.vocabulary import Vocabulary
from tracker.questionnaires.registry import get_definition


def plan(db, statement) -> str:
    compiled = statement.compile(db.engine, compile_kwargs={"literal_binds": True})
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("SET LOCAL enable_seqscan = off"))
        return "\n".join(row[0] for row in db.session.execute(text(f"EXPLAIN {compiled}")))
    return "\n".join(row[-1] for row in db.session.execute(
        text(f"EXPLAIN QUERY PLAN {compiled}")))


def test_an_authors_own_list_uses_the_authors_index(db):
    query = filtered_activities(ActivityFilters(created_by_id=42), Vocabulary.load())
    shown = plan(db, query.limit(51))
    assert "ix_activity_author_date" in shown, shown


def test_the_weekday_and_hour_table_reads_the_covering_index(db):
    from sqlalchemy import event

    from tracker.extensions import db as database
    from tracker.questionnaires.figures import Figures

    item = get_definition("cocof-ambulatoire").item("moments_appels")
    statements = []

    def capture(_connection, _cursor, statement, parameters, _context, _many):
        statements.append((statement, parameters))

    event.listen(database.engine, "before_cursor_execute", capture)
    try:
        Figures(date(2025, 1, 1), date(2025, 12, 31), Vocabulary.load()).table(item)
    finally:
        event.remove(database.engine, "before_cursor_execute", capture)
    statement, parameters = next((s, p) for s, p in statements if "start_time" in s)
    cursor = db.session.connection().connection.cursor()
    if database.engine.dialect.name == "postgresql":
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + statement, parameters)
        shown = "\n".join(row[0] for row in cursor.fetchall())
        assert "Seq Scan on activity" not in shown, shown
    else:
        cursor.execute("EXPLAIN QUERY PLAN " + statement, parameters)
        shown = "\n".join(str(row[-1]) for row in cursor.fetchall())
        assert "COVERING INDEX ix_activity_type_date" in shown, shown
