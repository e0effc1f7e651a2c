"""The built-in lists a questionnaire may show: team, conventions, meetings, deadlines,
and the association's identification."""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, select
from sqlalchemy.orm import selectinload

from tracker.activities.models import Activity, ActivityValue, DimensionValue
from tracker.activities.vocabulary import Vocabulary
from tracker.association.services import get_association
from tracker.deadlines.models import Deadline
from tracker.deadlines.vocabulary import DEADLINE_STATUSES
from tracker.documents.tables import Cell, FteValue
from tracker.extensions import db
from tracker.formatting import format_date
from tracker.funders.models import Funder, Instrument
from tracker.partnerships.models import Convention
from tracker.partnerships.vocabulary import CONVENTION_STATUSES
from tracker.periods import overlaps
from tracker.questionnaires.schema import Item
from tracker.staffing.models import Allocation, Person

MEETING_TYPES = ("reunion", "intervision", "supervision", "formation")


@dataclass
class ListResult:
    columns: list[str]
    rows: list[list[Cell | FteValue]] = field(default_factory=list)


def compute_list(item: Item, start: date, end: date, vocabulary: Vocabulary) -> ListResult:
    return BUILDERS[item.table](item, start, end, vocabulary)


def _staff(item: Item, start: date, end: date, _vocabulary) -> ListResult:
    """One row per allocation: « Psychologue, 0,5 ETP, SPW (depuis le 18/08/2014) »."""
    first = end if item.at_end else start
    statement = (select(Allocation).join(Allocation.person)
                 .where(overlaps(Allocation, first, end))
                 .options(selectinload(Allocation.person), selectinload(Allocation.function),
                          selectinload(Allocation.funder))
                 .order_by(Person.full_name,
                           Allocation.start_date))
    if item.funder:
        statement = statement.join(Allocation.funder).where(Funder.code == item.funder)
    if item.functions:
        statement = statement.where(Allocation.function_code.in_(item.functions))
    result = ListResult(["Nom", "Fonction", "Formation", "ETP", "Pouvoir subsidiant",
                         "Période"])
    for allocation in db.session.scalars(statement):
        notes = []
        if allocation.start_date > start:
            notes.append(f"depuis le {format_date(allocation.start_date)}")
        if allocation.end_date and allocation.end_date < end:
            notes.append(f"jusqu'au {format_date(allocation.end_date)}")
        result.rows.append([allocation.person.full_name, allocation.function.label,
                            allocation.person.training, FteValue(float(allocation.fte)),
                            allocation.funder.label, ", ".join(notes) or "toute l'année"])
    return result


def _conventions(item: Item, start: date, end: date, _vocabulary) -> ListResult:
    """Active during the period, or (`concluded: true`) signed during it."""
    statement = select(Convention).options(selectinload(Convention.partner))
    if item.concluded:
        statement = statement.where(Convention.start_date.between(start, end))
    else:
        statement = statement.where(overlaps(Convention, start, end))
    result = ListResult(["Partenaire", "Objet", "Début", "Fin", "Statut"])
    for convention in db.session.scalars(statement.order_by(Convention.start_date)):
        result.rows.append([convention.partner.name, convention.object, convention.start_date,
                            convention.end_date,
                            CONVENTION_STATUSES.get(convention.status, convention.status)])
    return result


def _meetings(item: Item, start: date, end: date, vocabulary: Vocabulary) -> ListResult:
    """Dates grouped by meeting type (réunion clinique, intervision, supervision…)."""
    types = item.conditions.get("type", MEETING_TYPES)
    type_ids = [vocabulary.find("type", code).id for code in types if vocabulary.find("type", code)]
    meeting_kind = (select(DimensionValue.label).join(
        ActivityValue, and_(ActivityValue.value_id == DimensionValue.id,
                            ActivityValue.activity_id == Activity.id,
                            ActivityValue.dimension_code == "type_reunion"))
        .limit(1).scalar_subquery())
    rows = db.session.execute(
        select(Activity.type_id, meeting_kind, Activity.date)
        .where(Activity.type_id.in_(type_ids), Activity.date.between(start, end))
        .order_by(Activity.date))
    groups: dict[str, list[date]] = {}
    for type_id, kind, day in rows:
        groups.setdefault(kind or vocabulary.by_id[type_id].label, []).append(day)
    result = ListResult(["Type", "Nombre", "Dates"])
    for label, days in groups.items():
        result.rows.append([label, len(days), ", ".join(format_date(day) for day in days)])
    return result


def _deadlines(item: Item, start: date, end: date, _vocabulary) -> ListResult:
    statement = select(Deadline).where(Deadline.due_date.between(start, end))
    if item.funder:
        statement = statement.join(Instrument, Deadline.instrument_id == Instrument.id).join(
            Funder).where(Funder.code == item.funder)
    result = ListResult(["Échéance", "Intitulé", "Statut", "Soumis le"])
    for deadline in db.session.scalars(statement.order_by(Deadline.due_date)):
        result.rows.append([deadline.due_date, deadline.title,
                            DEADLINE_STATUSES.get(deadline.status, deadline.status),
                            deadline.submitted_on])
    return result


def _association(_item: Item, _start: date, _end: date, _vocabulary) -> ListResult:
    association = get_association()
    result = ListResult(["Rubrique", "Donnée"])
    if association is None:
        return result
    address = " ".join(part for part in (association.street, association.postcode,
                                         association.city) if part)
    for label, value in (("Dénomination", f"{association.legal_form} {association.name}"),
                         ("Numéro d'entreprise", association.enterprise_number),
                         ("Adresse", address), ("Téléphone", association.phone),
                         ("E-mail", association.email), ("Site web", association.website)):
        if value:
            result.rows.append([label, value])
    return result


BUILDERS = {"staff": _staff, "conventions": _conventions, "meetings": _meetings,
            "deadlines": _deadlines, "association": _association}
