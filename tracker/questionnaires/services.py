"""A questionnaire's year: narrative answers, corrections, finalising into an archive."""

import hashlib
import os
import secrets
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from flask import current_app
from sqlalchemy.exc import IntegrityError

from tracker.actors import current_actor
from tracker.db import reading_only
from tracker.errors import DomainError, ValidationError
from tracker.extensions import db
from tracker.forms import parse_number
from tracker.progress import Progress, no_progress
from tracker.questionnaires.models import (
    ArchivedFile,
    FigureCorrection,
    IndicatorValue,
    NarrativeAnswer,
    QuestionnaireArchive,
    QuestionnaireResponse,
)
from tracker.questionnaires.outputs import ARCHIVED_FORMATS, render
from tracker.questionnaires.report import (
    TOTAL_KEY,
    Correction,
    Indicator,
    Report,
    build_report,
)
from tracker.questionnaires.schema import Definition

MAX_NARRATIVE = 20000
MAX_INDICATOR = Decimal(10) ** 12
NOT_LOADED: Any = object()  # « the caller has not read the year's response » (None: there is none)


def get_response(definition: Definition, year: int) -> QuestionnaireResponse | None:
    return db.session.scalar(db.select(QuestionnaireResponse).where(
        QuestionnaireResponse.definition_id == definition.id,
        QuestionnaireResponse.year == year))


def responses_of_year(year: int) -> list[QuestionnaireResponse]:
    """Every questionnaire's state for this year (draft, finalised) that has one."""
    return list(db.session.scalars(db.select(QuestionnaireResponse).where(
        QuestionnaireResponse.year == year)))


FINALISED_MEANWHILE = ("Ce questionnaire vient d'être finalisé par quelqu'un d'autre : "
                       "rechargez la page.")
ALREADY_FINAL = ("Ce questionnaire est finalisé : rouvrez-le pour préparer une nouvelle "
                 "version.")


def _response_for_edit(definition: Definition, year: int) -> QuestionnaireResponse:
    response = get_response(definition, year)
    if response is None:
        response = QuestionnaireResponse(definition_id=definition.id, year=year,
                                         status="brouillon")
        db.session.add(response)
        db.session.flush()
    if response.status == "final":
        raise DomainError(ALREADY_FINAL)
    return response


def answers_of(response: QuestionnaireResponse | None) -> dict[str, str]:
    return {answer.item_id: answer.text for answer in response.answers} if response else {}


def suggested_answers(definition: Definition, year: int,
                      response: QuestionnaireResponse | None = NOT_LOADED,
                      last_year: QuestionnaireResponse | None = NOT_LOADED) -> dict[str, str]:
    """Last year's text for each narrative not yet written this year (offered, not saved);
    `response` and `last_year`, the two years' responses, when the caller has read them."""
    if response is NOT_LOADED:
        response = get_response(definition, year)
    if last_year is NOT_LOADED:
        last_year = get_response(definition, year - 1)
    current = answers_of(response)
    previous = answers_of(last_year)
    return {item_id: text for item_id, text in previous.items()
            if text.strip() and not current.get(item_id, "").strip()}


def save_answers(definition: Definition, year: int, texts: dict[str, str]) -> int:
    """Save the narrative answers given (unknown items refused); returns how many changed."""
    narrative_ids = {item.id for item in definition.items() if item.type == "text"}
    for item_id, text in texts.items():
        if item_id not in narrative_ids:
            raise ValidationError(None, f"« {item_id} » n'est pas une rubrique rédigée.")
        if len(text) > MAX_NARRATIVE:
            raise ValidationError(item_id, f"{MAX_NARRATIVE} caractères au plus par rubrique.")
    response = _response_for_edit(definition, year)
    existing = {answer.item_id: answer for answer in response.answers}
    changed = 0
    for item_id, text in texts.items():
        text = text.replace("\r\n", "\n").strip()
        answer = existing.get(item_id)
        if answer is None:
            if text:
                response.answers.append(NarrativeAnswer(item_id=item_id, text=text))
                changed += 1
        elif answer.text != text:
            answer.text = text
            changed += 1
    db.session.flush()
    return changed


def indicators_of(response: QuestionnaireResponse | None) -> dict[str, Indicator]:
    if response is None:
        return {}
    return {typed.item_id: Indicator(_plain(typed.value), typed.source)
            for typed in response.indicators}


def save_indicators(definition: Definition, year: int,
                    typed: dict[str, tuple[str, str]]) -> int:
    """Save the yearly figures typed ({item id: (number as typed, source)}); an empty number
    removes the year's figure. Every figure is checked before any is saved."""
    input_ids = {item.id for item in definition.items() if item.type == "input"}
    values: dict[str, Decimal | None] = {}
    for item_id, (text, source) in typed.items():
        if item_id not in input_ids:
            raise ValidationError(None, f"« {item_id} » n'est pas un chiffre à taper.")
        if len(source) > 300:
            raise ValidationError(item_id, "La source tient en 300 caractères.")
        if not text.strip():
            values[item_id] = None
            continue
        try:
            number = parse_number(text)
        except ValueError as problem:
            label = definition.item(item_id).label
            raise ValidationError(item_id, f"{label} : {problem}") from problem
        if number < 0 or number >= MAX_INDICATOR:
            raise ValidationError(item_id, f"{definition.item(item_id).label} : un nombre "
                                           "positif est attendu.")
        values[item_id] = number
    response = _response_for_edit(definition, year)
    existing = {indicator.item_id: indicator for indicator in response.indicators}
    changed = 0
    for item_id, number in values.items():
        source = " ".join(typed[item_id][1].split())
        indicator = existing.get(item_id)
        if number is None:
            if indicator is not None:
                response.indicators.remove(indicator)
                changed += 1
        elif indicator is None:
            response.indicators.append(IndicatorValue(
                item_id=item_id, label=definition.item(item_id).label, value=number,
                source=source))
            changed += 1
        elif indicator.value != number or indicator.source != source:
            indicator.value, indicator.source = number, source
            changed += 1
    db.session.flush()
    return changed


def corrections_of(response: QuestionnaireResponse | None) -> dict[tuple[str, str], Correction]:
    if response is None:
        return {}
    return {(c.item_id, c.row_key): Correction(_plain(c.corrected), c.reason)
            for c in response.corrections}


def _plain(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def correct_figure(definition: Definition, year: int, item_id: str, row_key: str,
                   value: str, reason: str) -> FigureCorrection:
    """Replace a computed figure (a figure, a table row, or a table's total) by hand."""
    item = definition.item(item_id)
    if item is None or item.type not in ("metric", "table"):
        raise ValidationError("item_id", "Choisissez un chiffre ou un tableau du questionnaire.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("reason", "Indiquez le motif de la correction.")
    try:
        corrected = parse_number(value or "")
    except ValueError:
        corrected = None
    if corrected is None or not corrected.is_finite() or corrected < 0 or corrected >= 10**12:
        raise ValidationError("value", "Indiquez un nombre positif (ex. 1 234 ou 12,5).")
    report = build_report(definition, year)
    computed = _computed_value(report, item_id, row_key)
    response = _response_for_edit(definition, year)
    correction = next((c for c in response.corrections
                       if c.item_id == item_id and c.row_key == row_key), None)
    if correction is None:
        correction = FigureCorrection(item_id=item_id, row_key=row_key)
        response.corrections.append(correction)
    correction.computed = None if computed is None else Decimal(str(computed))
    correction.corrected, correction.reason = corrected, reason[:500]
    correction.corrected_by = current_actor().label
    db.session.flush()
    return correction


def _computed_value(report: Report, item_id: str, row_key: str):
    for section in report.sections:
        for result in section.items:
            if result.id != item_id:
                continue
            if result.type == "metric":
                if row_key:
                    raise ValidationError("row_key", "Un chiffre seul n'a pas de ligne.")
                return result.value
            if row_key == TOTAL_KEY:
                return result.table.total
            for row in result.table.rows:
                if row.key == row_key:
                    return row.value
            raise ValidationError("row_key", "Cette ligne n'existe pas dans le tableau.")
    raise ValidationError("item_id", "Rubrique inconnue.")


def remove_correction(definition: Definition, year: int, correction_id: int) -> None:
    response = _response_for_edit(definition, year)
    correction = next((c for c in response.corrections if c.id == correction_id), None)
    if correction is None:
        raise ValidationError(None, "Correction introuvable.")
    response.corrections.remove(correction)
    db.session.flush()


def current_report(definition: Definition, year: int,
                   response: QuestionnaireResponse | None = NOT_LOADED,
                   last_year: QuestionnaireResponse | None = NOT_LOADED) -> Report:
    """The year's report with its answers and corrections; `response` and `last_year`, when
    the caller has read them already, are not read again (one read of each per request)."""
    if response is NOT_LOADED:
        response = get_response(definition, year)
    return _report(definition, year, response,
                   status=response.status if response else "brouillon", last_year=last_year)


def _report(definition: Definition, year: int, response: QuestionnaireResponse | None,
            status: str, last_year: QuestionnaireResponse | None = NOT_LOADED) -> Report:
    """The year's report with everything the office added: answers, corrections, typed
    figures (and last year's, printed beside them)."""
    if last_year is NOT_LOADED:
        last_year = get_response(definition, year - 1)
    return build_report(definition, year, answers_of(response), corrections_of(response),
                        status=status, indicators=indicators_of(response),
                        previous_indicators=indicators_of(last_year))


@dataclass
class FinalFiles:
    """A finalisation's files, rendered before anything is written."""

    version: int
    stem: str
    contents: dict[str, bytes]  # extension -> bytes


def render_final(definition: Definition, year: int,
                 progress: Progress = no_progress) -> FinalFiles:
    """Render every archived format of the next version (reads only: the longest part)."""
    response = get_response(definition, year)
    if response is not None and response.status == "final":
        raise DomainError(ALREADY_FINAL)
    version = (len(response.archives) if response else 0) + 1
    progress("Calcul des chiffres", 0, len(ARCHIVED_FORMATS))
    report = _report(definition, year, response, status="final")
    report.version = version
    contents = {}
    for index, extension in enumerate(ARCHIVED_FORMATS):
        progress(f"Fichier {extension.upper()}", index, len(ARCHIVED_FORMATS))
        contents[extension] = render(report, extension)
    progress("Archivage", len(ARCHIVED_FORMATS), len(ARCHIVED_FORMATS))
    return FinalFiles(version, report.filename_stem, contents)


def store_final(definition: Definition, year: int, files: FinalFiles) -> QuestionnaireArchive:
    """Store the rendered files with their SHA-256 under EXPORT_DIR (read only) and mark the
    year final; refused if another finalisation took this version meanwhile."""
    response = _response_for_edit(definition, year)
    if len(response.archives) + 1 != files.version:
        raise DomainError(FINALISED_MEANWHILE)
    folder = (Path(current_app.config["EXPORT_DIR"]) / "questionnaires" / definition.id
              / str(year) / f"v{files.version}")
    folder = _new_folder(folder)
    archive = QuestionnaireArchive(response=response, version=files.version,
                                   definition_sha256=definition.sha256,
                                   definition_text=definition.text,
                                   finalised_by=current_actor().label)
    db.session.add(archive)
    for extension, content in files.contents.items():
        path = folder / f"{files.stem}-v{files.version}.{extension}"
        path.write_bytes(content)
        os.chmod(path, 0o444)
        archive.files.append(ArchivedFile(
            format=extension, filename=path.name, size=len(content),
            path=str(path.relative_to(current_app.config["EXPORT_DIR"])),
            sha256=hashlib.sha256(content).hexdigest()))
    response.status = "final"
    try:
        db.session.flush()
    except IntegrityError as error:  # someone finalised the same version a moment earlier
        raise DomainError(FINALISED_MEANWHILE) from error
    return archive


def finalise(definition: Definition, year: int) -> QuestionnaireArchive:
    """Render every format once, store the files, and mark the year final, in the current
    transaction. Each finalisation is a new version; none is overwritten."""
    return store_final(definition, year, render_final(definition, year))


def finalise_in_steps(definition: Definition, year: int,
                      progress: Progress = no_progress) -> QuestionnaireArchive:
    """The same, for the page's job: the files are rendered in a read-only transaction (on
    SQLite nobody waits meanwhile), then stored in a short one. Commits."""
    db.session.commit()
    with reading_only():
        files = render_final(definition, year, progress)
        db.session.rollback()
    archive = store_final(definition, year, files)
    db.session.commit()
    return archive


def run_finalise_job(_content: bytes, _filename: str, params: dict,
                     progress: Progress) -> dict:
    """« Finaliser et archiver », run by the scheduler (tracker/job_kinds.py)."""
    from tracker.questionnaires.registry import get_definition

    definition = get_definition(params["definition_id"])
    if definition is None:
        raise DomainError("Ce questionnaire n'existe plus.")
    archive = finalise_in_steps(definition, int(params["year"]), progress)
    return {"version": archive.version}


def _new_folder(folder: Path) -> Path:
    """Create the version's folder; if it exists (another finalisation running, or one whose
    transaction failed), a new name beside it: files already there are never touched."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    candidate = folder
    while True:
        try:
            candidate.mkdir()
            return candidate
        except FileExistsError:
            candidate = folder.with_name(f"{folder.name}-{secrets.token_hex(4)}")


def reopen(definition: Definition, year: int) -> QuestionnaireResponse:
    response = get_response(definition, year)
    if response is None or response.status != "final":
        raise DomainError("Ce questionnaire n'est pas finalisé.")
    response.status = "brouillon"
    db.session.flush()
    return response


def read_archived_file(archived: ArchivedFile) -> bytes:
    """The archived bytes, checked against the SHA-256 recorded when they were written."""
    path = Path(current_app.config["EXPORT_DIR"]) / archived.path
    try:
        content = path.read_bytes()
    except OSError as problem:
        raise DomainError("Le fichier archivé est introuvable sur le disque.") from problem
    if hashlib.sha256(content).hexdigest() != archived.sha256:
        raise DomainError("Le fichier archivé ne correspond plus à son empreinte SHA-256 : "
                          "il a été modifié après la finalisation.")
    return content
