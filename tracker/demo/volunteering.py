"""Demo interns and volunteers (invented names), and the figures typed by the secretary for
two years (so that the COCOF form shows a change)."""

from datetime import date
from decimal import Decimal

from tracker.extensions import db
from tracker.interns_volunteers.models import Intern, Volunteer
from tracker.interns_volunteers.services import save_intern, save_volunteer
from tracker.questionnaires.registry import get_definition
from tracker.questionnaires.services import get_response, save_indicators
from tracker.staffing.services import find_person_by_name

D = date.fromisoformat
# name, school, field, start, end, hours, supervisor
INTERNS = [
    ("Lou Vermeulen", "Haute École de la Province (fictive)", "Assistant(e) social(e)",
     "2025-02-03", "2025-05-16", 450, "Léa Verhaegen"),
    ("Yanis Benali", "Université de la Vallée (fictive)", "Psychologie", "2025-09-15",
     "2026-01-30", 380, "Samir Benhaddou"),
    ("Clara Nyssen", "Institut social de la Ville (fictif)", "Éducateur(trice) spécialisé(e)",
     "2024-10-01", "2025-03-28", 600, "Maxime Delcourt"),
]
# name, mission, start, end, hours, €/h
VOLUNTEERS = [
    ("Paul Devos", "Accueil et animation d'atelier", "2025-01-06", "2025-12-19", 160, "15.00"),
    ("Inès Marchal", "Relecture des brochures", "2025-03-01", "2025-06-30", 24, None),
]
# (COCOF form) item: {year: (value, source)}
INDICATORS = {
    "contacts_presse": {2024: ("18", "Registre des demandes presse"),
                        2025: ("21", "Registre des demandes presse")},
    "pages_vues": {2024: ("301.504", "Statistiques du site (fictives)"),
                   2025: ("245 580", "Statistiques du site (fictives)")},
    "publications_facebook": {2024: ("108", "Page Facebook"), 2025: ("127", "Page Facebook")},
}


def load_volunteering() -> None:
    if db.session.scalar(db.select(Intern.id).limit(1)) is None:
        for name, school, field, start, end, hours, supervisor in INTERNS:
            person = find_person_by_name(supervisor)
            save_intern(None, full_name=name, school=school, field=field, start_date=D(start),
                        end_date=D(end), hours=hours,
                        supervisor_id=person.id if person else None)
    if db.session.scalar(db.select(Volunteer.id).limit(1)) is None:
        for name, mission, start, end, hours, rate in VOLUNTEERS:
            save_volunteer(None, full_name=name, mission=mission, start_date=D(start),
                           end_date=D(end), hours=hours,
                           hourly_value=Decimal(rate) if rate else None)
    definition = get_definition("cocof-ambulatoire")
    for year in (2024, 2025):
        response = get_response(definition, year)
        if response is None or not response.indicators:
            save_indicators(definition, year, {item_id: years[year]
                                               for item_id, years in INDICATORS.items()})
