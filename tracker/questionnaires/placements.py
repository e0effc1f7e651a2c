"""Interns and volunteers in a questionnaire: their lists (field, school, period and hours,
never their names) and their figures (how many, how many hours, their value)."""

from datetime import date

from tracker.formatting import format_date
from tracker.interns_volunteers.models import Intern, Volunteer
from tracker.interns_volunteers.services import Presence, present_during
from tracker.questionnaires.schema import Item

MODELS = {"interns": Intern, "volunteers": Volunteer}


def _period(presence: Presence) -> str:
    record = presence.record
    return f"du {format_date(record.start_date)} au {format_date(record.end_date)}"


INTERN_COLUMNS = ["Filière", "École", "Période", "Heures dans l'année", "Maître de stage"]
VOLUNTEER_COLUMNS = ["Mission", "Période", "Heures dans l'année", "Valorisation (€)"]


def intern_rows(start: date, end: date) -> list[list]:
    return [[presence.record.field, presence.record.school, _period(presence), presence.hours,
             presence.record.supervisor.full_name if presence.record.supervisor else ""]
            for presence in present_during(Intern, start, end)]


def volunteer_rows(start: date, end: date) -> list[list]:
    return [[presence.record.mission, _period(presence), presence.hours,
             None if presence.value is None else float(presence.value)]
            for presence in present_during(Volunteer, start, end)]


def people_figure(item: Item, start: date, end: date) -> float | int:
    """`count`, `sum:heures` or `sum:valorisation` of the interns or volunteers present."""
    presences = present_during(MODELS[item.of], start, end)
    if item.metric.kind == "count":
        return len(presences)
    if item.metric.field == "heures":
        return round(sum(presence.hours for presence in presences), 1)
    return round(float(sum(presence.value or 0 for presence in presences)), 2)
