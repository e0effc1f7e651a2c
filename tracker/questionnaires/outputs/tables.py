"""Each report item as the rows every format prints (PDF, DOCX, XLSX and the HTML preview
read these, so they cannot disagree)."""

from tracker.documents.tables import DocTable, ShareValue
from tracker.formatting import format_number
from tracker.privacy import SMALL_GROUP
from tracker.questionnaires.figure_rows import TableResult
from tracker.questionnaires.report import ReportItem
from tracker.questionnaires.schema import Metric

# Column headers of a metric, as a secretary would title them.
SUM_LABELS = {"duree_min": "Durée totale (min)", "participants": "Total participants"}
AVERAGE_LABELS = {"duree_min": "Durée moyenne (min)", "participants": "Participants (moyenne)"}
DISTINCT_LABELS = {"dossier": "dossiers", "intervenant": "intervenants",
                   "partenaire": "partenaires", "date": "jours", "service": "services",
                   "duree_min": "durées", "participants": "nombres de participants"}
# « Total des appels »: the total counts each activity once, when the rows do not add up to it
# (several values per activity, or only the top N rows shown).
TOTAL_NOUNS = {"appel": "appels", "courriel": "courriels", "consultation": "consultations",
               "accueil": "accueils"}
AXIS_LABELS = {"year": "Année", "quarter": "Trimestre", "month": "Mois", "weekday": "Jour",
               "hour": "Heure"}
SPLIT_UP_TO = 4  # a cross-table's « Répartition » column, for a few columns only
SPLIT_HEADER = "Répartition"
CORRECTED = " *"


# A figure in persons: what it counts.
PERSON_LABELS = {"persons": "Personnes", "new_persons": "Nouvelles personnes",
                 "episodes": "Prises en charge ouvertes", "events": "Nombre"}


def metric_label(metric: Metric) -> str:
    if metric.in_persons:
        return PERSON_LABELS[metric.kind]
    if metric.kind == "count":
        return "Nombre"
    if metric.kind == "sum":
        return SUM_LABELS[metric.field]
    if metric.kind == "avg":
        return AVERAGE_LABELS[metric.field]
    return f"Nombre de {DISTINCT_LABELS[metric.field]} distincts"


def change_text(change: float | None) -> str:
    """« +3,4 % », « -18,6 % », or nothing when the change cannot be said."""
    if change is None:
        return ""
    return f"{'+' if change > 0 else ''}{format_number(change)} %"


def previous_text(result: ReportItem) -> str:
    """« (2024 : 149 ; +3,4 %) » beside a figure that asks for last year's."""
    if result.type != "metric" or not result.item.previous or result.year is None:
        return ""
    change = f" ; {change_text(result.change)}" if result.change is not None else ""
    return f" ({result.year - 1} : {format_number(result.previous)}{change})"


def cross_columns(printed: DocTable) -> tuple[list[str], bool]:
    """A printed cross-table's columns across (between its first column and « Total »), and
    whether its « Répartition » column follows the total."""
    split = printed.headers[-1].startswith(SPLIT_HEADER)
    return list(printed.headers[1:-2 if split else -1]), split


def total_label(result: ReportItem) -> str:
    """« Total » when the column adds up to it, else what the total counts."""
    table, kind = result.table, result.item.metric.kind
    if kind in ("avg", "distinct"):
        return {"avg": "Moyenne", "distinct": "Ensemble"}[kind]
    if sum(row.value or 0 for row in table.rows) == table.total:
        return "Total"
    if result.item.metric.in_persons:
        return "Ensemble (chaque personne une fois)"
    types = result.item.conditions.get("type", ())
    noun = TOTAL_NOUNS.get(types[0], "activités") if len(types) == 1 else "activités"
    return f"Total des {noun}"


def correction_notes(result: ReportItem) -> list[str]:
    """« * corrigé : calculé 2 164 ; motif : … » for every hand-corrected figure."""
    notes = []
    if result.reason:
        notes.append(f"Corrigé à la main (calculé : {format_number(result.computed)}) – "
                     f"{result.reason}")
    table = result.table
    if table is not None:
        for row in table.rows:
            if row.reason:
                notes.append(f"{row.label} : corrigé à la main (calculé : "
                             f"{format_number(row.computed)}) – {row.reason}")
        if table.total_reason:
            notes.append(f"Total : corrigé à la main (calculé : "
                         f"{format_number(table.computed_total)}) – {table.total_reason}")
    return notes


def item_table(result: ReportItem, dimension_labels: dict[str, str]) -> DocTable | None:
    """The item as a table (None for a single figure or a narrative)."""
    note = "\n".join(([result.item.note] if result.item.note else [])
                     + [f"*{text}" for text in correction_notes(result)])
    if result.list is not None:
        return DocTable(result.label, list(result.list.columns), list(result.list.rows),
                        note=note)
    if result.type == "input":
        return indicator_table(result, note)
    if result.table is None:
        return None
    table = result.table
    if len(table.by) == 2:
        return _cross_table(result, table, dimension_labels, note)
    axis = table.by[0]
    header = AXIS_LABELS.get(axis) or dimension_labels.get(axis, axis)
    with_share = any(row.percent is not None for row in table.rows)
    headers = [header, metric_label(result.item.metric)] + (["%"] if with_share else [])
    rows = []
    for row in table.rows:
        label = row.label + (CORRECTED if row.reason else "")
        cells = [label, SMALL_GROUP if row.hidden else row.value]
        if with_share:
            cells.append(None if row.percent is None else ShareValue(row.percent))
        rows.append(cells)
    totals = [total_label(result) + (CORRECTED if table.total_reason else ""), table.total]
    if with_share:
        totals.append(None)
    return DocTable(result.label, headers, rows, totals=totals, note=note)


def indicator_table(result: ReportItem, note: str = "") -> DocTable:
    """A typed yearly figure beside last year's: « 245 580 | 301 504 | -18,6 % »."""
    change = result.change
    source = f"Source : {result.source}" if result.source else ""
    return DocTable(result.label, [str(result.year), str(result.year - 1), "Évolution"],
                    [[result.value if result.value is not None else "(non rempli)",
                      result.previous, None if change is None else ShareValue(change)]],
                    note="\n".join(part for part in (note, source) if part))


def _cross_table(result: ReportItem, table: TableResult, dimension_labels: dict[str, str],
                 note: str) -> DocTable:
    """First dimension down, second across, then the row total and each column's share of
    it (table 12's « 55 % / 45 % »)."""
    rows_order, columns_order, values = [], [], {}
    for row in table.rows:
        down, across = row.labels
        if down not in rows_order:
            rows_order.append(down)
        if across not in columns_order:
            columns_order.append(across)
        values[(down, across)] = row.value
    first, second = table.by
    if second == "hour":  # the hours nobody called are left out of the printed grid
        columns_order = [across for across in columns_order
                         if any(values.get((down, across)) for down in rows_order)]
    split = len(columns_order) <= SPLIT_UP_TO

    def with_total(cells: list) -> list:
        total_and_split = _total_and_split(cells)
        return cells + (total_and_split if split else total_and_split[:1])

    first_label = AXIS_LABELS.get(first) or dimension_labels.get(first, first)
    second_label = AXIS_LABELS.get(second) or dimension_labels.get(second, second)
    headers = ([first_label] + columns_order + ["Total"]
               + ([f"{SPLIT_HEADER} {' / '.join(columns_order)}"] if split else []))
    rows = [[down] + with_total([values.get((down, across), 0) for across in columns_order])
            for down in rows_order]
    column_totals = [sum(values.get((down, across), 0) for down in rows_order)
                     for across in columns_order]
    totals = ["Total"] + with_total(column_totals)
    return DocTable(f"{result.label}", headers, rows, totals=totals,
                    note=note or f"{first_label} × {second_label}")


def _total_and_split(values: list) -> list:
    total = sum(values)
    if not total:
        return [total, ""]
    return [total, " / ".join(f"{round(100 * value / total)} %" for value in values)]
