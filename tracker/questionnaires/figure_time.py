"""A questionnaire table by quarter or month (one GROUP BY on the activity's date) or by year,
over one or several years: each year's row is computed by itself and kept while nothing of
that year changes (tracker/figure_cache.py): a change of 2025 recomputes 2025's row, never
rescans 2016-2024."""

import hashlib
import pickle
from datetime import date

from sqlalchemy import case, extract

from tracker.activities.vocabulary import Vocabulary
from tracker.extensions import db
from tracker.figure_cache import kept
from tracker.questionnaires.figure_rows import Row, TableResult, apply_shares, number_of
from tracker.questionnaires.schema import Item
from tracker.questionnaires.source import Source

MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre"]


def time_table(item: Item, start: date, end: date, vocabulary: Vocabulary) -> TableResult:
    axis = item.by[0]
    first_start = start.replace(year=start.year - (item.years or 1) + 1)
    source = Source(item, first_start, end, vocabulary)
    weighted = source.weight is not None
    if axis == "year":  # a period across two calendar years is named after the year it starts in
        keys = list(range(first_start.year, start.year + 1))
        labels = [str(year) for year in keys]
        what = hashlib.sha256(pickle.dumps(item)).hexdigest()  # the item as its definition says
        counts = {year: year_value(item, what, start, end, year, vocabulary) for year in keys}
    else:
        day = source.column("date")
        months = [(start.month - 1 + offset) % 12 + 1 for offset in range(12)]
        if axis == "month":
            keys, labels = months, [MONTHS[month - 1] for month in months]
            bucket = extract("month", day)
        else:
            keys, labels = [1, 2, 3, 4], ["T1", "T2", "T3", "T4"]
            bucket = case({month: index // 3 + 1 for index, month in enumerate(months)},
                          value=extract("month", day))
        counts = {int(key): value for key, value in db.session.execute(
            source.select(bucket, source.aggregate(item.metric)).group_by(bucket))
            if key is not None}
    rows = [Row(keys={axis: key}, label=label,
                value=number_of(counts.get(key), item.metric, weighted))
            for key, label in zip(keys, labels, strict=True)]
    if item.metric.kind in ("count", "sum"):  # the buckets split the activities: rows add up
        total = number_of(sum(float(value or 0) for value in counts.values()), item.metric,
                        weighted)
    else:
        total = number_of(db.session.scalar(source.select(source.aggregate(item.metric))),
                        item.metric, weighted)
    apply_shares(item.metric, rows, total)
    return TableResult(by=(axis,), rows=rows, total=total)


def year_value(item: Item, what: str, start: date, end: date, year: int,
               vocabulary: Vocabulary):
    """The item's aggregate over the period of `year` (the period [start, end] moved to the
    year it starts in), kept while that period's last year has not changed; `what` names the
    item as its definition says."""
    period_start = start.replace(year=year)
    period_end = end.replace(year=end.year - start.year + year)

    def compute():
        source = Source(item, period_start, period_end, vocabulary)
        return db.session.scalar(source.select(source.aggregate(item.metric)))

    return kept(("year_row", what, period_start, period_end), period_end.year, compute)
