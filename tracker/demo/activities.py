"""Ten years of fictitious activities shaped like the seeds' tables, generated deterministically.

The demo's years 2016-2025 take the Infor-Drogues volumes of 2013-2022 (calls per year and mean
duration), and 2025 reproduces 2022's published distributions exactly (callers, gender, age,
region, first contact, follow-ups, top products, table 12), so the last complete year of the
demo reads like the seed report.
"""

import random
from datetime import date, time, timedelta

from sqlalchemy import func

from tracker.activities.entry import DIRECTED
from tracker.activities.importer import write_activities
from tracker.activities.models import ImportBatch
from tracker.activities.services import hash_dossier
from tracker.activities.vocabulary import Vocabulary
from tracker.actors import current_actor
from tracker.db import utcnow
from tracker.demo.caseload import FIRST_YEAR, LAST_YEAR, REQUESTS, caseload
from tracker.extensions import db
from tracker.partnerships.models import Partner
from tracker.staffing.models import Person

DEMO_BATCH = "demo-activities-v1"
# What a consultation still carries of its person (the anonymous activity-level tables read
# them); the dossier holds them too, with their history (tracker/demo/dossiers.py).
CARRIED = ("genre", "region", "envoyeur", "produit_principal", "produits")
CALLS = [2539, 2038, 2521, 3001, 3064, 2960, 2309, 2679, 2346, 2164]
MEAN_MINUTES = [13, 17, 17, 17, 16, 16, 17, 20, 19, 21]
# 2022's published tables (for 2,164 calls), scaled for the other years.
CALLERS = {"consommateur": 1038, "proche": 1017, "professionnel": 109}
GENDERS = {"feminin": 1210, "masculin": 954}
AGES = {"12-17": 146, "18-29": 402, "30-44": 549, "45-64": 680, "65-79": 295, "80+": 72,
        "inconnu": 20}
REGIONS = {"bruxelles": 1213, "wallonie": 898, "flandre": 18, "etranger": 31, "inconnu": 4}
FIRST_CONTACT = {"oui": 1600, "non": 564}
FOLLOW_UPS = {"orientation_externe": 510, "orientation_interne": 193,
              "travail_pendant_appel": 1766}
PRODUCTS = {"cannabis": 729, "cocaine": 535, "alcool": 320, "neuroleptiques": 126,
            "benzodiazepines": 82, "heroine": 62, "methadone": 60, "antidepresseurs": 31,
            "amphetamines": 28, "mdma": 20}
# Table 12: health-promotion actions by type and region (Wallonia, Brussels).
ACTIONS = [("sensibilisation", 57, 47), ("accompagnement", 18, 13), ("expertise", 2, 1),
           ("formation", 1, 1), ("atelier", 1, 0)]
# The network the team meets (invented names), with what the meetings are about.
NETWORK = [("Fédération des services assuétudes (fictive)", "Conseil d'administration et AG",
            "Namur"),
           ("Plateforme de concertation Nord (fictive)", "Groupe de travail « mineurs »",
            "Liège"),
           ("Réseau Échanges Sud", "Échange de pratiques cliniques", "Charleroi")]
# What the team follows (received) and gives (supervisions of interns) each year.
TRAININGS_FOLLOWED = [("Colloque « Usages et parentalité »", "Bruxelles", "bruxelles"),
                      ("Formation à l'entretien motivationnel", "Namur", "wallonie"),
                      ("Journée d'étude sur le chemsex", "Bruxelles", "bruxelles"),
                      ("Formation « opiacés et substitution »", "Liège", "wallonie")]


def _working_days(year: int) -> list[date]:
    day, days = date(year, 1, 1), []
    while day.year == year:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def _spread(counts: dict[str, int], total: int, rng: random.Random) -> list[str | None]:
    """A shuffled list of `total` codes with the given counts, scaled to the total."""
    reference = sum(counts.values())
    values: list[str | None] = []
    for code, number in counts.items():
        values += [code] * round(number * total / reference)
    values = (values + [None] * total)[:total]
    rng.shuffle(values)
    return values


def _marked(counts: dict[str, int], calls: int, reference: int, rng: random.Random) -> list[set]:
    """For a multi-valued dimension: which calls carry each code (counts scaled)."""
    marks: list[set] = [set() for _ in range(calls)]
    for code, number in counts.items():
        for index in rng.sample(range(calls), min(calls, round(number * calls / reference))):
            marks[index].add(code)
    return marks


def _durations(count: int, mean: int, rng: random.Random) -> list[int]:
    """Minutes whose mean is exactly `mean`: pairs of mean+k and mean-k."""
    minutes = []
    for _ in range(count // 2):
        k = rng.randint(0, min(mean - 1, 15))
        minutes += [mean + k, mean - k]
    if count % 2:
        minutes.append(mean)
    rng.shuffle(minutes)
    return minutes


class _Rows:
    def __init__(self, vocabulary: Vocabulary):
        self.vocabulary, self.activities, self.links = vocabulary, [], []

    def add(self, day: date, type_code: str, values: dict, **core) -> None:
        activity = {"date": day, "start_time": None,
                    "type_id": self.vocabulary.find("type", type_code).id, "duree_min": None,
                    "person_id": None, "service": "", "partner_id": None,
                    "participants": None, "dossier_hash": None,
                    "received": DIRECTED.get(type_code, False), "purpose": "", "place": "",
                    "presence": "venu"}
        activity.update(core)
        links = []
        for dimension, codes in values.items():
            for code in ([codes] if isinstance(codes, str) else codes or []):
                if code:
                    links.append((self.vocabulary.find(dimension, code).id, dimension))
        self.activities.append(activity)
        self.links.append(links)


# When calls come in on the line (9 h – 21 h): busiest mid-morning and early afternoon
CALL_HOURS = {9: 8, 10: 12, 11: 12, 12: 7, 13: 9, 14: 12, 15: 11, 16: 9, 17: 7, 18: 5, 19: 4,
              20: 3}
TIMED_FROM = 2024  # older calls were logged without their time


def _call_time(clock: random.Random) -> time:
    hour = clock.choices(list(CALL_HOURS), list(CALL_HOURS.values()))[0]
    return time(hour, clock.randrange(60))


def _calls(rows: _Rows, rng: random.Random, listeners: list[int]) -> None:
    reference = sum(CALLERS.values())
    clock = random.Random(315)  # its own draws: the other figures stay as they were
    for offset, year in enumerate(range(FIRST_YEAR, LAST_YEAR + 1)):
        count, days = CALLS[offset], _working_days(year)
        columns = {name: _spread(counts, count, rng) for name, counts in (
            ("type_appelant", CALLERS), ("genre", GENDERS), ("tranche_age", AGES),
            ("region", REGIONS), ("premier_contact", FIRST_CONTACT))}
        follow_ups = _marked(FOLLOW_UPS, count, reference, rng)
        products = _marked(PRODUCTS, count, reference, rng)
        minutes = _durations(count, MEAN_MINUTES[offset], rng)
        for index in range(count):
            values = {name: column[index] for name, column in columns.items()}
            values["suite"] = sorted(follow_ups[index])
            values["produits"] = sorted(products[index])
            person = rng.choice(listeners) if year >= 2024 and listeners else None
            rows.add(rng.choice(days), "appel", values, duree_min=minutes[index],
                     person_id=person, service="ligne_ecoute",
                     start_time=_call_time(clock) if year >= TIMED_FROM else None)
        for _ in range(count // 8):  # e-permanence
            rows.add(rng.choice(days), "courriel", {
                "type_appelant": rng.choice(["consommateur", "proche", "proche", "professionnel"]),
                "region": rng.choice(["bruxelles", "wallonie"])}, service="e_permanence")


def _consultations(rows: _Rows, performers: "_Performers") -> None:
    """The caseload's appointments (tracker/demo/caseload.py): each person keeps their
    attributes, is seen by the functions of their care path, by someone under contract that
    day; some appointments are missed or cancelled."""
    rng = random.Random(1994)
    for person in caseload():
        for visit in person.visits:
            attributes = person.attributes
            values = {
                "lieu": rng.choices(["intra_muros", "extra_muros", "domicile"], [70, 22, 8])[0],
                # what the person asks, most often what the professional they see answers
                "demande": REQUESTS[visit.function] if rng.random() < 0.8
                else rng.choice(["information", *REQUESTS.values()]),
                "premier_contact": "oui" if visit.first else "non",
                "tranche_age": person.age_band(visit.day),
                **{code: attributes[code] for code in CARRIED},
            }
            rows.add(visit.day, "consultation", values,
                     duree_min=30 if visit.function == "medecin" else rng.choice([45, 50, 60]),
                     service="consultations", presence=visit.presence,
                     person_id=performers.on(visit.function, visit.day, rng),
                     dossier_hash=hash_dossier(person.code))


class _Performers:
    """Who can see a person on a day: a member of staff whose allocation in that function
    covers the day (none before the team's records begin)."""

    def __init__(self) -> None:
        from tracker.staffing.models import Allocation

        self.spans: dict[str, list[tuple]] = {}
        for person_id, code, start, end in db.session.execute(db.select(
                Allocation.person_id, Allocation.function_code, Allocation.start_date,
                Allocation.end_date).order_by(Allocation.person_id, Allocation.start_date)):
            self.spans.setdefault(code, []).append((person_id, start, end))

    def on(self, function: str, day: date, rng: random.Random) -> int | None:
        present = sorted({person_id for person_id, start, end in self.spans.get(function, [])
                          if start <= day and (end is None or day <= end)})
        return rng.choice(present) if present else None


def _prevention(rows: _Rows, rng: random.Random, project_staff: list[int]) -> None:
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        days, scale = _working_days(year), 1.0 if year == LAST_YEAR else rng.uniform(0.8, 1.1)
        for type_code, wallonia, brussels in ACTIONS:
            for region, number in (("wallonie", wallonia), ("bruxelles", brussels)):
                count = number if year == LAST_YEAR else round(number * scale)
                for _ in range(count):
                    rows.add(rng.choice(days), type_code, {
                        "region": region,
                        "lieu": rng.choice(["ecole", "extra_muros", "milieu_festif"])},
                        participants=rng.randint(6, 60), duree_min=rng.choice([90, 120, 180]),
                        service="promotion_sante",
                        person_id=rng.choice(project_staff)
                        if year >= 2024 and project_staff else None)


def _meetings(rows: _Rows, rng: random.Random, network: list[int]) -> None:
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        days = _working_days(year)
        tuesdays = [day for day in days if day.weekday() == 1 and day.month != 8]
        for day in tuesdays:
            rows.add(day, "reunion", {"type_reunion": "clinique"}, duree_min=120,
                     service="equipe")
        for month in range(1, 13):
            first_monday = next(day for day in days if day.month == month and day.weekday() == 0)
            rows.add(first_monday, "reunion", {"type_reunion": "equipe"}, duree_min=90)
            if month not in (7, 8):  # with the network's working groups, in turn
                rows.add(first_monday + timedelta(days=3), "intervision", {}, duree_min=120,
                         partner_id=network[month % len(network)])
        for index, day in enumerate(sorted(rng.sample(days, 10))):
            partner = index % len(NETWORK)
            rows.add(day, "reunion", {"type_reunion": "reseau"}, duree_min=120,
                     partner_id=network[partner], purpose=NETWORK[partner][1],
                     place=NETWORK[partner][2])
        for day in sorted(rng.sample(days, 8)):
            rows.add(day, "supervision", {}, duree_min=120)
        for day in sorted(rng.sample(days, 4)):
            rows.add(day, "reunion", {"type_reunion": "ca_ag"}, duree_min=150)


def _team_training(rows: _Rows, rng: random.Random, trainees: list[int]) -> None:
    """Trainings the team followed (some where table 12 counts actions: only the direction
    keeps them out) and the supervisions it gave its interns."""
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        days = _working_days(year)
        for index, day in enumerate(sorted(rng.sample(days, 6))):
            title, place, region = TRAININGS_FOLLOWED[index % len(TRAININGS_FOLLOWED)]
            rows.add(day, "formation", {"region": region}, received=True, purpose=title,
                     place=place, duree_min=420,
                     person_id=trainees[index % len(trainees)] if trainees else None)
        for day in sorted(rng.sample(days, 5)):
            rows.add(day, "supervision", {}, received=False, duree_min=60,
                     purpose="Supervision de stagiaires", place="Au service")


def _network_partners() -> list[int]:
    ids = []
    for name, _purpose, _place in NETWORK:
        partner = db.session.scalar(db.select(Partner).where(Partner.name == name))
        if partner is None:
            partner = Partner(name=name, kind="Réseau")
            db.session.add(partner)
            db.session.flush()
        ids.append(partner.id)
    return ids


def _people(*functions: str) -> list[int]:
    from tracker.staffing.models import Allocation

    return list(db.session.scalars(
        db.select(Person.id).join(Allocation).where(Allocation.function_code.in_(functions))
        .group_by(Person.id).order_by(Person.id)))


def load_activities() -> None:
    """Insert the ten years once, as one import batch (which the office could undo)."""
    if db.session.scalar(db.select(func.count(ImportBatch.id)).where(
            ImportBatch.sha256 == DEMO_BATCH)):
        return
    rng = random.Random(2022)
    rows = _Rows(Vocabulary.load())
    _calls(rows, rng, _people("psychologue", "assistant_social"))
    _consultations(rows, _Performers())
    _prevention(rows, rng, _people("charge_de_projet", "communication"))
    _meetings(rows, rng, _network_partners())
    _team_training(rows, random.Random(2014), _people("psychologue", "assistant_social"))
    actor = current_actor()
    batch = ImportBatch(user_id=actor.user_id, actor=actor.label, sha256=DEMO_BATCH,
                        completed_at=utcnow(),
                        filename="données de démonstration", rows=len(rows.activities))
    db.session.add(batch)
    db.session.flush()
    now = utcnow()
    for activity in rows.activities:
        activity.update(batch_id=batch.id, created_by_id=None, created_at=now)
    write_activities(rows.activities, rows.links)
