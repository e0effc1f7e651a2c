"""The queries of the pages that must stay fast are served by an index, never a full scan of
the activity table (EXPLAIN on SQLite; on PostgreSQL with sequential scans disabled, so that
a small test table still shows whether an index can serve)."""

import re
from datetime import date

from sqlalchemy import text

from tracker.activities.listing import ActivityFilters, filtered_activities
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


def page_statements(app, database, paths: list[str]) -> list[tuple[str, object, str]]:
    """Every statement on the activity tables the pages run, with its parameters and page."""
    from sqlalchemy import event

    from tests.factories import PASSWORD, make_user
    from tests.helpers import post_form
    from tracker.auth.roles import Role
    from tracker.extensions import db as engine_owner
    from tracker.figure_cache import forget_all

    client, user = app.test_client(), make_user(Role.DIRECTOR)
    post_form(client, "/login", {"email": user.email, "password": PASSWORD})
    statements, page = [], [""]

    def capture(_connection, _cursor, statement, parameters, _context, many):
        if not many and re.search(r"\bactivity(_value)?\b", statement):
            statements.append((statement, parameters, page[0]))

    forget_all()  # the questionnaires computed, not read from the cache
    event.listen(engine_owner.engine, "before_cursor_execute", capture)
    try:
        for page[0] in paths:
            assert client.get(page[0]).status_code in (200, 302), page[0]
    finally:
        event.remove(engine_owner.engine, "before_cursor_execute", capture)
    return statements


def test_no_page_reads_the_activity_tables_without_an_index(demo_app, demo_db):
    """Every list page, dashboard and questionnaire of the demo: each statement touching the
    activities is explained; a bare table scan of them (SQLite « SCAN activity », PostgreSQL
    « Seq Scan » with sequential scans disabled) fails, naming the page and the query."""
    from tracker.dossiers.models import Dossier
    from tracker.questionnaires.registry import all_definitions

    paths = [rule.rule for rule in demo_app.url_map.iter_rules()
             if "<" not in rule.rule and "GET" in rule.methods and rule.rule != "/logout"
             and not rule.rule.startswith(("/static", "/sante"))]
    dossier = demo_db.session.scalar(demo_db.select(Dossier.hash).limit(1))
    paths += [f"/questionnaires/{definition.id}/2025" for definition in all_definitions()]
    paths += [f"/dossiers/{dossier}", "/activites/?type=appel", "/activites/?valeur=3",
              "/activites/?du=01/01/2024&au=31/12/2024&type=consultation",
              "/activites/?intervenant=1", "/activites/?intervenant=personne",
              "/activites/?apres=2024-06-01.5000&page=2", "/activites/?avant=2024-06-01.5000"]
    statements = page_statements(demo_app, demo_db, paths)
    assert len({page for _s, _p, page in statements}) >= 15  # the pages did read activities
    cursor = demo_db.session.connection().connection.cursor()
    postgres = demo_db.engine.dialect.name == "postgresql"
    if postgres:
        cursor.execute("SET LOCAL enable_seqscan = off")
    bare_scans, histories = [], []
    for statement, parameters, page in {s: (s, p, pg) for s, p, pg in statements}.values():
        cursor.execute(("EXPLAIN " if postgres else "EXPLAIN QUERY PLAN ") + statement,
                       parameters)
        shown = [str(row[0] if postgres else row[-1]) for row in cursor.fetchall()]
        scan = re.compile(r"Seq Scan on (activity|activity_value)\b" if postgres
                          else r"^SCAN (activity|activity_value)( AS \w+)?$")
        if any(scan.search(line.strip()) for line in shown):
            bare_scans.append(f"{page}: {statement[:160]}…\n  " + "\n  ".join(shown))
        if "lag(activity.date)" in statement:  # first interviews: a dossier's history
            histories.append("\n".join(shown))
    assert not bare_scans, "\n\n".join(bare_scans)
    assert histories and all("ix_activity_dossier_history" in shown for shown in histories), \
        histories
