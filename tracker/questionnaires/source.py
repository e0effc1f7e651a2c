"""The activities a questionnaire item reads, as a SQL source: the activity table filtered by
the item's `where`, or, with `funded_by`, each activity weighted by the share of its
performer's FTE that the funder pays on that day."""

from datetime import date

from sqlalchemy import Float, case, cast, distinct, exists, func, select

from tracker.activities.models import HELD, Activity, ActivityValue
from tracker.activities.visible import written_whole
from tracker.activities.vocabulary import Vocabulary
from tracker.catalogue.models import JobFunction
from tracker.extensions import db
from tracker.funders.models import Funder
from tracker.partnerships.models import Partner
from tracker.periods import overlaps
from tracker.questionnaires.schema import DIRECTIONS, Item, Metric
from tracker.staffing.models import Allocation

COLUMNS = {"duree_min": "duree_min", "participants": "participants", "dossier": "dossier_hash",
           "intervenant": "person_id", "partenaire": "partner_id", "date": "date",
           "service": "service", "type": "type_id", "id": "id", "heure": "start_time",
           "presence": "presence"}


def activity_conditions(item: Item, start: date, end: date, vocabulary: Vocabulary) -> list:
    """The activities of the period that meet every `where` key of the item (figures, tables
    and the meetings list read the same rows)."""
    conditions = [Activity.date >= start, Activity.date <= end, written_whole()]
    if "presence" not in item.conditions:  # appointments held, unless asked otherwise
        conditions.append(Activity.presence == HELD)
    for key, codes in item.where:
        if key == "presence":
            conditions.append(Activity.presence.in_(codes))
        elif key == "fonction":
            conditions.append(function_on_day(Activity.person_id, Activity.date).in_(codes))
        elif key == "service":
            conditions.append(Activity.service.in_(codes))
        elif key == "sens":
            conditions.append(Activity.received.in_([DIRECTIONS[code] for code in codes]))
        elif key == "partenaire":
            conditions.append(Activity.partner_id.in_(
                select(Partner.id).where(Partner.name.in_(codes))))
        elif key == "type":
            conditions.append(Activity.type_id.in_(
                [vocabulary.find(key, code).id for code in codes]))
        else:
            ids = [vocabulary.find(key, code).id for code in codes]
            conditions.append(exists().where(ActivityValue.activity_id == Activity.id,
                                             ActivityValue.value_id.in_(ids)))
    return conditions


def function_on_day(person, day):
    """The function its performer held on an activity's day (SQL): the one of most FTE that
    day, the first in the catalogue's order on a tie (a director who is also a psychologist
    half-time each consults as a psychologist); NULL without performer or allocation."""
    return (select(Allocation.function_code)
            .join(JobFunction, JobFunction.code == Allocation.function_code)
            .where(Allocation.person_id == person, overlaps(Allocation, day, day))
            .group_by(Allocation.function_code, JobFunction.position)
            .order_by(func.sum(Allocation.fte).desc(), JobFunction.position,
                      Allocation.function_code)
            .limit(1).scalar_subquery())


class Source:
    """The activities an item reads: the table itself, or weighted by a funder's share."""

    def __init__(self, item: Item, start: date, end: date, vocabulary: Vocabulary):
        conditions = activity_conditions(item, start, end, vocabulary)
        if item.funded_by is None:
            self.table, self.weight, self.conditions = Activity.__table__, None, conditions
            return
        funder_id = db.session.scalar(select(Funder.id).where(Funder.code == item.funded_by))
        fte = cast(Allocation.fte, Float)
        # the performer's share of the funder that day, read per activity through the
        # allocations' person index: the activities themselves come by their date index
        share = (select(func.sum(case((Allocation.funder_id == funder_id, fte), else_=0.0))
                        / func.nullif(func.sum(fte), 0))
                 .where(Allocation.person_id == Activity.person_id,
                        overlaps(Allocation, Activity.date, Activity.date))
                 .scalar_subquery())
        shared = select(*[getattr(Activity, name) for name in sorted(set(COLUMNS.values()))],
                        share.label("weight")).where(*conditions).subquery("shared")
        weighted = select(shared).where(shared.c.weight > 0).subquery("weighted")
        self.table, self.weight, self.conditions = weighted, weighted.c.weight, []

    def column(self, name: str):
        return self.table.c[COLUMNS[name]]

    def aggregate(self, metric: Metric):
        weight = self.weight
        if metric.kind == "count":
            return func.count() if weight is None else func.sum(weight)
        column = self.column(metric.field)
        if metric.kind == "distinct":
            return func.count(distinct(column))
        if metric.kind == "sum":
            return func.sum(column) if weight is None else func.sum(column * weight)
        if weight is None:
            return func.avg(cast(column, Float))
        return func.sum(column * weight) / func.nullif(
            func.sum(case((column.is_not(None), weight), else_=None)), 0)

    def select(self, *columns):
        return select(*columns).select_from(self.table).where(*self.conditions)
