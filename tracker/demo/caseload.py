"""The demo's people in consultation, fictitious and generated deterministically: each
dossier keeps its attributes (one gender, a birth year that ages them, a main product…), a
care path (the functions that see them), a period of follow-up, and appointments of which
some are missed or cancelled. The activities and the dossiers of the demo both read it."""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

FIRST_YEAR, LAST_YEAR = 2016, 2025
NEW_PER_YEAR = 100
# (functions that see the person, weight): « médecin seul », « médecin + psychologue »…
PATHS = [(("psychologue",), 34), (("assistant_social",), 12), (("medecin",), 10),
         (("medecin", "psychologue"), 18), (("psychologue", "assistant_social"), 12),
         (("medecin", "psychologue", "assistant_social"), 9),
         (("medecin", "assistant_social"), 5)]
REQUESTS = {"psychologue": "suivi_psychologique", "assistant_social": "suivi_social",
            "medecin": "suivi_medical"}
PRESENCES = {"venu": 80, "absent": 13, "annule": 7}
FOLLOW_UP_MONTHS = {0: 14, 1: 16, 3: 20, 6: 18, 9: 12, 14: 10, 24: 6, 36: 4}
ENDS = {"fin_de_suivi": 5, "abandon": 3, "orientation": 2}
AGE_BANDS = [(12, 17, "12-17"), (18, 29, "18-29"), (30, 44, "30-44"), (45, 64, "45-64"),
             (65, 79, "65-79"), (80, 200, "80+")]


@dataclass
class Visit:
    day: date
    function: str
    presence: str
    first: bool = False


@dataclass
class CasePerson:
    code: str
    path: tuple[str, ...]
    born: int
    attributes: dict[str, str | list[str]]  # dimension code -> value code(s), at intake
    visits: list[Visit] = field(default_factory=list)
    end_reason: str | None = None  # closed by the office after the last visit
    events: list[tuple[date, str, str]] = field(default_factory=list)  # (day, kind, to)

    @property
    def intake(self) -> date:
        return self.visits[0].day

    def age_band(self, day: date) -> str:
        age = day.year - self.born
        return next(code for low, high, code in AGE_BANDS if low <= age <= high)

    def held(self) -> list[Visit]:
        return [visit for visit in self.visits if visit.presence == "venu"]


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), list(weights.values()))[0]


def _working_day(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _attributes(rng: random.Random, path: tuple[str, ...]) -> dict:
    relative = "medecin" not in path and rng.random() < 0.18
    products = rng.sample(["cannabis", "cocaine", "alcool", "heroine", "benzodiazepines"],
                          rng.randint(1, 3))
    substitution = "aucun"
    if "medecin" in path and products[0] == "heroine":
        substitution = _weighted(rng, {"methadone": 8, "buprenorphine": 2})
    return {
        "statut": "entourage" if relative else "usager",
        "genre": _weighted(rng, {"masculin": 68, "feminin": 32}),
        "region": _weighted(rng, {"bruxelles": 80, "wallonie": 20}),
        "envoyeur": rng.choice(["lui_meme", "famille", "medecin_traitant", "justice",
                                "maison_medicale", "hopital"]),
        "produit_principal": products[0], "produits": products[1:],
        "situation_familiale": _weighted(rng, {"celibataire": 50, "en_couple": 20,
                                               "marie": 10, "separe": 17, "veuf": 3}),
        "logement": _weighted(rng, {"seul": 38, "parents": 22, "partenaire": 15,
                                    "partenaire_enfants": 10, "enfants": 7, "amis": 8}),
        "lieu_de_vie": _weighted(rng, {"stable": 70, "instable": 15, "institution": 6,
                                       "prison": 3, "sans_abri": 6}),
        "nationalite": _weighted(rng, {"belge": 78, "ue": 12, "hors_ue": 10}),
        "scolarite": _weighted(rng, {"primaire": 12, "secondaire_inferieur": 30,
                                     "secondaire_superieur": 38, "superieur": 20}),
        "revenus": _weighted(rng, {"travail": 30, "chomage": 22, "cpas": 25, "mutuelle": 15,
                                   "pension": 3, "sans": 5}),
        "traitement_substitution": substitution,
        "deja_traite": _weighted(rng, {"oui": 45, "non": 55}),
    }


def _visits(rng: random.Random, path: tuple[str, ...], intake: date) -> list[Visit]:
    months = _weighted(rng, FOLLOW_UP_MONTHS)
    until = min(intake + timedelta(days=30 * months), date(LAST_YEAR, 12, 31))
    visits = [Visit(intake, path[0], "venu", first=True)]
    day = intake
    while True:
        day = _working_day(day + timedelta(days=rng.randint(10, 40)))
        if day > until:
            break
        seen = {visit.function for visit in visits}
        function = next((code for code in path if code not in seen), None) or rng.choice(path)
        visits.append(Visit(day, function, _weighted(rng, PRESENCES)))
    return visits


def _events(rng: random.Random, person: CasePerson) -> None:
    """Orientations within the team when a second function takes over, outside when the
    office closes for that reason; a hospitalisation for some of the doctors' patients."""
    held = person.held()
    for visit in held[1:]:
        if visit.function != held[0].function:
            person.events.append((visit.day, "orientation_interne", visit.function))
            break
    if person.end_reason == "orientation" and held:
        person.events.append((held[-1].day, "orientation_externe", _weighted(rng, {
            "centre_cure": 4, "hopital": 2, "postcure": 2, "maison_medicale": 2,
            "service_social": 1, "logement": 1})))
    if "medecin" in person.path and len(held) > 2 and rng.random() < 0.4:
        person.events.append((held[len(held) // 2].day, "hospitalisation", ""))


def caseload() -> list[CasePerson]:
    rng = random.Random(1993)
    people = []
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        for number in range(1, NEW_PER_YEAR + 1):
            path = rng.choices([path for path, _w in PATHS], [w for _p, w in PATHS])[0]
            attributes = _attributes(rng, path)
            born = year - rng.choices([22, 35, 50, 68], [25, 40, 30, 5])[0] - rng.randint(0, 8)
            intake = _working_day(date(year, 1, 1) + timedelta(days=rng.randint(0, 360)))
            if intake.year != year:
                intake = _working_day(date(year, 12, 1))
            person = CasePerson(f"DEMO-{year}-{number:03d}", path, born, attributes,
                                _visits(rng, path, intake))
            if rng.random() < 0.12:  # back after more than a year: a new episode
                back = _working_day(person.visits[-1].day + timedelta(days=rng.randint(400, 700)))
                if back <= date(LAST_YEAR, 12, 31):
                    returned = _visits(rng, path, back)
                    returned[0].first = False
                    person.visits += returned
            elif rng.random() < 0.45:
                person.end_reason = _weighted(rng, ENDS)
            _events(rng, person)
            people.append(person)
    return people
