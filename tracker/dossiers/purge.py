"""Forgetting the persons no longer seen: dossiers without any activity for N years lose their
attributes and closures (each deletion in the audit journal), and their activities lose the
link to the person, so that the anonymous counts of past years stay as they were."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select, update

from tracker.activities.models import Activity
from tracker.dossiers.models import Dossier
from tracker.errors import ValidationError
from tracker.extensions import db
from tracker.periods import add_months


@dataclass
class PurgeReport:
    cutoff: date
    dossiers: int = 0  # persons forgotten
    activities: int = 0  # activities no longer linked to a person
    dry_run: bool = False


def purge_inactive(years: int, today: date, dry_run: bool = False) -> PurgeReport:
    if years < 1:
        raise ValidationError("inactive_years", "Indiquez un nombre d'années d'au moins 1.")
    cutoff = add_months(today, -12 * years)
    last_seen = (select(Activity.dossier_hash, func.max(Activity.date).label("last"))
                 .where(Activity.dossier_hash.is_not(None))
                 .group_by(Activity.dossier_hash).subquery())
    inactive = set(db.session.scalars(select(last_seen.c.dossier_hash)
                                      .where(last_seen.c.last < cutoff)))
    seen = select(Activity.dossier_hash).where(Activity.dossier_hash == Dossier.hash).exists()
    never_seen = set(db.session.scalars(select(Dossier.hash).where(
        ~seen, Dossier.created_at < cutoff)))
    report = PurgeReport(cutoff=cutoff, dry_run=dry_run)
    hashes = sorted(inactive | never_seen)
    for start in range(0, len(hashes), 500):
        chunk = hashes[start:start + 500]
        dossiers = list(db.session.scalars(select(Dossier).where(Dossier.hash.in_(chunk))))
        report.dossiers += len(set(chunk) - {d.hash for d in dossiers}) + len(dossiers)
        report.activities += db.session.scalar(select(func.count()).select_from(Activity)
                                               .where(Activity.dossier_hash.in_(chunk)))
        if dry_run:
            continue
        for dossier in dossiers:
            db.session.delete(dossier)  # audited; its values and closures go with it
        db.session.execute(update(Activity).where(Activity.dossier_hash.in_(chunk))
                           .values(dossier_hash=None))
    db.session.flush()
    return report
