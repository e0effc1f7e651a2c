"""Funders, instruments, yearly amounts and cadres."""

from datetime import date
from decimal import Decimal

from flask import g
from werkzeug.datastructures import FileStorage

from tracker.catalogue.services import get_function
from tracker.documents.versions import add_version, current_versions
from tracker.errors import ValidationError
from tracker.extensions import db
from tracker.funders.models import (
    CadrePost,
    Funder,
    Instrument,
    InstrumentAmount,
    InstrumentDocument,
)
from tracker.funders.vocabulary import (
    DOCUMENT_KINDS,
    FOUNDING_KINDS,
    FUNDER_KINDS,
    FUNDER_LEVELS,
    INSTRUMENT_KINDS,
    INSTRUMENT_STATUSES,
)


def list_funders(active_only: bool = False) -> list[Funder]:
    query = db.select(Funder).order_by(Funder.code)
    if active_only:
        query = query.where(Funder.active.is_(True))
    return list(db.session.scalars(query))


def get_funder_by_code(code: str) -> Funder | None:
    return db.session.scalar(db.select(Funder).where(Funder.code == (code or "").strip().upper()))


def funder_labels() -> dict[str, str]:
    """Code -> the name users read, for tables keyed by funder code."""
    return {funder.code: funder.label for funder in db.session.scalars(db.select(Funder))}


def funder_label(code: str) -> str:
    """A funder code as users read it (the page's labels are read once per request)."""
    if "funder_labels" not in g:
        g.funder_labels = funder_labels()
    return g.funder_labels.get(code, code)


def save_funder(funder: Funder | None, *, code: str, name: str, level: str, kind: str,
                active: bool = True, short_name: str = "") -> Funder:
    code = (code or "").strip().upper().replace(" ", "_")
    if not code:
        raise ValidationError("code", "Indiquez un code (ex. COCOF).")
    other = get_funder_by_code(code)
    if other is not None and other is not funder:
        raise ValidationError("code", f"Le code {code} est déjà utilisé.")
    if level not in FUNDER_LEVELS:
        raise ValidationError("level", "Niveau inconnu.")
    if kind not in FUNDER_KINDS:
        raise ValidationError("kind", "Type de financeur inconnu.")
    if not (name or "").strip():
        raise ValidationError("name", "Indiquez le nom du financeur.")
    funder = funder or Funder()
    funder.code, funder.name, funder.level, funder.kind = code, name.strip(), level, kind
    funder.short_name = " ".join((short_name or "").split())
    funder.active = active
    db.session.add(funder)
    db.session.flush()
    return funder


def list_instruments() -> list[Instrument]:
    return list(db.session.scalars(
        db.select(Instrument).join(Funder).order_by(Funder.code, Instrument.start_date)))


def save_instrument(instrument: Instrument | None, *, funder_id: int, kind: str, title: str,
                    start_date: date, end_date: date | None, status: str,
                    legal_reference: str = "", missions: str = "",
                    year_start_month: int = 1) -> Instrument:
    if db.session.get(Funder, funder_id) is None:
        raise ValidationError("funder_id", "Choisissez un financeur.")
    if kind not in INSTRUMENT_KINDS:
        raise ValidationError("kind", "Type d'instrument inconnu.")
    if status not in INSTRUMENT_STATUSES:
        raise ValidationError("status", "Statut inconnu.")
    if not (title or "").strip():
        raise ValidationError("title", "Indiquez l'intitulé.")
    if start_date is None:
        raise ValidationError("start_date", "Indiquez la date de début.")
    if end_date is not None and end_date < start_date:
        raise ValidationError("end_date", "La date de fin précède la date de début.")
    if year_start_month not in range(1, 13):
        raise ValidationError("year_start_month", "Choisissez le mois où commence l'exercice.")
    instrument = instrument or Instrument()
    instrument.year_start_month = year_start_month
    instrument.funder_id, instrument.kind, instrument.title = funder_id, kind, title.strip()
    instrument.start_date, instrument.end_date, instrument.status = start_date, end_date, status
    instrument.legal_reference = (legal_reference or "").strip()
    instrument.missions = (missions or "").strip()
    db.session.add(instrument)
    db.session.flush()
    return instrument


def save_amount(instrument: Instrument, year: int, requested: Decimal | None,
                granted: Decimal | None, received: Decimal | None) -> InstrumentAmount:
    for name, value in (("requested", requested), ("granted", granted), ("received", received)):
        if value is not None and value < 0:
            raise ValidationError(name, "Un montant ne peut pas être négatif.")
    amount = db.session.scalar(db.select(InstrumentAmount).where(
        InstrumentAmount.instrument_id == instrument.id, InstrumentAmount.year == year))
    amount = amount or InstrumentAmount(instrument=instrument, year=year)
    amount.requested, amount.granted, amount.received = requested, granted, received
    db.session.add(amount)
    db.session.flush()
    return amount


def add_cadre_post(instrument: Instrument, *, function_code: str, fte: Decimal,
                   valid_from: date, funded: bool = True, note: str = "") -> CadrePost:
    if get_function(function_code) is None:
        raise ValidationError("function_code", "Fonction inconnue.")
    if fte is None or fte <= 0:
        raise ValidationError("fte", "L'ETP du poste doit être positif.")
    if valid_from is None:
        raise ValidationError("valid_from", "Indiquez à partir de quand ce cadre s'applique.")
    post = CadrePost(instrument=instrument, function_code=function_code, fte=fte,
                     valid_from=valid_from, funded=funded, note=(note or "").strip())
    db.session.add(post)
    db.session.flush()
    return post


def delete_cadre_post(post: CadrePost) -> None:
    db.session.delete(post)
    db.session.flush()


def cadre_in_force(instrument: Instrument, day: date) -> list[CadrePost]:
    """The revision in force that day: the posts sharing the latest valid_from on or before it."""
    revisions = sorted({post.valid_from for post in instrument.cadre_posts
                        if post.valid_from <= day})
    if not revisions:
        return []
    return [post for post in instrument.cadre_posts if post.valid_from == revisions[-1]]


def add_instrument_document(instrument: Instrument, kind: str, issued_on: date | None,
                            reference: str, upload: FileStorage,
                            replaces_id: int | None = None) -> InstrumentDocument:
    """A document of the instrument (PDF, JPEG, PNG, DOCX or XLSX, checked by its content,
    20 MB at most); `replaces_id`: the older version it replaces, which is kept."""
    if kind not in DOCUMENT_KINDS:
        raise ValidationError("kind", "Choisissez le type de document.")
    document = add_version(InstrumentDocument(instrument_id=instrument.id, kind=kind,
                                              issued_on=issued_on,
                                              reference=(reference or "").strip()[:200]),
                           upload, instrument.documents, replaces_id)
    db.session.expire(instrument, ["documents"])
    return document


def founding_documents_missing(instrument: Instrument) -> bool:
    """An agrément with no arrêté or decision attached: « Documents fondateurs manquants »."""
    return instrument.kind == "agrement" and not any(
        document.kind in FOUNDING_KINDS for document in current_versions(instrument.documents))
