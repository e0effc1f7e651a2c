"""A questionnaire's year: narrative answers, typed figures, corrections, and the report they
make (finalising into an archive: archives.py)."""

from decimal import Decimal
from typing import Any

from tracker.actors import current_actor
from tracker.errors import DomainError, ValidationError
from tracker.extensions import db
from tracker.forms import parse_number
from tracker.questionnaires.models import (
    FigureCorrection,
    IndicatorValue,
    NarrativeAnswer,
    QuestionnaireResponse,
)
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


def response_for_edit(definition: Definition, year: int) -> QuestionnaireResponse:
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
    response = response_for_edit(definition, year)
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
    response = response_for_edit(definition, year)
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
    response = response_for_edit(definition, year)
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
    response = response_for_edit(definition, year)
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
    return report_of_year(definition, year, response,
                   status=response.status if response else "brouillon", last_year=last_year)


def report_of_year(definition: Definition, year: int, response: QuestionnaireResponse | None,
                   status: str, last_year: QuestionnaireResponse | None = NOT_LOADED,
                   cached: bool = True) -> Report:
    """The year's report with everything the office added: answers, corrections, typed
    figures (and last year's, printed beside them)."""
    if last_year is NOT_LOADED:
        last_year = get_response(definition, year - 1)
    return build_report(definition, year, answers_of(response), corrections_of(response),
                        status=status, indicators=indicators_of(response),
                        previous_indicators=indicators_of(last_year), cached=cached)
