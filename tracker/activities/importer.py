"""Bulk import of activities: the whole file is checked on the import skeleton (its lines:
import_rows.py), then written as one batch, at once or in chunks that each commit."""

import time
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, insert, update

from tracker.activities.entry import DIMENSIONS_BY_TYPE
from tracker.activities.import_rows import CORE_COLUMNS, ActivityRows
from tracker.activities.models import Activity, ActivityValue, ImportBatch
from tracker.activities.vocabulary import Vocabulary
from tracker.actors import current_actor
from tracker.bulk_insert import insert_rows, reserve_ids
from tracker.db import added_unless_taken, reading_only, utcnow
from tracker.errors import DomainError
from tracker.extensions import db
from tracker.importing import EarlierImport, already_imported, check_file, write_in_chunks
from tracker.jobs.kinds import JOB_ID
from tracker.partnerships.models import Partner
from tracker.progress import Progress, no_progress
from tracker.staffing.services import find_or_create_partner
from tracker.text import normalize

CHUNK = 5000
ANALYZE_AFTER = 1000  # rows written at once after which PostgreSQL's statistics are refreshed
ABANDONED_AFTER = timedelta(minutes=10)  # a batch being written without a sign for so long
# On SQLite, the pause between two chunks: someone waiting for the write lock polls it every
# 100 ms at most, and would otherwise miss the instant between two chunks again and again.
SQLITE_PAUSE_S = 0.1


@dataclass
class ActivityImportReport:
    rows: int
    batch_id: int | None
    dry_run: bool
    partners_created: list[str]


@dataclass
class ActivityPlan:
    """A checked file, ready to write: its rows, the values each carries, partners to create."""

    sha256: str
    filename: str
    forced: bool
    activities: list[dict]
    links: list[list[tuple]]
    new_partners: list[str]


def _earlier_import(sha256: str) -> EarlierImport | None:
    """The live import of the same file, if any (undone ones no longer count)."""
    earlier = db.session.scalar(db.select(ImportBatch).where(
        ImportBatch.sha256 == sha256, ImportBatch.undone_at.is_(None)
    ).order_by(ImportBatch.id).limit(1))
    return EarlierImport(earlier.id, earlier.at, earlier.rows, earlier.writing) \
        if earlier else None


class ActivityImporter(ActivityRows):
    """The lines of an activity file, and the import of the same file before them."""

    def earlier_import(self, sha256: str) -> EarlierImport | None:
        return _earlier_import(sha256)


def check_activities(content: bytes, filename: str = "", force: bool = False,
                     create_partners: bool = False, progress: Progress = no_progress
                     ) -> ActivityPlan:
    """Read and check the whole file (only reads): TableRefused on any error."""
    importer = ActivityImporter(Vocabulary.load(), create_partners)
    checked = check_file(importer, content, filename, force, progress)
    return ActivityPlan(checked.sha256, filename, force,
                        [activity for activity, _links in checked.rows],
                        [links for _activity, links in checked.rows],
                        sorted(importer.new_partners))


def _open_batch(plan: ActivityPlan, job_id: int | None = None) -> ImportBatch:
    """The batch and the partners it creates (flushed). A second import of the same file,
    even one begun at the same moment, is refused: the live batch per file is unique."""
    earlier = _earlier_import(plan.sha256)
    if earlier is not None and not plan.forced:
        raise already_imported(earlier, can_force=True)
    partner_ids = {normalize(p.name): p.id for p in db.session.scalars(db.select(Partner))}
    for name in plan.new_partners:
        if normalize(name) not in partner_ids:  # safe beside another import creating it
            partner_ids[normalize(name)] = find_or_create_partner(name).id
    actor = current_actor()
    batch = ImportBatch(user_id=actor.user_id, actor=actor.label, filename=plan.filename[:255],
                        sha256=plan.sha256, rows=len(plan.activities),
                        forced=earlier is not None,
                        created_partners=" ; ".join(plan.new_partners), heartbeat_at=utcnow(),
                        job_id=job_id)
    if not added_unless_taken(db.session, batch):  # another import of this file began meanwhile
        earlier = _earlier_import(plan.sha256)
        raise (already_imported(earlier, can_force=True) if earlier else DomainError(
            "Ce fichier est importé au même moment par ailleurs."))
    now = utcnow()
    for row in plan.activities:
        name = row.pop("partner_name")
        row["partner_id"] = partner_ids[normalize(name)] if name else None
        row.update(batch_id=batch.id, created_by_id=actor.user_id, created_at=now)
    return batch


def _report(plan: ActivityPlan, batch_id: int | None) -> ActivityImportReport:
    return ActivityImportReport(len(plan.activities), batch_id, batch_id is None,
                                plan.new_partners)


def import_activities(content: bytes, filename: str = "", dry_run: bool = False,
                      force: bool = False, create_partners: bool = False
                      ) -> ActivityImportReport:
    """Check the file, then write it as one batch in the current transaction (the caller
    commits); a refused file raises TableRefused or DomainError."""
    plan = check_activities(content, filename, force, create_partners)
    if dry_run:
        return _report(plan, None)
    batch = _open_batch(plan)
    write_activities(plan.activities, plan.links)
    batch.completed_at = utcnow()
    db.session.flush()
    return _report(plan, batch.id)


def import_activities_in_chunks(content: bytes, filename: str = "", dry_run: bool = False,
                                force: bool = False, create_partners: bool = False,
                                progress: Progress = no_progress,
                                job_id: int | None = None) -> ActivityImportReport:
    """The same import for long files, committing as it goes, so that nobody waits for it:
    the file is checked in a read-only transaction (on SQLite it locks nothing), then written
    CHUNK rows per transaction. The batch stays one for the user: a failure removes it whole,
    and a batch whose writer died is removed by `discard_abandoned_batches`."""
    db.session.commit()  # what the caller did before: the check begins a fresh transaction
    with reading_only():
        plan = check_activities(content, filename, force, create_partners, progress)
        db.session.rollback()
    if dry_run:
        return _report(plan, None)
    batch = _open_batch(plan, job_id)
    db.session.commit()
    batch_id, total = batch.id, len(plan.activities)

    def sign_of_life() -> None:
        db.session.execute(update(ImportBatch).where(ImportBatch.id == batch_id)
                           .values(heartbeat_at=utcnow()))
        db.session.commit()
        if db.engine.dialect.name == "sqlite":
            time.sleep(SQLITE_PAUSE_S)

    try:
        rows = list(zip(plan.activities, plan.links, strict=True))
        write_in_chunks(rows, lambda chunk: write_activities(
            [activity for activity, _links in chunk], [links for _activity, links in chunk],
            analyze=False), progress, CHUNK, sign_of_life)
        _analyze_if_large(total)
        batch = db.session.get(ImportBatch, batch_id)
        batch.completed_at = utcnow()
        db.session.commit()
    except BaseException:
        db.session.rollback()
        _discard(batch_id)
        db.session.commit()
        raise
    return _report(plan, batch_id)


def _discard(batch_id: int) -> None:
    db.session.execute(db.delete(ActivityValue).where(ActivityValue.activity_id.in_(
        db.select(Activity.id).where(Activity.batch_id == batch_id))))
    db.session.execute(db.delete(Activity).where(Activity.batch_id == batch_id))
    batch = db.session.get(ImportBatch, batch_id)
    if batch is not None:
        db.session.delete(batch)
    db.session.flush()


def discard_batches_of_jobs(job_ids: list[int]) -> dict[int, int]:
    """The batches the given jobs were writing when their process died (the scheduler's
    start), removed whole at once: {job id: rows removed}."""
    removed = {}
    for batch in list(db.session.scalars(db.select(ImportBatch).where(
            ImportBatch.job_id.in_(job_ids), ImportBatch.completed_at.is_(None)))):
        written = db.session.scalar(db.select(func.count()).select_from(Activity).where(
            Activity.batch_id == batch.id))
        removed[batch.job_id] = removed.get(batch.job_id, 0) + written
        _discard(batch.id)
    return removed


def discard_abandoned_batches(idle: timedelta = ABANDONED_AFTER) -> list[int]:
    """Remove, whole, every batch still being written whose writer gave no sign for `idle`
    (a process killed in the middle). Returns their numbers."""
    ids = list(db.session.scalars(db.select(ImportBatch.id).where(
        ImportBatch.completed_at.is_(None), ImportBatch.undone_at.is_(None),
        ImportBatch.heartbeat_at < utcnow() - idle)))
    for batch_id in ids:
        _discard(batch_id)
    return ids


def write_activities(activities: list[dict], links: list[list[tuple]],
                     analyze: bool = True) -> None:
    """Bulk insert (tracker/bulk_insert.py: COPY on PostgreSQL): the rows, then the values
    each carries."""
    connection = db.session.connection()
    for start in range(0, len(activities), CHUNK):
        chunk = activities[start:start + CHUNK]
        ids = reserve_ids(connection, Activity.__table__, len(chunk))
        if ids is None:
            ids = connection.execute(
                insert(Activity).returning(Activity.id, sort_by_parameter_order=True), chunk
            ).scalars().all()
        else:
            insert_rows(connection, Activity.__table__,
                        [row | {"id": activity_id} for row, activity_id in zip(chunk, ids,
                                                                              strict=True)])
        values = [{"activity_id": activity_id, "value_id": value_id, "dimension_code": code}
                  for activity_id, row_links in zip(ids, links[start:start + CHUNK], strict=True)
                  for value_id, code in row_links]
        insert_rows(connection, ActivityValue.__table__, values)
    if analyze:
        _analyze_if_large(len(activities))


def _analyze_if_large(rows: int) -> None:
    connection = db.session.connection()
    if connection.dialect.name == "postgresql" and rows >= ANALYZE_AFTER:
        # Fresh statistics at once: until autovacuum runs (and, within this transaction,
        # before it commits), the planner would think the tables small and pick nested loops
        # that take minutes on the reports' joins.
        connection.exec_driver_sql("ANALYZE activity, activity_value")


def undo_batch(batch: ImportBatch) -> int:
    """Remove every activity of the batch (their values go with them) and mark it undone."""
    if batch.undone_at is not None:
        raise DomainError("Cet import a déjà été annulé.")
    if batch.writing:
        raise DomainError("Cet import est encore en cours d'écriture : attendez qu'il soit "
                          "terminé pour l'annuler.")
    count = db.session.scalar(db.select(func.count(Activity.id)).where(
        Activity.batch_id == batch.id)) or 0
    db.session.execute(db.delete(ActivityValue).where(ActivityValue.activity_id.in_(
        db.select(Activity.id).where(Activity.batch_id == batch.id))))
    db.session.execute(db.delete(Activity).where(Activity.batch_id == batch.id))
    batch.undone_at = utcnow()
    db.session.flush()
    return count


def list_batches() -> list[ImportBatch]:
    return list(db.session.scalars(db.select(ImportBatch).order_by(ImportBatch.at.desc())))


def template_rows(vocabulary: Vocabulary) -> tuple[list[str], list[list[str]]]:
    """The import's header and two example rows (a call, a prevention action), built from the
    vocabularies in use, so that the template imports as it is."""
    dimensions = vocabulary.activity_dimensions()
    headers = CORE_COLUMNS + dimensions

    def example(type_code: str, **core: str) -> list[str]:
        values = {}
        for code in DIMENSIONS_BY_TYPE.get(type_code, []):
            active = vocabulary.active_values(code) if code in dimensions else []
            if active:
                chosen = active[:2] if vocabulary.dimensions[code].multiple else active[:1]
                values[code] = "|".join(value.code for value in chosen)
        row = {"type": type_code, **core, **values}
        return [row.get(column, "") for column in headers]

    return headers, [example("appel", date="15/01/2025", heure="14:05", duree_min="15"),
                     example("sensibilisation", date="20/01/2025", duree_min="120",
                             participants="25")]


def run_import_job(content: bytes, filename: str, params: dict,
                   progress: Progress) -> ActivityImportReport:
    """The upload page's import, run by the scheduler (tracker/job_kinds.py)."""
    return import_activities_in_chunks(content, filename, bool(params.get("dry_run")),
                                       bool(params.get("force")),
                                       bool(params.get("create_partners")), progress,
                                       job_id=params.get(JOB_ID))
