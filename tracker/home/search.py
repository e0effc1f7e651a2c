"""The header's search: funders, instruments, people, partners, conventions, deadlines and
questionnaires by name (case and accents ignored), each result a link to its page, only what
the signed-in role may open (the board reads all of these; staff none of them)."""

from dataclasses import dataclass
from datetime import date

from flask import url_for
from sqlalchemy import select

from tracker.auth.roles import READERS, Role
from tracker.deadlines.models import Deadline
from tracker.extensions import db
from tracker.formatting import format_date
from tracker.funders.models import Funder, Instrument
from tracker.partnerships.models import Convention, Partner
from tracker.questionnaires.registry import all_definitions
from tracker.staffing.models import Person
from tracker.text import normalize

PER_KIND = 8  # results shown per kind
SHORTEST = 2  # characters: a shorter query finds nothing


@dataclass(frozen=True)
class Result:
    kind: str  # « Financeur », « Personne »…
    title: str
    detail: str
    url: str


def _matches(query: str, *texts: str) -> bool:
    return any(query in normalize(text or "") for text in texts)


def search(text: str, role: Role) -> dict[str, list[Result]]:
    """Results by kind, in the order a reader looks for them; none for staff."""
    query = normalize(text)
    if len(query) < SHORTEST or role not in READERS:
        return {}
    found: dict[str, list[Result]] = {}

    def add(kind: str, results) -> None:
        results = list(results)[:PER_KIND]
        if results:
            found[kind] = results

    add("Financeurs", (Result("Financeur", funder.label, funder.name, url_for("funders.index"))
                       for funder in db.session.scalars(select(Funder).order_by(Funder.name))
                       if _matches(query, funder.name, funder.label)))
    add("Instruments", (Result("Instrument", item.title, item.funder.label,
                               url_for("funders.instrument", instrument_id=item.id))
                        for item in db.session.scalars(select(Instrument)
                                                       .order_by(Instrument.title))
                        if _matches(query, item.title)))
    add("Personnes", (Result("Personne", person.full_name, "",
                             url_for("staffing.person", person_id=person.id))
                      for person in db.session.scalars(select(Person)
                                                       .order_by(Person.full_name))
                      if _matches(query, person.full_name)))
    add("Partenaires et conventions", [
        *(Result("Partenaire", partner.name, "", url_for("partnerships.index"))
          for partner in db.session.scalars(select(Partner).order_by(Partner.name))
          if _matches(query, partner.name)),
        *(Result("Convention", convention.object, convention.partner.name,
                 url_for("partnerships.convention", convention_id=convention.id))
          for convention in db.session.scalars(select(Convention)
                                               .order_by(Convention.start_date.desc()))
          if _matches(query, convention.object, convention.partner.name))])
    add("Échéances", (Result("Échéance", deadline.title, format_date(deadline.due_date),
                             url_for("deadlines.show", deadline_id=deadline.id))
                      for deadline in db.session.scalars(
                          select(Deadline).order_by(Deadline.due_date.desc()))
                      if _matches(query, deadline.title)))
    year = date.today().year - 1
    add("Questionnaires", (Result("Questionnaire", definition.title, definition.funder,
                                  url_for("questionnaires.show", definition_id=definition.id,
                                          year=year))
                           for definition in all_definitions()
                           if _matches(query, definition.title, definition.id)))
    return found
