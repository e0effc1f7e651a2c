"""An action plan's evaluation for a year in four files, from one PlanReport: JSON (each
indicator's id, value, target and state), PDF and DOCX (one heading per objective, its
indicators over the years, its evaluation), XLSX (every indicator on one sheet, the
objectives' evaluations on another)."""

import json

from tracker.documents.docx_tables import add_table, document_bytes, new_document
from tracker.documents.exporters import register_exporter
from tracker.documents.pdf import ReportDocument
from tracker.documents.tables import DocTable
from tracker.documents.xlsx import tables_to_xlsx
from tracker.plans.evaluation import IndicatorResult, ObjectiveResult, PlanReport, YearValue
from tracker.plans.vocabulary import ASSESSMENTS, DECISIONS, DIRECTIONS, LEVELS, STATES
from tracker.privacy import SMALL_GROUP


def plan_as_dict(report: PlanReport) -> dict:
    return {"plan": report.code, "title": report.title, "instrument": report.instrument,
            "years": [report.first_year, report.last_year], "year": report.year,
            "objectives": [_objective_dict(objective) for objective in report.objectives]}


def _objective_dict(objective: ObjectiveResult) -> dict:
    return {"id": objective.code, "label": objective.label, "level": objective.level,
            "parent": objective.parent, "state": objective.state,
            "evaluation": {"assessment": objective.assessment or None,
                           "comment": objective.comment,
                           "decision": objective.decision or None},
            "actions": [{"label": action.label, "activities": plain_figure(action.activities)}
                        for action in objective.actions],
            "indicators": [_indicator_dict(indicator) for indicator in objective.indicators]}


def _indicator_dict(indicator: IndicatorResult) -> dict:
    return {"id": indicator.code, "label": indicator.label,
            "type": "computed" if indicator.computed else "typed",
            **_entry_dict(indicator.current), "baseline": plain_figure(indicator.baseline),
            "direction": indicator.direction,
            "history": [{"year": entry.year, **_entry_dict(entry)}
                        for entry in indicator.history]}


def _entry_dict(entry: YearValue) -> dict:
    """value, target, state (and « hidden » for the board's fewer than three persons, the
    source of a typed value)."""
    shown_value = None if entry.hidden else plain_figure(entry.value)
    return {"value": shown_value, **({"hidden": SMALL_GROUP} if entry.hidden else {}),
            "target": plain_figure(entry.target), "state": entry.state,
            **({"source": entry.source} if entry.source else {})}


def heading(objective: ObjectiveResult) -> str:
    return f"{LEVELS[objective.level]} « {objective.code} » : {objective.label}"


def subtitle(report: PlanReport) -> str:
    parts = [report.instrument] if report.instrument else []
    parts.append(f"{report.first_year}–{report.last_year}")
    parts.append(f"évaluation de l'année {report.year}")
    return " · ".join(parts)


def evaluation_lines(objective: ObjectiveResult) -> list[str]:
    lines = [f"Indicateurs : {STATES[objective.state].lower()}."]
    if objective.assessment:
        lines.append(f"Appréciation de l'équipe : {ASSESSMENTS[objective.assessment].lower()}.")
    if objective.decision:
        lines.append(f"Pour l'année suivante : {DECISIONS[objective.decision].lower()}.")
    if objective.comment:
        lines.append(f"Commentaire : {objective.comment}")
    return lines


def indicator_table(report: PlanReport, objective: ObjectiveResult) -> DocTable:
    table = DocTable("Indicateurs", ["Indicateur", "Base", *map(str, report.years),
                                     f"Cible {report.year}", "État"],
                     note="Atteint : la cible est atteinte ; partiellement : à 80 % près.")
    for indicator in objective.indicators:
        label = indicator.label if indicator.computed else f"{indicator.label} (chiffre tapé)"
        if indicator.direction == "at_most":
            label += f" ({DIRECTIONS['at_most']} la cible)"
        table.rows.append([label, plain_figure(indicator.baseline),
                           *[shown(entry) for entry in indicator.history],
                           plain_figure(indicator.current.target), STATES[indicator.current.state]])
    return table


def action_table(report: PlanReport, objective: ObjectiveResult) -> DocTable:
    return DocTable("Actions", ["Action", f"Activités liées en {report.year}"],
                    [[action.label, plain_figure(action.activities)]
                     for action in objective.actions])


def render_json(report: PlanReport) -> bytes:
    return json.dumps(plan_as_dict(report), ensure_ascii=False, indent=2).encode()


def render_pdf(report: PlanReport) -> bytes:
    document = ReportDocument(report.title, subtitle(report), report.organisation, wide=True)
    for objective in report.objectives:
        level = "h2" if objective.depth == 0 else "h3"
        document.heading(heading(objective), level)
        for line in evaluation_lines(objective):
            document.paragraph(line)
        if objective.actions:
            document.table(action_table(report, objective), "h3")
        if objective.indicators:
            document.table(indicator_table(report, objective), "h3")
    return document.render()


def render_docx(report: PlanReport) -> bytes:
    document = new_document(report.title, report.organisation)
    document.add_heading(report.title, level=0)
    document.add_paragraph(subtitle(report))
    for objective in report.objectives:
        document.add_heading(heading(objective), level=min(objective.depth + 1, 3))
        for line in evaluation_lines(objective):
            document.add_paragraph(line)
        if objective.actions:
            add_table(document, action_table(report, objective), level=4)
        if objective.indicators:
            add_table(document, indicator_table(report, objective), level=4)
    return document_bytes(document)


def render_xlsx(report: PlanReport) -> bytes:
    indicators = DocTable(f"Indicateurs {report.year}",
                          ["Objectif", "Indicateur", "Type", "Base", *map(str, report.years),
                           f"Cible {report.year}", "État"], note=subtitle(report))
    evaluations = DocTable(f"Évaluation {report.year}",
                           ["Objectif", "Niveau", "Indicateurs", "Appréciation de l'équipe",
                            "Pour l'année suivante", "Commentaire"], note=subtitle(report))
    for objective in report.objectives:
        evaluations.rows.append([objective.label, LEVELS[objective.level],
                                 STATES[objective.state],
                                 ASSESSMENTS.get(objective.assessment, ""),
                                 DECISIONS.get(objective.decision, ""), objective.comment])
        for indicator in objective.indicators:
            indicators.rows.append([
                objective.label, indicator.label,
                "calculé" if indicator.computed else "tapé", plain_figure(indicator.baseline),
                *[shown(entry) for entry in indicator.history],
                plain_figure(indicator.current.target), STATES[indicator.current.state]])
    return tables_to_xlsx([indicators, evaluations])


def shown(entry: YearValue) -> int | float | str | None:
    return SMALL_GROUP if entry.hidden else plain_figure(entry.value)


def plain_figure(value: float | None) -> int | float | None:
    """2100, not 2100,0; None stays empty."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(value, 2)


PLAN_REPORT = register_exporter("plan", "Évaluation du plan d'action", json=render_json,
                                pdf=render_pdf, docx=render_docx, xlsx=render_xlsx)
