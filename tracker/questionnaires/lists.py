"""The built-in lists a questionnaire may show: team, conventions, meetings, deadlines,
and the association's identification."""

from datetime import date

from sqlalchemy import and_, func, literal, or_, select
from sqlalchemy.orm import aliased, selectinload

from tracker.activities.models import Activity, ActivityValue, DimensionValue
from tracker.activities.vocabulary import Vocabulary
from tracker.association.models import Site
from tracker.association.services import get_association
from tracker.deadlines.models import Deadline
from tracker.deadlines.vocabulary import DEADLINE_STATUSES
from tracker.documents.tables import FteValue, ShareValue
from tracker.extensions import db
from tracker.formatting import format_date
from tracker.funders.models import Funder, Instrument
from tracker.partnerships.models import Convention, Partner
from tracker.partnerships.vocabulary import CONVENTION_STATUSES
from tracker.periods import overlaps
from tracker.permanence.models import SHORT_WEEKDAYS, PermanenceSlot
from tracker.permanence.services import (
    missed_means,
    planned_schedule,
    schedule_in_force,
    week_days,
)
from tracker.questionnaires.figure_rows import MISSING, ListResult
from tracker.questionnaires.objectives import objectives_list
from tracker.questionnaires.placements import (
    INTERN_COLUMNS,
    VOLUNTEER_COLUMNS,
    intern_rows,
    volunteer_rows,
)
from tracker.questionnaires.schema import Item
from tracker.questionnaires.source import activity_conditions
from tracker.staffing.models import Allocation, Person

MEETING_TYPES = ("reunion", "intervision", "supervision", "formation")
NO_PARTNER = "Sans partenaire"


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
    if item.site:  # its own posts, and the seat's those naming no site
        statement = statement.outerjoin(Site, Site.id == Allocation.site_id).where(or_(
            Site.name == item.site, and_(Allocation.site_id.is_(None), select(Site.id).where(
                Site.name == item.site, Site.is_seat.is_(True)).exists())))
    result = ListResult(["Nom", "Fonction", "Formation", "ETP", "Pouvoir subsidiant",
                         "Période"])
    for allocation in db.session.scalars(statement):
        notes = []
        if allocation.start_date > start:
            notes.append(f"depuis le {format_date(allocation.start_date)}")
        if allocation.end_date and allocation.end_date < end:
            reason = f" ({allocation.end_reason})" if allocation.end_reason else ""
            notes.append(f"jusqu'au {format_date(allocation.end_date)}{reason}")
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
    partners = item.conditions.get("partenaire")
    if partners:
        statement = statement.join(Convention.partner).where(Partner.name.in_(partners))
    result = ListResult(["Partenaire", "Objet", "Début", "Fin", "Statut"])
    for convention in db.session.scalars(statement.order_by(Convention.start_date)):
        result.rows.append([convention.partner.name, convention.object, convention.start_date,
                            convention.end_date,
                            CONVENTION_STATUSES.get(convention.status, convention.status)])
    return result


def _meetings(item: Item, start: date, end: date, vocabulary: Vocabulary) -> ListResult:
    """Meetings (réunions, intervisions, supervisions, trainings) that meet every `where` key,
    grouped by meeting kind (by default), partner, type or any dimension: « Fedito :
    13 réunions (17/01, 31/01, …) »; with `details`, each date with its purpose and place."""
    conditions = activity_conditions(item, start, end, vocabulary)
    if "type" not in item.conditions:
        conditions.append(Activity.type_id.in_(
            [value.id for code in MEETING_TYPES if (value := vocabulary.find("type", code))]))
    by = item.by[0] if item.by else None
    statement = (select(Activity.type_id, Activity.date, Activity.purpose, Activity.place)
                 .where(*conditions).order_by(Activity.date, Activity.id))
    statement, label_of = _grouped_meetings(statement, by)
    one_year = start.year == end.year
    groups: dict[str, list[str]] = {}
    for type_id, day, purpose, place, key in db.session.execute(statement):
        text = f"{day:%d/%m}" if one_year else format_date(day)
        if item.details and (purpose or place):
            text += " : " + ", ".join(part for part in (purpose, place) if part)
        groups.setdefault(label_of(key, vocabulary.by_id[type_id].label), []).append(text)
    if by in vocabulary.dimensions:
        heading = vocabulary.dimensions[by].label
    else:
        heading = "Partenaire" if by == "partenaire" else "Type"
    result = ListResult([heading, "Nombre", "Dates et objets" if item.details else "Dates"])
    for label, days in groups.items():
        result.rows.append([label, len(days), (" ; " if item.details else ", ").join(days)])
    return result


def _grouped_meetings(statement, by: str | None):
    """The statement with, last, what meetings are grouped by; and how a group is named."""
    if by == "partenaire":
        return (statement.add_columns(Partner.name)
                .outerjoin(Partner, Partner.id == Activity.partner_id),
                lambda name, _type: name or NO_PARTNER)
    if by == "type":
        return statement.add_columns(literal(None)), lambda _key, type_label: type_label
    link, value = aliased(ActivityValue), aliased(DimensionValue)
    statement = (statement.add_columns(value.label)
                 .outerjoin(link, and_(link.activity_id == Activity.id,
                                       link.dimension_code == (by or "type_reunion")))
                 .outerjoin(value, value.id == link.value_id))
    if by is None:  # the kind of meeting (réunion clinique…), else the activity's type
        return statement, lambda label, type_label: label or type_label
    return statement, lambda label, _type: label or MISSING


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


def _interns(_item: Item, start: date, end: date, _vocabulary) -> ListResult:
    return ListResult(list(INTERN_COLUMNS), intern_rows(start, end))


def _volunteers(_item: Item, start: date, end: date, _vocabulary) -> ListResult:
    return ListResult(list(VOLUNTEER_COLUMNS), volunteer_rows(start, end))


def _permanence(item: Item, start: date, end: date, _vocabulary) -> ListResult:
    """Table 4: each time range down, the days across with the lines open (« L1–L2 »), the
    line-hours of each range and of the week."""
    schedule = planned_schedule() if item.version == "planned" else schedule_in_force(end)
    if schedule is None:
        return ListResult(["Horaires"], [["Aucune organisation de la permanence encodée."]])
    days = sorted({slot.weekday for slot in schedule.slots})
    spans: dict[str, dict[int, PermanenceSlot]] = {}
    for slot in sorted(schedule.slots, key=lambda slot: (slot.start_time, slot.weekday)):
        spans.setdefault(slot.span, {})[slot.weekday] = slot
    result = ListResult(["Horaires"] + [SHORT_WEEKDAYS[day - 1] for day in days]
                        + ["Total heures"])
    for span, by_day in spans.items():
        result.rows.append([span] + [_lines(by_day.get(day)) for day in days]
                           + [round(sum(slot.line_hours for slot in by_day.values()), 2)])
    result.rows.append([f"Total par semaine ({schedule.label})"] + [""] * len(days)
                       + [round(schedule.line_hours, 2)])
    return result


def _lines(slot: PermanenceSlot | None) -> str:
    if slot is None:
        return ""
    return "L1" if slot.lines == 1 else f"L1–L{slot.lines}"


def _missed_calls(_item: Item, start: date, end: date, _vocabulary) -> ListResult:
    """Table 3 bis: the mean calls missed per slot over the weeks observed in the period, the
    mean per slot over a week, the week's total, and the share of incoming calls not taken
    (missed against the calls logged in those weeks)."""
    means = missed_means(start, end)
    result = ListResult(["Plage de permanence", "Moyenne appels manqués"])
    if not means.weeks:
        result.rows.append(["Aucune semaine d'observation dans la période.", None])
        return result
    result.rows += [[label, round(mean, 2)] for label, mean in means.per_slot]
    answered = db.session.scalar(select(func.count(Activity.id)).join(
        DimensionValue, DimensionValue.id == Activity.type_id).where(
        DimensionValue.code == "appel", or_(*[
            Activity.date.between(*week_days(week)) for week in means.weeks]))) or 0
    answered_per_week = answered / len(means.weeks)
    result.rows += [
        ["Sur une semaine (moyenne par plage)", round(means.mean_per_slot, 2)],
        [f"Appels manqués par semaine ({len(means.weeks)} semaines observées)",
         round(means.per_week, 1)],
        ["Appels décrochés par semaine (encodés)", round(answered_per_week, 1)],
        ["Part des appels entrants non pris en charge",
         ShareValue(100 * means.per_week / (means.per_week + answered_per_week))
         if means.per_week + answered_per_week else None]]
    return result


def _objectives(item: Item, start: date, end: date, _vocabulary) -> ListResult:
    return objectives_list(item, start, end)


# Lists read only from figure sources (tracker/figure_versions.py): cached with the figures.
FROM_FIGURE_SOURCES = frozenset({"meetings", "interns", "volunteers", "permanence",
                                 "missed_calls"})
BUILDERS = {"staff": _staff, "conventions": _conventions, "meetings": _meetings,
            "deadlines": _deadlines, "association": _association, "interns": _interns,
            "volunteers": _volunteers, "permanence": _permanence,
            "missed_calls": _missed_calls, "objectives": _objectives}
