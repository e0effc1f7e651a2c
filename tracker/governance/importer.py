"""`tracker import mandates`: the register of mandates from a table (`nom;qualite;debut;fin`,
optionally `terme` and `motif_fin`), on the import skeleton: all checked, then written at
once. A mandate already in the register (same person, quality and start) is not added twice;
an end the file brings and the register lacks is recorded."""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from tracker.extensions import db
from tracker.governance.models import Mandate, Member
from tracker.governance.services import quality_lookup, save_mandate
from tracker.governance.vocabulary import END_REASONS
from tracker.importing import CheckedFile, Column, ImporterBase, RowReader, run_import
from tracker.progress import Progress, no_progress
from tracker.tabular import CellError, parse_date
from tracker.text import normalize


@dataclass
class MandateRow:
    line: int
    name: str
    quality: str
    start: date
    end: date | None
    term: date | None
    end_reason: str

    def key(self) -> tuple:
        return (self.name.lower(), self.quality, self.start)


@dataclass
class MandateImportReport:
    rows: int = 0
    created: int = 0
    ends_recorded: int = 0
    already_there: int = 0
    members_created: list[str] = field(default_factory=list)
    dry_run: bool = False


class MandateImporter(ImporterBase):
    columns = (
        Column("nom", required=True, missing="Le nom est obligatoire."),
        Column("qualite", required=True, missing="La qualité est obligatoire."),
        Column("debut", required=True, parse=parse_date,
               missing="La date de début est obligatoire."),
        Column("fin", required=True, parse=parse_date),
        Column("terme", parse=parse_date),
        Column("motif_fin"),
    )
    nothing = "Aucun mandat dans le fichier."

    def __init__(self) -> None:
        self.qualities = quality_lookup()
        self.reasons = {normalize(key): key for key in END_REASONS} | {
            normalize(label): key for key, label in END_REASONS.items()}

    def row(self, row: RowReader) -> MandateRow | None:
        quality = self.qualities.get(normalize(row.text("qualite")))
        if quality is None:
            known = ", ".join(sorted({code for code in self.qualities.values()}))
            row.error("qualite", f"Qualité « {row.text('qualite')} » inconnue (qualités : "
                                 f"{known}).")
        start, end, term = row["debut"], row["fin"], row["terme"]
        if start and end and end < start:
            row.error("fin", "La date de fin précède la date de début.")
        if start and term and term < start:
            row.error("terme", "Le terme précède la date de début.")
        reason = ""
        if row.text("motif_fin"):
            reason = self.reasons.get(normalize(row.text("motif_fin")), "")
            if not reason:
                row.error("motif_fin", f"Motif « {row.text('motif_fin')} » inconnu (motifs : "
                                       f"{', '.join(END_REASONS)}).")
        if row.failed:
            return None
        name = " ".join(row["nom"].split())
        if len(name) > 150:
            row.error("nom", "Nom trop long (150 caractères au plus).")
            return None
        return MandateRow(row.line, name, quality, start, end, term,
                          (reason or "autre") if end else "")

    def check_rows(self, rows: list[MandateRow], errors: list[CellError]) -> None:
        seen: dict[tuple, int] = {}
        for row in rows:
            if row.key() in seen:
                errors.append(CellError(row.line, "debut", f"Même mandat qu'à la ligne "
                                                           f"{seen[row.key()]}."))
            seen.setdefault(row.key(), row.line)

    def _existing(self, row: MandateRow) -> Mandate | None:
        return db.session.scalar(select(Mandate).join(Member).where(
            db.func.lower(Member.full_name) == row.name.lower(),
            Mandate.quality == row.quality, Mandate.start_date == row.start))

    def report(self, checked: CheckedFile, batch_id: int | None) -> MandateImportReport:
        report = MandateImportReport(rows=len(checked.rows), dry_run=True)
        known = {name.lower() for name in db.session.scalars(select(Member.full_name))}
        for row in checked.rows:
            existing = self._existing(row)
            if existing is None:
                report.created += 1
                if row.name.lower() not in known:
                    known.add(row.name.lower())
                    report.members_created.append(row.name)
            elif row.end and existing.end_date is None:
                report.ends_recorded += 1
            else:
                report.already_there += 1
        return report

    def write(self, checked: CheckedFile, progress: Progress) -> MandateImportReport:
        report = self.report(checked, None)
        report.dry_run = False
        for row in checked.rows:
            existing = self._existing(row)
            if existing is None:
                save_mandate(None, member_name=row.name, quality=row.quality,
                             start_date=row.start, term_date=row.term, end_date=row.end,
                             end_reason=row.end_reason)
            elif row.end and existing.end_date is None:
                existing.end_date, existing.end_reason = row.end, row.end_reason
        db.session.flush()
        return report


def import_mandates(content: bytes, filename: str = "", dry_run: bool = False,
                    progress: Progress = no_progress) -> MandateImportReport:
    return run_import(MandateImporter(), content, filename, dry_run, progress=progress)
