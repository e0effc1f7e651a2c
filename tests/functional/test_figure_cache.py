"""Questionnaire figures cost nothing when nothing changed: cached per definition and year
while the year's figure version stands, and recomputed exactly when a change touches that
year (an activity of 2022 changes 2022 and later years, never 2021)."""

from datetime import date

from sqlalchemy import select

from tracker.activities.importer import import_activities
from tracker.activities.models import Activity
from tracker.activities.services import delete_activity
from tracker.figure_versions import current_version
from tracker.questionnaires.definition import parse_definition
from tracker.questionnaires.figure_cache import counts
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
