"""Partners, conventions, their evaluations and documents."""

from datetime import date
from decimal import Decimal

from werkzeug.datastructures import FileStorage

from tracker.audit.models import AuditEntry
from tracker.documents.storage import store_document
from tracker.errors import ValidationError
from tracker.extensions import db
from tracker.partnerships.models import (
    Convention,
    ConventionDocument,
    ConventionEvaluation,
    Partner,
)
from tracker.partnerships.vocabulary import CONVENTION_STATUSES, RENEWALS


def list_partners() -> list[Partner]:
    return list(db.session.scalars(db.select(Partner).order_by(Partner.name)))


def list_conventions() -> list[Convention]:
    return list(db.session.scalars(
        db.select(Convention).join(Partner).order_by(Partner.name, Convention.start_date)))


def save_convention(convention: Convention | None, *, partner_id: int | None,
                    new_partner: str = "", object: str, start_date: date,
                    end_date: date | None, renewal: str, notice_months: int | None,
                    free_of_charge: bool, yearly_amount: Decimal | None,
                    detached_days_per_week: Decimal | None, status: str,
                    board_decision: str = "", board_decision_due: date | None = None,
                    board_decision_on: date | None = None) -> Convention:
    new_partner = " ".join((new_partner or "").split())
    if new_partner:
        partner = db.session.scalar(db.select(Partner).where(Partner.name == new_partner))
        if partner is None:
            partner = Partner(name=new_partner)
            db.session.add(partner)
            db.session.flush()
        partner_id = partner.id
    if partner_id is None or db.session.get(Partner, partner_id) is None:
        raise ValidationError("partner_id", "Choisissez le partenaire, ou indiquez un nouveau "
                                            "partenaire.")
    if not (object or "").strip():
        raise ValidationError("object", "Indiquez l'objet de la convention.")
    if start_date is None:
        raise ValidationError("start_date", "Indiquez la date de début.")
    if end_date is not None and end_date < start_date:
        raise ValidationError("end_date", "La date de fin précède la date de début.")
    if renewal not in RENEWALS:
        raise ValidationError("renewal", "Mode de reconduction inconnu.")
    if status not in CONVENTION_STATUSES:
        raise ValidationError("status", "Statut inconnu.")
    if not free_of_charge and yearly_amount is None:
        raise ValidationError("yearly_amount", "Indiquez le montant, ou cochez « à titre "
                                               "gratuit ».")
    if detached_days_per_week is not None and not Decimal(0) <= detached_days_per_week <= 5:
        raise ValidationError("detached_days_per_week", "De 0 à 5 jours par semaine.")
    convention = convention or Convention()
    convention.partner_id, convention.object = partner_id, object.strip()
    convention.start_date, convention.end_date = start_date, end_date
    convention.renewal, convention.notice_months = renewal, notice_months
    convention.free_of_charge = free_of_charge
    convention.yearly_amount = None if free_of_charge else yearly_amount
    convention.detached_days_per_week = detached_days_per_week
    convention.status, convention.board_decision = status, (board_decision or "").strip()
    convention.board_decision_due = board_decision_due
    convention.board_decision_on = board_decision_on
    db.session.add(convention)
    db.session.flush()
    return convention


def add_evaluation(convention: Convention, *, due_date: date, done_on: date | None = None,
                   outcome: str = "") -> ConventionEvaluation:
    if due_date is None:
        raise ValidationError("due_date", "Indiquez la date prévue de l'évaluation.")
    evaluation = ConventionEvaluation(convention=convention, due_date=due_date, done_on=done_on,
                                      outcome=(outcome or "").strip())
    db.session.add(evaluation)
    db.session.flush()
    return evaluation


def add_document(convention: Convention, upload: FileStorage) -> ConventionDocument:
    stored, filename = store_document(upload, "file")
    document = ConventionDocument(convention=convention, filename=filename, stored_as=stored)
    db.session.add(document)
    db.session.flush()
    return document


def convention_history(convention: Convention) -> list[AuditEntry]:
    return list(db.session.scalars(
        db.select(AuditEntry).where(AuditEntry.entity_type == Convention.__audit_label__,
                                    AuditEntry.entity_id == str(convention.id))
        .order_by(AuditEntry.at.desc())))
