"""Invented operating expenses of the demo (rent, energy, telephone, prevention material,
trainings, travel, the FWB project's fees), charged to the instruments, with a receipt for
most of them since 2025; the décomptes of 2024 introduced and answered, with a few receipts
refused; 2025's AViQ décompte with staff costs refused (seniority the scale does not cover),
so that its advance is at risk of repayment; the PSSP convention in deficit."""

import calendar
import io
from datetime import date, timedelta
from decimal import Decimal

from reportlab.lib.pagesizes import A5
from reportlab.pdfgen import canvas
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage

from tracker.extensions import db
from tracker.finance.expenses import ShareInput, attach_receipt, save_expense
from tracker.finance.justification import close_year, justification_of, mark_lines
from tracker.finance.models import Expense
from tracker.funders.models import Instrument

COCOF = "Agrément service ambulatoire assuétudes"
AVIQ = "Agrément promotion de la santé 2023-2028"
PSSP = "Convention PSSP Ville 2024-2027"
FWB = "Appel à projets « Jeunes et écrans » 2025-2026"

# category, supplier, description, euros, months (1–12), day, [(instrument, percent)]
RECURRING = [
    ("loyer", "Immobilière du Parc (fictive)", "Loyer des bureaux", "1450.00",
     range(1, 13), 1, [(COCOF, 60), (AVIQ, 40)]),
    ("telecom", "Opérateur télécom (fictif)", "Ligne d'écoute et internet", "89.90",
     range(1, 13), 12, [(COCOF, 100)]),
    ("energie", "Fournisseur d'énergie (fictif)", "Électricité et gaz, trimestre", "412.35",
     (3, 6, 9, 12), 20, [(COCOF, 100)]),
    ("materiel", "Comptoir prévention (fictif)", "Matériel de réduction des risques",
     "640.00", (2, 4, 6, 8, 10, 12), 8, [(PSSP, 100)]),
    ("deplacements", "Société de transport (fictive)", "Abonnements du travail de rue",
     "210.40", (1, 4, 7, 10), 5, [(PSSP, 100)]),
    ("formation", "Centre de formation (fictif)", "Formation à l'entretien motivationnel",
     "850.00", (3, 10), 15, [(AVIQ, 100)]),
    ("honoraires", "Collectif d'animation (fictif)", "Animations « Jeunes et écrans »",
     "1200.00", range(1, 13), 25, [(FWB, 100)]),
    ("honoraires", "Cabinet de supervision (fictif)", "Supervision d'équipe", "780.00",
     range(1, 13), 18, [(COCOF, 100)]),
    ("assurances", "Assureur (fictif)", "Responsabilité civile et accidents du travail",
     "1850.00", (1,), 10, [(COCOF, 100)]),
    ("fournitures", "Imprimerie (fictive)", "Brochures de prévention", "2400.00",
     (2, 5, 8, 11), 22, [(AVIQ, 100)]),
]
REFUSED_2024 = [  # (category, month): the funder's reason
    (("energie", 9), "Facture au nom d'un autre occupant du bâtiment."),
    (("telecom", 12), "Ticket sans numéro de TVA du fournisseur."),
]
SENIORITY = "Ancienneté non couverte par le barème du financeur."


def _receipt(reference: str, supplier: str, spent_on: date, euros: str) -> FileStorage:
    """A one-page invented invoice, as a scanned receipt would be stored."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A5)
    page.setFont("Helvetica-Bold", 14)
    page.drawString(40, 520, "FACTURE FICTIVE (démonstration)")
    page.setFont("Helvetica", 11)
    for line, text in enumerate([supplier, f"Date : {spent_on:%d/%m/%Y}",
                                 f"Montant : {euros} EUR", f"Pièce : {reference}"]):
        page.drawString(40, 480 - 20 * line, text)
    page.save()
    return FileStorage(io.BytesIO(buffer.getvalue()), filename=f"facture-{reference}.pdf")


def _dates(months, day: int, until: date):
    for year in range(2024, until.year + 1):
        for month in months:
            spent_on = date(year, month, min(day, calendar.monthrange(year, month)[1]))
            if spent_on <= until:
                yield spent_on


def load_expenses() -> None:
    if db.session.scalar(select(func.count(Expense.id))):
        return
    instruments = {instrument.title: instrument for instrument in db.session.scalars(
        select(Instrument).where(Instrument.title.in_([COCOF, AVIQ, PSSP, FWB])))}
    if len(instruments) < 4:
        return
    today = date.today()
    last_month_end = today.replace(day=1) - timedelta(days=1)
    created: dict[tuple[str, int, int], Expense] = {}
    for category, supplier, description, euros, months, day, shares in RECURRING:
        for spent_on in _dates(months, day, last_month_end):
            charged = [(instruments[title], percent) for title, percent in shares]
            if any(spent_on < instrument.start_date or (
                    instrument.end_date and spent_on > instrument.end_date)
                    for instrument, _percent in charged):
                continue
            expense = save_expense(
                None, spent_on=spent_on, supplier=supplier, description=description,
                category_code=category, amount=Decimal(euros),
                shares=[ShareInput(instrument.id, Decimal(percent))
                        for instrument, percent in charged])
            # receipts scanned since 2025, but the telephone's of the last three months
            if spent_on.year >= 2025 and not (category == "telecom"
                                              and (today - spent_on).days < 95):
                attach_receipt(expense, _receipt(expense.reference, supplier, spent_on, euros))
            created[(category, spent_on.year, spent_on.month)] = expense
    _answer_2024(instruments, created)
    _answer_2025(instruments)


def _answer_2024(instruments: dict[str, Instrument], created) -> None:
    """2024: every décompte introduced in March 2025 and accepted, but two receipts."""
    for title in (COCOF, AVIQ, PSSP):
        instrument = instruments[title]
        close_year(instrument, 2024, date(2025, 3, 14))
        report = justification_of(instrument, 2024)
        mark_lines(instrument, 2024, status="accepte",
                   cost_ids=[line.key for line in report.personnel],
                   share_ids=[line.key for line in report.operating])
    cocof = instruments[COCOF]
    for (category, month), reason in REFUSED_2024:
        expense = created[(category, 2024, month)]
        mark_lines(cocof, 2024, cost_ids=[], status="refuse", reason=reason,
                   share_ids=[share.id for share in expense.shares
                              if share.instrument_id == cocof.id])


def _answer_2025(instruments: dict[str, Instrument]) -> None:
    """2025: the COCOF décompte introduced and accepted; the AViQ's introduced, its
    communication officer's costs of the first half-year refused (seniority), which puts
    part of what it paid at risk."""
    cocof, aviq = instruments[COCOF], instruments[AVIQ]
    close_year(cocof, 2025, date(2026, 3, 20))
    report = justification_of(cocof, 2025)
    mark_lines(cocof, 2025, status="accepte", cost_ids=[line.key for line in report.personnel],
               share_ids=[line.key for line in report.operating])
    close_year(aviq, 2025, date(2026, 3, 27))
    report = justification_of(aviq, 2025)
    refused = [line for line in report.personnel
               if "communication" in line.group.lower() and line.day.month <= 6]
    kept = report.charged_cents - sum(line.cents for line in refused)
    for line in report.personnel:  # more, if the scale still covers the advance
        if kept < (report.received_cents or 0) - 100000:
            break
        if line not in refused:
            refused.append(line)
            kept -= line.cents
    mark_lines(aviq, 2025, status="refuse", reason=SENIORITY,
               cost_ids=[line.key for line in refused], share_ids=[])
    accepted = [line for line in report.personnel if line not in refused]
    mark_lines(aviq, 2025, status="accepte", cost_ids=[line.key for line in accepted],
               share_ids=[line.key for line in report.operating])

