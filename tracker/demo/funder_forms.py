"""The demo's funders' forms, invented but shaped like real ones: a COCOF-like Word report
(cover, identification, tables with last year's figures, narratives, a footer) and an
AViQ-like Excel workbook (identification, figures and tables bound by defined names, the
funder's own totals and check formulas). Built here so that they can be read as examples."""

import io

from docx import Document
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.workbook.defined_name import DefinedName
from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from tracker.extensions import db
from tracker.questionnaires.funder_forms.services import upload_template
from tracker.questionnaires.models import FunderTemplate
from tracker.questionnaires.registry import get_definition

COCOF_TITLE = "Rapport annuel COCOF – modèle standardisé"
AVIQ_TITLE = "Tableau de bord AViQ – promotion de la santé"


def load_funder_forms() -> None:
    for definition_id, title, filename, build in (
            ("cocof-ambulatoire", COCOF_TITLE, "cocof-rapport-standardise.docx", cocof_word),
            ("aviq-promotion-sante", AVIQ_TITLE, "aviq-tableau-de-bord.xlsx", aviq_excel)):
        if db.session.scalar(select(FunderTemplate.id).where(FunderTemplate.title == title)):
            continue
        upload_template(get_definition(definition_id),
                        FileStorage(io.BytesIO(build()), filename), title)


def _table(document, rows: list[list[str]]) -> None:
    grid = document.add_table(rows=len(rows), cols=len(rows[0]))
    grid.style = "Table Grid"
    for row, cells in enumerate(rows):
        for column, text in enumerate(cells):
            grid.cell(row, column).text = text
            if row == 0:
                for run in grid.cell(row, column).paragraphs[0].runs:
                    run.bold = True


def cocof_word() -> bytes:
    document = Document()
    document.styles["Normal"].font.size = Pt(10)
    document.add_paragraph("Commission communautaire française – Service de la Santé")
    document.add_heading("Rapport d'activité annuel – services ambulatoires (assuétudes)", 0)
    document.add_paragraph("Exercice {{ year }} ({{ period }})")
    document.add_paragraph("{{ status }}")
    document.add_page_break()
    document.add_heading("1. Identification du service", 1)
    _table(document, [["Rubrique", "Réponse"],
                      ["Dénomination", "{{ association.name }}"],
                      ["Forme juridique", "{{ association.legal_form }}"],
                      ["Numéro d'entreprise", "{{ association.enterprise_number }}"],
                      ["Siège", "{{ association.address }}"],
                      ["Téléphone", "{{ association.phone }}"],
                      ["Courriel", "{{ association.email }}"]])
    document.add_heading("2. Introduction", 1)
    document.add_paragraph("{{ introduction }}")
    document.add_heading("3. Permanence téléphonique", 1)
    document.add_paragraph("Nombre d'appels traités pendant l'exercice : {{ appels }}")
    document.add_paragraph("Tableau 1 – Évolution du nombre d'appels")
    _table(document, [["Année", "Appels"], ["{%tr for r in appels_par_annee.rows %}", ""],
                      ["{{ r.label }}", "{{ r.value }}"], ["{%tr endfor %}", ""]])
    document.add_paragraph("Tableau 2 – Origine géographique des appelants")
    _table(document, [["Région", "Appels", "Part"],
                      ["{%tr for r in region.rows %}", "", ""],
                      ["{{ r.label }}", "{{ r.value }}", "{{ r.percent }}"],
                      ["{%tr endfor %}", "", ""],
                      ["Total", "{{ region.total }}", ""]])
    document.add_paragraph("Commentaire : {{ commentaire_ligne }}")
    document.add_heading("4. Consultations", 1)
    _table(document, [["Indicateur", "Exercice", "Exercice précédent", "Évolution"],
                      ["Consultations", "{{ consultations }}", "{{ consultations.previous }}",
                       "{{ consultations.change }}"],
                      ["Personnes suivies", "{{ situations }}", "{{ situations.previous }}",
                       "{{ situations.change }}"],
                      ["Nouvelles demandes", "{{ nouvelles_situations }}",
                       "{{ nouvelles_situations.previous }}",
                       "{{ nouvelles_situations.change }}"]])
    document.add_paragraph("Commentaire : {{ commentaire_consultations }}")
    document.sections[0].footer.paragraphs[0].text = \
        "{{ association.name }} – rapport COCOF {{ year }}"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def aviq_excel() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Rapport"
    bold = Font(bold=True)
    cells = {"A1": "AViQ – Promotion de la santé : tableau de bord annuel",
             "A3": "Opérateur", "A4": "Numéro d'entreprise", "A5": "Année",
             "A7": "Actions menées en Wallonie", "A8": "Contrôle : total du tableau A",
             "C8": "=B7-B21",
             "A11": "Tableau A – Actions par type", "A12": "Type", "B12": "Actions",
             "C12": "Part", "A21": "Total", "B21": "=SUM(B13:B20)",
             "A24": "Tableau B – Participants par type", "A25": "Type",
             "B25": "Participants", "A34": "Total", "B34": "=SUM(B26:B33)",
             "A36": "Objectifs du PAC et leur réalisation", "A39": "Difficultés et perspectives"}
    for reference, value in cells.items():
        sheet[reference] = value
    for reference in ("A1", "A11", "A12", "B12", "C12", "A21", "A24", "A25", "B25", "A34"):
        sheet[reference].font = bold
    for reference in ("A37", "A40"):
        sheet[reference].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 48
    sheet.column_dimensions["B"].width = 16
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # one page wide, as the funder prints
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    names = {"association.name": "$B$3", "association.enterprise_number": "$B$4",
             "year": "$B$5", "actions_wallonie": "$B$7", "actions_par_type": "$A$13:$C$20",
             "participants": "$A$26:$B$33", "objectifs": "$A$37", "difficultes": "$A$40"}
    for name, reference in names.items():
        workbook.defined_names[name] = DefinedName(name, attr_text=f"Rapport!{reference}")
    workbook.defined_names["TauxIndexation"] = DefinedName("TauxIndexation", attr_text="1.02")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
