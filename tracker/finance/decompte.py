"""The « décompte récapitulatif » of an instrument-year, as the funder receives it: the same
figures in XLSX (numbers as numbers), PDF (with the receipts' references) and JSON, and a ZIP
of the décompte with every receipt file."""

import io
import json
import zipfile

from tracker.association.services import get_association
from tracker.documents.exporters import register_exporter
from tracker.documents.pdf import ReportDocument
from tracker.documents.storage import read_document
from tracker.documents.tables import DocTable, MoneyValue, ShareValue
from tracker.documents.xlsx import tables_to_xlsx
from tracker.finance.justification import Justification
from tracker.finance.money import euros
from tracker.text import slugify

STATUS_ROWS = [("accepte", "Accepté"), ("refuse", "Refusé"), ("introduit", "Introduit"),
               ("a_justifier", "À justifier")]


def title_of(report: Justification) -> str:
    return f"Décompte récapitulatif – {report.instrument.title} {report.label}"


def subtitle_of(report: Justification) -> str:
    return (f"{report.instrument.funder.name} · du {report.start:%d/%m/%Y} au "
            f"{report.end:%d/%m/%Y}")


def filename_of(report: Justification, extension: str) -> str:
    return f"decompte-{slugify(report.instrument.title)}-{report.label}.{extension}"


def summary_rows(report: Justification) -> list[tuple[str, int | None]]:
    """(label, cents): the figures of the summary, in the order every format prints them."""
    rows = [("Montant accordé", report.granted_cents), ("Montant reçu", report.received_cents),
            ("Frais de personnel imputés", report.personnel_cents),
            ("Frais de fonctionnement imputés", report.operating_cents),
            ("Total imputé", report.charged_cents)]
    rows += [(f"dont {label.lower()}", report.by_status[status])
             for status, label in STATUS_ROWS]
    balance = report.balance_cents
    if balance is not None:
        rows.append(("Reste à recevoir" if balance >= 0 else "À risque de remboursement",
                     abs(balance)))
    return rows


def decompte_tables(report: Justification) -> list[DocTable]:
    summary = DocTable("Synthèse", ["Poste", "Montant"], [
        [label, MoneyValue(cents) if cents is not None else "non renseigné"]
        for label, cents in summary_rows(report)])
    if report.covered_share is not None:
        summary.rows.append(["Part du montant accordé couverte (hors refusé)",
                             ShareValue(report.covered_share * 100)])
    personnel = DocTable(
        "Frais de personnel", ["Personne", "Fonction", "Mois", "Type", "Montant imputé",
                               "Statut", "Motif du refus"],
        [[line.label, line.group, f"{line.day:%m/%Y}", line.detail, MoneyValue(line.cents),
          line.status_label, line.reason] for line in report.personnel],
        totals=["Total", "", "", "", MoneyValue(report.personnel_cents), "", ""])
    operating = DocTable(
        "Frais de fonctionnement",
        ["Référence", "Date", "Fournisseur", "Description", "Catégorie", "Montant de la pièce",
         "Montant imputé", "Justificatif", "Statut", "Motif du refus"],
        [[line.reference, line.day, line.label, line.detail, line.group,
          MoneyValue(line.expense_cents), MoneyValue(line.cents),
          receipt_entry(line.reference, line.receipt_name) if line.receipt_name else "absent",
          line.status_label, line.reason] for line in report.operating],
        totals=["Total", "", "", "", "", "", MoneyValue(report.operating_cents), "", "", ""])
    return [summary, personnel, operating]


def receipt_entry(reference: str, receipt_name: str) -> str:
    """The receipt's file name in the ZIP, which the PDF and the workbook cite."""
    return f"{reference}-{receipt_name}"


def decompte_json(report: Justification) -> dict:
    def money(cents):
        return None if cents is None else euros(cents)
    return {
        "instrument": report.instrument.title, "funder": report.instrument.funder.name,
        "year": report.label, "from": report.start.isoformat(), "to": report.end.isoformat(),
        "granted": money(report.granted_cents), "received": money(report.received_cents),
        "personnel": money(report.personnel_cents), "operating": money(report.operating_cents),
        "total": money(report.charged_cents),
        "by_status": {status: money(cents) for status, cents in report.by_status.items()},
        "balance": money(report.balance_cents),  # negative: at risk of repayment
        "introduced_on": report.closure.introduced_on.isoformat() if report.closure else None,
        "personnel_lines": [
            {"person": line.label, "function": line.group, "month": f"{line.day:%Y-%m}",
             "type": line.detail, "amount": money(line.cents), "status": line.status,
             "reason": line.reason} for line in report.personnel],
        "operating_lines": [
            {"reference": line.reference, "date": line.day.isoformat(),
             "supplier": line.label, "description": line.detail, "category": line.group,
             "expense_amount": money(line.expense_cents), "amount": money(line.cents),
             "receipt": receipt_entry(line.reference, line.receipt_name)
             if line.receipt_name else None,
             "status": line.status, "reason": line.reason} for line in report.operating],
    }


def decompte_pdf(report: Justification) -> bytes:
    association = get_association()
    document = ReportDocument(title_of(report), subtitle=subtitle_of(report),
                              organisation=str(association) if association else "", wide=True)
    if report.closure is not None:
        document.paragraph(f"Introduit le {report.closure.introduced_on:%d/%m/%Y}.")
    for table in decompte_tables(report):
        document.table(table)
    return document.render()


def decompte_xlsx(report: Justification) -> bytes:
    return tables_to_xlsx(decompte_tables(report))


def decompte_json_file(report: Justification) -> bytes:
    return json.dumps(decompte_json(report), ensure_ascii=False, indent=2).encode()


def decompte_zip(report: Justification) -> bytes:
    """The décompte (PDF, XLSX, JSON) and, under justificatifs/, each receipt file named as
    the décompte cites it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(filename_of(report, "pdf"), decompte_pdf(report))
        archive.writestr(filename_of(report, "xlsx"), decompte_xlsx(report))
        archive.writestr(filename_of(report, "json"), decompte_json_file(report))
        for line in report.operating:
            if line.receipt_stored:
                entry = receipt_entry(line.reference, line.receipt_name)
                archive.writestr(f"justificatifs/{entry}", read_document(line.receipt_stored))
    return buffer.getvalue()


DECOMPTE = register_exporter("decompte", "Décompte d'une justification", xlsx=decompte_xlsx,
                             pdf=decompte_pdf, json=decompte_json_file, zip=decompte_zip)
