"""The register of mandates: members, their dated mandates, the register at a date, the
mandates ending soon, the qualities the director names, and the documents on each."""

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload
from werkzeug.datastructures import FileStorage

from tracker.db import added_unless_taken
from tracker.documents.versions import add_version
from tracker.errors import ValidationError
from tracker.extensions import db
from tracker.funders.vocabulary import DOCUMENT_KINDS
from tracker.governance.models import (
    GovernanceDocument,
    LegalFiling,
    Mandate,
    MandateQuality,
    Member,
)
from tracker.governance.vocabulary import END_REASONS
from tracker.periods import add_months
from tracker.text import normalize


def list_qualities() -> list[MandateQuality]:
    return list(db.session.scalars(select(MandateQuality).order_by(
        MandateQuality.position, MandateQuality.label)))


def quality_lookup() -> dict[str, str]:
    """A quality as a file or a form may write it (code or label, any case) -> its code."""
    lookup = {}
    for quality in list_qualities():
        lookup[normalize(quality.code)] = lookup[normalize(quality.label)] = quality.code
    return lookup


def add_quality(code: str, label: str, *, ubo: bool, published: bool,
                member_register: bool) -> MandateQuality:
    code = normalize(code or "").replace(" ", "_")
    if not code or not code.replace("_", "").isalnum() or len(code) > 40:
        raise ValidationError("code", "Code en minuscules, chiffres et _ (ex. vice_president).")
    if not (label or "").strip():
        raise ValidationError("label", "Indiquez le libellé.")
    position = db.session.scalar(select(func.max(MandateQuality.position))) or 0
    quality = MandateQuality(code=code, label=" ".join(label.split())[:120],
                             position=position + 1, ubo=ubo, published=published,
                             member_register=member_register)
    if not added_unless_taken(db.session, quality):
        raise ValidationError("code", f"La qualité « {code} » existe déjà.")
    return quality


def member_named(full_name: str) -> Member:
    """The member of that name (spacing and case aside), created when new."""
    name = " ".join((full_name or "").split())
    if not name:
        raise ValidationError("member_name", "Indiquez le nom du membre.")
    if len(name) > 150:
        raise ValidationError("member_name", "Nom trop long (150 caractères au plus).")
    found = db.session.scalar(select(Member).where(func.lower(Member.full_name)
                                                   == name.lower()))
    if found is not None:
        return found
    member = Member(full_name=name)
    if not added_unless_taken(db.session, member):  # written meanwhile by another request
        return db.session.scalar(select(Member).where(Member.full_name == name))
    return member


def check_mandate(quality: str, start: date | None, term: date | None, end: date | None,
                  end_reason: str) -> None:
    if db.session.get(MandateQuality, quality or "") is None:
        raise ValidationError("quality", "Choisissez la qualité.")
    if start is None:
        raise ValidationError("start_date", "Indiquez la date de début du mandat.")
    if term is not None and term < start:
        raise ValidationError("term_date", "Le terme précède le début du mandat.")
    if end is not None and end < start:
        raise ValidationError("end_date", "La fin précède le début du mandat.")
    if end_reason and end_reason not in END_REASONS:
        raise ValidationError("end_reason", "Motif de fin inconnu.")
    if end is not None and not end_reason:
        raise ValidationError("end_reason", "Indiquez pourquoi le mandat a pris fin.")


def save_mandate(mandate: Mandate | None, *, member_name: str, quality: str,
                 start_date: date | None, term_date: date | None = None,
                 end_date: date | None = None, end_reason: str = "") -> Mandate:
    check_mandate(quality, start_date, term_date, end_date, end_reason or "")
    member = member_named(member_name)
    with db.session.no_autoflush:
        mandate = mandate or Mandate()
        db.session.add(mandate)
        mandate.member = member
        mandate.quality_row = db.session.get(MandateQuality, quality)
    mandate.start_date, mandate.term_date = start_date, term_date
    mandate.end_date, mandate.end_reason = end_date, (end_reason or "") if end_date else ""
    db.session.flush()
    return mandate


def delete_mandate(mandate: Mandate) -> None:
    db.session.delete(mandate)
    db.session.flush()


def save_identity(member: Member, *, birth_date: date | None, nationality: str,
                  address: str) -> Member:
    """The UBO register's data about one member (the director's only)."""
    member.birth_date = birth_date
    member.nationality = " ".join((nationality or "").split())[:60]
    member.address = " ".join((address or "").split())[:300]
    db.session.flush()
    return member


def _mandates():
    return select(Mandate).options(joinedload(Mandate.member), joinedload(Mandate.quality_row))


def register_at(day: date) -> list[Mandate]:
    """The mandates held that day, by quality then name."""
    mandates = db.session.scalars(_mandates().where(
        Mandate.start_date <= day, (Mandate.end_date.is_(None)) | (Mandate.end_date >= day)))
    return sorted(mandates, key=lambda mandate: (mandate.quality_row.position,
                                                 mandate.member.full_name.lower()))


def mandates_ending(today: date, months: int = 12) -> list[Mandate]:
    """Mandates still held whose term (or recorded end) falls within `months`: the
    dashboard's and the board pack's « mandats arrivant à échéance »."""
    until = add_months(today, months)
    ending = db.session.scalars(_mandates().where(
        Mandate.start_date <= today, (Mandate.end_date.is_(None)) | (Mandate.end_date >= today)))
    return sorted((mandate for mandate in ending
                   if (mandate.end_date or mandate.term_date) is not None
                   and today <= (mandate.end_date or mandate.term_date) <= until),
                  key=lambda mandate: (mandate.end_date or mandate.term_date))


def list_mandates() -> list[Mandate]:
    return list(db.session.scalars(_mandates().order_by(Mandate.start_date.desc(),
                                                        Mandate.id.desc())))


def add_document(owner: str, owner_id: int, siblings: list[GovernanceDocument], *,
                 kind: str, issued_on: date | None, reference: str, upload: FileStorage,
                 replaces_id: int | None = None) -> GovernanceDocument:
    """A document on a mandate, meeting, statutes version or filing (`owner`: the column
    naming it), in versions like an instrument's."""
    if kind not in DOCUMENT_KINDS:
        raise ValidationError("kind", "Choisissez le type de document.")
    document = GovernanceDocument(kind=kind, issued_on=issued_on,
                                  reference=(reference or "").strip()[:200])
    setattr(document, f"{owner}_id", owner_id)
    return add_version(document, upload, siblings, replaces_id)


def record_filing(key: str, done_on: date | None, reference: str = "") -> LegalFiling:
    """What fulfilled an obligation (its key): once."""
    if done_on is None:
        raise ValidationError("done_on", "Indiquez la date à laquelle la formalité a été faite.")
    if done_on > date.today():
        raise ValidationError("done_on", "Cette date est dans le futur.")
    filing = LegalFiling(obligation_key=key[:80], done_on=done_on,
                         reference=" ".join((reference or "").split())[:200])
    if not added_unless_taken(db.session, filing):
        raise ValidationError("done_on", "Cette obligation est déjà marquée comme faite.")
    return filing


def filings_by_key(keys: list[str]) -> dict[str, LegalFiling]:
    """The filings that fulfilled these obligations, read at once."""
    return {filing.obligation_key: filing for filing in db.session.scalars(
        select(LegalFiling).where(LegalFiling.obligation_key.in_(keys)))}
