"""The founding documents of the demo's instruments: invented PDFs (an arrêté, a decision, a
signed convention, an avenant), every name and number fictitious. The AViQ agrément is left
without its decision, so that the instrument page shows « Documents fondateurs manquants »."""

import io
from datetime import date

from werkzeug.datastructures import FileStorage

from tracker.documents.pdf import ReportDocument
from tracker.extensions import db
from tracker.funders.models import Instrument, InstrumentDocument
from tracker.funders.services import add_instrument_document

D = date.fromisoformat
# instrument title: (kind, date, reference, file name, what the invented document says)
DOCUMENTS = {
    "Agrément service ambulatoire assuétudes": [
        ("arrete", D("2011-11-24"), "2011/1187-AMB", "arrete-agrement-cocof.pdf",
         "Arrêté portant agrément du service ambulatoire ASBL Horizon Clair dans le secteur "
         "des assuétudes, à partir du 1er janvier 2012, pour une durée indéterminée."),
        ("avenant", D("2019-06-13"), "2019/0412-AMB", "avenant-cadre-2019.pdf",
         "Avenant modifiant le cadre agréé : 0,5 ETP de psychologue supplémentaire."),
    ],
    "Convention PSSP Ville 2024-2027": [
        ("convention_signee", D("2023-12-18"), "PSSP-2024-07", "convention-pssp-signee.pdf",
         "Convention de partenariat entre la Ville et l'ASBL Horizon Clair pour la "
         "prévention de proximité, 2024-2027, signée par les deux parties."),
    ],
    "Plan de cohésion sociale 2026-2031": [
        ("decision", D("2025-11-27"), "PCS3-2026-031", "decision-pcs-2026.pdf",
         "Décision d'octroi de la subvention du plan de cohésion sociale 2026-2031, action "
         "« permanences médicales à bas seuil »."),
    ],
    "Postes ACS": [
        ("decision", D("2014-12-02"), "ACS-14-5521", "decision-acs.pdf",
         "Décision d'octroi de deux postes ACS à temps plein."),
    ],
}


def invented_pdf(title: str, reference: str, text: str) -> bytes:
    document = ReportDocument(title, subtitle=f"Référence {reference}",
                              organisation="Document fictif (démonstration)")
    document.paragraph(text)
    document.paragraph("Document inventé pour la démonstration : aucune valeur légale.")
    return document.render()


def load_instrument_documents() -> None:
    if db.session.scalar(db.select(InstrumentDocument.id).limit(1)) is not None:
        return
    for title, documents in DOCUMENTS.items():
        instrument = db.session.scalar(db.select(Instrument).where(Instrument.title == title))
        if instrument is None:
            continue
        for kind, issued_on, reference, filename, text in documents:
            content = invented_pdf(title, reference, text)
            add_instrument_document(instrument, kind, issued_on, reference,
                                    FileStorage(io.BytesIO(content), filename))
    db.session.flush()
