"""The shipped SPW form on the demo counts persons, first interviews and consultations by the
professional who consulted, each equal to a count made here by hand from the rows, and unlike
the act counts the form printed before."""

import json
from collections import Counter, defaultdict
from datetime import date

from sqlalchemy import distinct, func, select

from tracker.activities.models import Activity, ActivityValue, DimensionValue
from tracker.catalogue.models import JobFunction
from tracker.dossiers.models import Dossier, EpisodeEnd
from tracker.questionnaires.outputs import render
from tracker.questionnaires.registry import get_definition
from tracker.questionnaires.report import build_report
from tracker.staffing.models import Allocation

YEAR = 2025


def _by_hand(db):
    """Persons, episodes opened and consultations by function in YEAR, from the raw rows."""
    consultation = db.session.scalar(select(DimensionValue.id).where(
        DimensionValue.dimension_code == "type", DimensionValue.code == "consultation"))
    rows = db.session.execute(select(Activity.id, Activity.date, Activity.dossier_hash,
                                     Activity.person_id, Activity.type_id, Activity.presence)
                              .where(Activity.dossier_hash.is_not(None))).all()
    position = dict(db.session.execute(select(JobFunction.code, JobFunction.position)).all())
    allocations = defaultdict(list)
    for allocation in db.session.scalars(select(Allocation)):
        allocations[allocation.person_id].append(allocation)

    def function(person_id, day):
        fte = Counter()
        for allocation in allocations.get(person_id, []):
            if allocation.start_date <= day and (allocation.end_date is None
                                                 or day <= allocation.end_date):
                fte[allocation.function_code] += allocation.fte
        if not fte:
            return None
        return min(fte, key=lambda code: (-fte[code], position[code], code))

    held_in_year = [row for row in rows if row.date.year == YEAR and row.presence == "venu"
                    and row.type_id == consultation]
    persons = {row.dossier_hash for row in held_in_year}
    by_function = Counter(function(row.person_id, row.date) for row in held_in_year)
    ends = defaultdict(list)
    for hash_, closed_on in db.session.execute(select(Dossier.hash, EpisodeEnd.closed_on)
                                               .join(EpisodeEnd)):
        ends[hash_].append(closed_on)
    opened_in_year = 0
    by_dossier = defaultdict(list)
    for row in sorted(rows, key=lambda row: (row.date, row.id)):
        if row.presence == "venu":
            by_dossier[row.dossier_hash].append(row)
    for hash_, held in by_dossier.items():
        previous = None
        for row in held:
            opens = previous is None or row.date > _year_after(previous) or any(
                previous <= closed < row.date for closed in ends[hash_])
            if opens and row.date.year == YEAR and row.type_id == consultation:
                opened_in_year += 1
            previous = row.date
    first_contacts = db.session.scalar(select(func.count()).select_from(Activity).join(
        ActivityValue).join(DimensionValue, DimensionValue.id == ActivityValue.value_id).where(
        DimensionValue.dimension_code == "premier_contact", DimensionValue.code == "oui",
        Activity.date.between(date(YEAR, 1, 1), date(YEAR, 12, 31))))
    asked_psychological = db.session.scalar(select(func.count()).select_from(Activity).join(
        ActivityValue).join(DimensionValue, DimensionValue.id == ActivityValue.value_id).where(
        DimensionValue.dimension_code == "demande", DimensionValue.code == "suivi_psychologique",
        Activity.presence == "venu", Activity.date.between(date(YEAR, 1, 1), date(YEAR, 12, 31))))
    return persons, opened_in_year, by_function, first_contacts, asked_psychological


def _year_after(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return date(day.year + 1, 3, 1)


def test_the_spw_form_counts_persons_first_interviews_and_professionals(demo_db):
    persons, opened, by_function, first_contacts, asked = _by_hand(demo_db)
    report = build_report(get_definition("spw-assuetudes"), YEAR)
    items = {item["id"]: item for section in json.loads(render(report, "json"))["sections"]
             for item in section["items"]}
    assert items["consultants"]["value"] == len(persons) > 100
    assert items["premieres_demandes"]["value"] == opened > 50
    assert opened != first_contacts  # every first contact, calls included, was counted
    professionals = {row["fonction"]: row["value"]
                     for row in items["consultations_professionnel"]["rows"]}
    assert professionals == {code: count for code, count in by_function.items()}
    assert items["suivis_psy"]["value"] == by_function["psychologue"]
    assert items["suivis_medicaux"]["value"] == by_function["medecin"]
    assert items["suivis_sociaux"]["value"] == by_function["assistant_social"]
    # the psychologists' consultations are no longer those asked as « suivi psychologique »
    assert by_function["psychologue"] != asked
    statuses = items["donnees_statut"]
    assert sum(row["value"] for row in statuses["rows"]) == statuses["total"] == len(persons)
    assert items["rendez_vous_demandes"]["value"] > items["consultations_effectives"]["value"]


def test_the_demo_persons_are_coherent(demo_db):
    """Each person keeps one gender; nobody consults outside their contract; doctors do the
    medical follow-up; some appointments are missed; some episodes were closed."""
    genders = defaultdict(set)
    for dossier_hash, code in demo_db.session.execute(
            select(Activity.dossier_hash, DimensionValue.code).select_from(Activity)
            .join(ActivityValue, ActivityValue.activity_id == Activity.id)
            .join(DimensionValue, DimensionValue.id == ActivityValue.value_id)
            .where(DimensionValue.dimension_code == "genre",
                   Activity.dossier_hash.is_not(None))):
        genders[dossier_hash].add(code)
    assert genders and all(len(codes) == 1 for codes in genders.values())
    outside = demo_db.session.scalar(select(func.count()).select_from(Activity).where(
        Activity.person_id.is_not(None), Activity.dossier_hash.is_not(None),
        ~select(Allocation.id).where(
            Allocation.person_id == Activity.person_id, Allocation.start_date <= Activity.date,
            (Allocation.end_date.is_(None)) | (Allocation.end_date >= Activity.date)).exists()))
    assert outside == 0
    medical = demo_db.session.execute(
        select(Allocation.function_code, func.count(distinct(Activity.id))).select_from(Activity)
        .join(Allocation, Allocation.person_id == Activity.person_id)
        .join(ActivityValue, ActivityValue.activity_id == Activity.id)
        .join(DimensionValue, DimensionValue.id == ActivityValue.value_id)
        .where(DimensionValue.dimension_code == "demande", DimensionValue.code == "suivi_medical",
               Activity.date >= date(2024, 1, 1))
        .group_by(Allocation.function_code)).all()
    assert max(medical, key=lambda pair: pair[1])[0] == "medecin"
    presences = Counter(demo_db.session.scalars(select(Activity.presence).where(
        Activity.dossier_hash.is_not(None))))
    assert 0.05 < presences["absent"] / sum(presences.values()) < 0.25
    assert demo_db.session.scalar(select(func.count()).select_from(EpisodeEnd)) > 100
