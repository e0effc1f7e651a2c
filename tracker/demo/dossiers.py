"""The demo's dossiers: each person of the caseload with their attributes from intake (their
age band moving as they age), and the episodes the office closed."""

from datetime import date, timedelta

from sqlalchemy import func

from tracker.activities.services import hash_dossier
from tracker.activities.vocabulary import Vocabulary
from tracker.actors import current_actor
from tracker.bulk_insert import insert_rows
from tracker.db import utcnow
from tracker.demo.caseload import caseload
from tracker.dossiers.models import (
    Dossier,
    DossierEvent,
    DossierImport,
    DossierValue,
    EpisodeEnd,
)
from tracker.extensions import db
from tracker.figure_versions import figures_changed

DEMO_BATCH = "demo-dossiers-v1"


def _age_records(person) -> list[tuple[date, str]]:
    """The age band at intake, then each 1 January it changes while the person is seen."""
    records = [(person.intake, person.age_band(person.intake))]
    for year in range(person.intake.year + 1, person.visits[-1].day.year + 1):
        band = person.age_band(date(year, 1, 1))
        if band != records[-1][1]:
            records.append((date(year, 1, 1), band))
    return records


def load_dossiers() -> None:
    if db.session.scalar(db.select(func.count(DossierImport.id)).where(
            DossierImport.sha256 == DEMO_BATCH)):
        return
    vocabulary = Vocabulary.load()
    people = caseload()
    batch = DossierImport(actor=current_actor().label, filename="données de démonstration",
                          sha256=DEMO_BATCH, rows=len(people))
    db.session.add(batch)
    db.session.flush()
    now = utcnow()
    connection = db.session.connection()
    insert_rows(connection, Dossier.__table__,
                [{"hash": hash_dossier(person.code), "created_at": now} for person in people])
    ids = dict(db.session.execute(db.select(Dossier.hash, Dossier.id)).all())
    records, ends, events = [], [], []
    for person in people:
        dossier_id = ids[hash_dossier(person.code)]

        def record(code: str, value_code: str, since: date, dossier_id=dossier_id) -> None:
            records.append({"dossier_id": dossier_id, "dimension_code": code,
                            "value_id": vocabulary.find(code, value_code).id,
                            "valid_from": since, "batch_id": batch.id, "recorded_at": now})

        for code, value in person.attributes.items():
            for value_code in ([value] if isinstance(value, str) else value):
                record(code, value_code, person.intake)
        for since, band in _age_records(person):
            record("tranche_age", band, since)
        for day, kind, to in person.events:
            events.append({"dossier_id": dossier_id, "day": day, "kind": kind,
                           "recorded_at": now, "function_code": to if kind ==
                           "orientation_interne" else None,
                           "destination_id": vocabulary.find("destination", to).id
                           if kind == "orientation_externe" else None})
        held = person.held()
        if person.end_reason and held:
            ends.append({"dossier_id": dossier_id, "reason": person.end_reason,
                         "closed_on": held[-1].day + timedelta(days=14)})
    for start in range(0, len(records), 5000):
        insert_rows(connection, DossierValue.__table__, records[start:start + 5000])
    insert_rows(connection, EpisodeEnd.__table__, ends)
    insert_rows(connection, DossierEvent.__table__, events)
    figures_changed(db.session)  # written past the session's objects
