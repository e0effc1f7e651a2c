"""The board's views as tables, and those tables as XLSX or as a PDF « dossier CA »."""

from collections.abc import Callable
from dataclasses import dataclass

from tracker.association.services import get_association
from tracker.catalogue.services import function_labels
from tracker.documents.exporters import register_exporter
from tracker.documents.pdf import ReportDocument
from tracker.documents.tables import DocTable, FteValue, Linked, MoneyValue
from tracker.documents.xlsx import tables_to_xlsx
from tracker.formatting import format_date, format_money, format_number
from tracker.funders.services import funder_labels
from tracker.staffing.board import CadreComparison, FundingLoss, PersonTimeline
from tracker.staffing.fte import StaffingMatrix


def fte_or_blank(value: float | None) -> FteValue | None:
    """Empty cells rather than columns of zeros."""
    return FteValue(value) if value else None



def matrix_tables(matrix: StaffingMatrix,
                  person_url: Callable[[int], str] | None = None) -> list[DocTable]:
    """The people × funders table and the FTE per function; on a page, `person_url` makes
    each name lead to the person."""
    labels, funders = function_labels(), funder_labels()

    def name(row):
        return Linked(row.person_name, person_url(row.person_id)) if person_url \
            else row.person_name

    people = DocTable(
        title=f"Effectifs par financeur {matrix.period.label()}",
        headers=["Personne", "Fonction(s)", *[funders.get(code, code) for code in matrix.funders],
                 "Total ETP", "Absent", "Détaché"],
        rows=[[name(row), ", ".join(labels.get(code, code) for code in row.functions),
               *[fte_or_blank(row.by_funder.get(code)) for code in matrix.funders],
               FteValue(row.total), fte_or_blank(row.absent), fte_or_blank(row.detached)]
              for row in matrix.rows],
        totals=["Total", "", *[FteValue(matrix.totals_by_funder[code]) for code in matrix.funders],
                FteValue(matrix.total), FteValue(matrix.absent), FteValue(matrix.detached)],
        note=f"ETP réellement présents : {format_number(matrix.present, 3)} "
             "(les absences ne sont pas déduites du financement).",
    )
    functions = DocTable(
        title=f"Effectifs par fonction {matrix.period.label()}",
        headers=["Fonction", "ETP"],
        rows=[[labels.get(code, code), FteValue(value)]
              for code, value in matrix.totals_by_function.items()],
        totals=["Total", FteValue(matrix.total)],
    )
    return [people, functions]


NO_CADRE = "pas de cadre défini"


def cadre_tables(comparisons: list[CadreComparison], period_label: str) -> list[DocTable]:
    labels = function_labels()
    rows, unfunded = [], []
    for comparison in comparisons:
        for line in comparison.lines:
            cadre = ([FteValue(line.required), FteValue(line.allocated), FteValue(line.gap)]
                     if comparison.has_cadre
                     else [NO_CADRE, FteValue(line.allocated), ""])
            rows.append([str(comparison.instrument),
                         labels.get(line.function_code, line.function_code), *cadre])
        for post in comparison.unfunded:
            unfunded.append([str(comparison.instrument),
                             labels.get(post.function_code, post.function_code),
                             FteValue(float(post.fte)), post.note])
    return [
        DocTable(title=f"Cadre et effectif réel {period_label}",
                 headers=["Instrument", "Fonction", "Cadre (ETP)", "Affecté (ETP)", "Écart"],
                 rows=rows,
                 note="Écart négatif : postes du cadre non pourvus ; positif : au-delà du cadre."),
        DocTable(title="Postes demandés, non financés",
                 headers=["Instrument", "Fonction", "ETP", "Remarque"], rows=unfunded),
    ]


def timeline_table(timelines: list[PersonTimeline], year: int) -> DocTable:
    rows = []
    for timeline in timelines:
        for bar in timeline.bars:
            rows.append([timeline.person.full_name, bar.label, bar.detail, bar.start, bar.end])
    return DocTable(title=f"Chronologie {year}",
                    headers=["Personne", "Financement / absence", "Détail", "Du", "Au"], rows=rows)


def loss_table(loss: FundingLoss, costs_per_person: bool = False) -> DocTable:
    """The posts lost; with their monthly costs when known, per post for the office only
    (salaries are personal data), per function and in total for everyone."""
    labels = function_labels()
    per_post = loss.costed and costs_per_person
    note = "Par fonction : " + (", ".join(
        f"{labels.get(code, code)} {format_number(value, 3)}"
        for code, value in loss.by_function.items()) or "aucune")
    if loss.costed:
        note += (f"\nCoût mensuel perdu : {format_money(loss.monthly_cents / 100)}"
                 + "".join(f" ; {labels.get(code, code)} {format_money(cents / 100)}"
                           for code, cents in (loss.monthly_by_function if per_post else
                                               loss.monthly_by_function_for_the_board).items()))
    return DocTable(
        title=f"{loss.title} au {format_date(loss.stop_date)}",
        headers=["Personne", "Fonction", "Financeur", "Instrument", "ETP", "À partir du", "Fin"]
        + (["Coût mensuel"] if per_post else []),
        rows=[[post.person, labels.get(post.function_code, post.function_code), post.funder,
               post.instrument, FteValue(post.fte), post.start, post.end or "sans fin"]
              + ([MoneyValue(post.monthly_cents) if post.monthly_cents is not None else ""]
                 if per_post else [])
              for post in loss.posts],
        totals=["ETP perdus à cette date", "", "", "", FteValue(loss.total), "", ""]
        + ([MoneyValue(loss.monthly_cents)] if per_post else []),
        note=note,
    )


def to_pdf(title: str, tables: list[DocTable], subtitle: str = "") -> bytes:
    association = get_association()
    document = ReportDocument(title, subtitle=subtitle,
                              organisation=str(association) if association else "", wide=True)
    for table in tables:
        document.table(table)
    return document.render()


@dataclass(frozen=True)
class TablesDocument:
    """A board page's tables, as a file: its title, its tables, a subtitle for the PDF."""

    title: str
    tables: list[DocTable]
    subtitle: str = ""


STAFFING_TABLES = register_exporter(
    "tableaux_personnel", "Tableaux du personnel",
    xlsx=lambda document: tables_to_xlsx(document.tables),
    pdf=lambda document: to_pdf(document.title, document.tables, document.subtitle))
