"""The person-level register of a year: one row per episode of care with a contact held in
the year, and every attribute the dossier holds at the episode's opening (or the first
recorded after it), so that the yearly treatment-demand registration is copied, not typed
again. CSV and XLSX; the office's only (health data)."""

from collections import defaultdict
from datetime import date

from sqlalchemy import select

from tracker.activities.models import HELD, Activity, DimensionValue
from tracker.documents.csv_file import table_to_csv
from tracker.documents.exporters import register_exporter
from tracker.documents.tables import DocTable
from tracker.documents.xlsx import tables_to_xlsx
from tracker.dossiers.episodes import episodes_from, idle_months
from tracker.dossiers.models import Dossier, DossierValue, EpisodeEnd
from tracker.dossiers.values import person_dimensions
from tracker.extensions import db


def _values_at(records: list[tuple[date, str, str]], code: str, day: date) -> str:
    """The labels held on a day (else those of the first record after it)."""
    mine = [(since, label) for since, dimension, label in records if dimension == code]
    if not mine:
        return ""
    before = [since for since, _label in mine if since <= day]
    chosen = max(before) if before else min(since for since, _label in mine)
    return ", ".join(sorted(label for since, label in mine if since == chosen))


def register_table(year: int, today: date) -> DocTable:
    start, end = date(year, 1, 1), date(year, 12, 31)
    days: dict[str, list[date]] = defaultdict(list)
    for dossier_hash, day in db.session.execute(
            select(Activity.dossier_hash, Activity.date)
            .where(Activity.dossier_hash.is_not(None), Activity.presence == HELD,
                   Activity.dossier_hash.in_(select(Activity.dossier_hash).where(
                       Activity.presence == HELD, Activity.date.between(start, end))))
            .order_by(Activity.dossier_hash, Activity.date)):
        days[dossier_hash].append(day)
    ends: dict[str, dict[date, str]] = defaultdict(dict)
    for dossier_hash, closed_on, reason in db.session.execute(
            select(Dossier.hash, EpisodeEnd.closed_on, EpisodeEnd.reason).join(EpisodeEnd)):
        ends[dossier_hash][closed_on] = reason
    records: dict[str, list] = defaultdict(list)
    for dossier_hash, since, code, label in db.session.execute(
            select(Dossier.hash, DossierValue.valid_from, DossierValue.dimension_code,
                   DimensionValue.label)
            .join(DossierValue, DossierValue.dossier_id == Dossier.id)
            .join(DimensionValue, DimensionValue.id == DossierValue.value_id)):
        records[dossier_hash].append((since, code, label))
    dimensions = person_dimensions()
    months, rows = idle_months(), []
    for dossier_hash in sorted(days):
        episodes = episodes_from(days[dossier_hash], ends[dossier_hash], months, today)
        for rank, episode in enumerate(episodes):
            in_year = [day for day in days[dossier_hash] if start <= day <= end
                       and episode.opened <= day <= episode.last_contact]
            if not in_year:
                continue
            rows.append([dossier_hash[:12], episode.opened, episode.last_contact,
                         episode.closed, episode.reason, "oui" if rank == 0 else "non",
                         len(in_year)]
                        + [_values_at(records[dossier_hash], dimension.code, episode.opened)
                           for dimension in dimensions])
    rows.sort(key=lambda row: (row[1], row[0]))
    return DocTable(
        title=f"Prises en charge {year}",
        headers=["Dossier (pseudonyme)", "Ouverte le", "Dernier contact", "Clôturée le",
                 "Motif de clôture", "Première prise en charge", f"Rencontres en {year}"]
        + [dimension.label for dimension in dimensions],
        rows=rows,
        note=f"Une ligne par prise en charge ayant eu au moins une rencontre en {year} ; "
             "les données du dossier sont celles de l'ouverture.")


REGISTER = register_exporter(
    "registre_dossiers", "Registre des prises en charge",
    csv=table_to_csv, xlsx=lambda table: tables_to_xlsx([table]))
