"""Questionnaire figures cost nothing when nothing changed: cached per definition and year
while the year's figure version stands, and recomputed exactly when a change touches that
year (an activity of 2022 changes 2022 and later years, never 2021)."""

from datetime import date

from sqlalchemy import select

from tracker.activities.importer import import_activities
from tracker.activities.models import Activity
from tracker.activities.services import delete_activity
from tracker.figure_cache import counts
from tracker.figure_versions import current_version
from tracker.questionnaires.definition import parse_definition
from tracker.questionnaires.services import current_report

DEFINITION = parse_definition("""
id: cache-essai
funder: COCOF
title: Essai du cache
sections:
  - title: Appels
    items:
      - {id: appels, label: Appels, metric: count, where: {type: appel}}
      - {id: par_region, label: Par région, metric: count, where: {type: appel}, by: region}
""", "cache-essai.yaml")


def calls(year: int) -> int:
    report = current_report(DEFINITION, year)
    return report.sections[0].items[0].value


def test_a_change_of_2022_recomputes_2022_and_leaves_2021_cached(db):
    import_activities(b"date;type;region;duree_min\n10/03/2021;appel;wallonie;5\n"
                      b"10/03/2022;appel;wallonie;5\n11/03/2022;appel;bruxelles;5\n",
                      "appels.csv")
    db.session.commit()
    assert (calls(2021), calls(2022)) == (1, 2)  # computed, then kept
    hits = counts["hits"]
    assert (calls(2021), calls(2022)) == (1, 2) and counts["hits"] == hits + 2
    version_2021, version_2022 = current_version(2021), current_version(2022)

    one_of_2022 = db.session.scalar(select(Activity).where(Activity.date == date(2022, 3, 11)))
    delete_activity(one_of_2022)
    db.session.commit()
    assert current_version(2021) == version_2021  # untouched
    assert current_version(2022) != version_2022
    misses, hits = counts["misses"], counts["hits"]
    assert calls(2022) == 1 and counts["misses"] == misses + 1  # the change is seen at once
    assert calls(2021) == 1 and counts["hits"] == hits + 1  # 2021 still from the cache


def test_corrections_never_change_what_the_cache_keeps(db):
    from tracker.questionnaires.services import correct_figure

    import_activities(b"date;type;duree_min\n10/03/2023;appel;5\n", "un-appel.csv")
    db.session.commit()
    assert calls(2023) == 1
    correct_figure(DEFINITION, 2023, "appels", "", "7", "relevé du central")
    db.session.commit()
    assert calls(2023) == 7.0
    assert current_report(DEFINITION, 2023).sections[0].items[0].computed == 1


def test_every_table_the_figures_read_is_a_figure_source(demo_app, demo_db):
    """A new table read by a figure must say when its changes alter figures (FigureSource),
    or a cached figure could outlive the data."""
    import re

    from sqlalchemy import event

    from tracker.activities.vocabulary import Vocabulary
    from tracker.extensions import db
    from tracker.figure_versions import FigureSource
    from tracker.questionnaires.registry import all_definitions
    from tracker.questionnaires.report import computed_figures

    read: set[str] = set()
    definitions = all_definitions()  # the definition is part of the cache's key

    def capture(_connection, _cursor, statement, *_rest):
        read.update(re.findall(r'\b(?:FROM|JOIN)\s+"?([a-z_]+)"?', statement))

    event.listen(db.engine, "before_cursor_execute", capture)
    try:
        for definition in definitions:
            computed_figures(definition, 2025, Vocabulary.load())
    finally:
        event.remove(db.engine, "before_cursor_execute", capture)
    sources = {mapper.local_table.name for mapper in db.Model.registry.mappers
               if issubclass(mapper.class_, FigureSource)}
    # not the queries' own names (CTEs, aliases), nor the versions the year rows' cache reads
    tables = read & set(db.metadata.tables) - {"figure_version"}
    assert tables and tables - sources == set(), sorted(tables - sources)


TEN_YEARS = parse_definition("""
id: cache-dix-ans
funder: COCOF
title: Dix ans d'appels
sections:
  - title: Appels
    items:
      - {id: par_annee, label: Par année, metric: count, where: {type: appel}, by: year, years: 10}
""", "cache-dix-ans.yaml")


def test_a_change_of_this_year_recomputes_its_row_of_a_ten_year_table_only(db):
    import_activities(b"date;type;duree_min\n" + b"".join(
        f"10/03/{year};appel;5\n".encode() for year in range(2016, 2026)), "dix-ans.csv")
    db.session.commit()
    rows = current_report(TEN_YEARS, 2025).sections[0].items[0].table.rows
    assert [row.value for row in rows] == [1] * 10
    import_activities(b"date;type;duree_min\n11/03/2025;appel;5\n", "encore.csv")
    db.session.commit()
    misses, hits = counts["misses"], counts["hits"]
    rows = current_report(TEN_YEARS, 2025).sections[0].items[0].table.rows
    assert [row.value for row in rows] == [1] * 9 + [2]
    # the questionnaire and its 2025 row computed again; 2016-2024 read from the cache
    assert counts["misses"] == misses + 2 and counts["hits"] == hits + 9


def test_the_vocabulary_page_counts_are_kept_until_an_activity_changes(db):
    from tracker.activities.vocabulary import Vocabulary, usage_counts

    call = Vocabulary.load().find("type", "appel").id
    before = usage_counts().get(call, 0)
    import_activities(b"date;type;duree_min\n10/03/2019;appel;5\n", "un.csv")
    db.session.commit()
    assert usage_counts()[call] == before + 1
    hits = counts["hits"]
    assert usage_counts()[call] == before + 1 and counts["hits"] == hits + 1


def test_finalisation_computes_every_row_again_even_those_kept(db):
    from tracker.questionnaires.report import build_report

    import_activities(b"date;type;duree_min\n" + b"".join(
        f"10/03/{year};appel;5\n".encode() for year in range(2016, 2026)), "dix-ans.csv")
    db.session.commit()
    current_report(TEN_YEARS, 2025)  # every row computed and kept
    misses, hits = counts["misses"], counts["hits"]
    report = build_report(TEN_YEARS, 2025, cached=False)  # as the finalisation builds it
    assert [row.value for row in report.sections[0].items[0].table.rows] == [1] * 10
    assert counts["hits"] == hits and counts["misses"] == misses + 10
