"""The questionnaire as JSON, in the schema the issue fixed (definition, period, sections)."""

import json

from tracker.privacy import SMALL_GROUP
from tracker.questionnaires.report import Report, ReportItem


def report_as_dict(report: Report) -> dict:
    return {
        "definition": report.definition.id,
        "title": report.title,
        "funder": report.definition.funder,
        "year": report.year,
        "period": {"start": report.start.isoformat(), "end": report.end.isoformat()},
        "status": report.status,
        "version": report.version,
        "sections": [{"title": section.title,
                      "items": [_item(item) for item in section.items]}
                     for section in report.sections],
    }


def _item(result: ReportItem) -> dict:
    item = result.item
    if item.type == "metric":
        data = {"id": item.id, "label": item.label, "type": "metric", "value": result.value}
        if item.previous:
            data |= {"previous": result.previous, "change_percent": result.change}
        if result.reason:
            data |= {"computed": result.computed, "reason": result.reason}
        return data
    if item.type == "text":
        return {"id": item.id, "label": item.label, "type": "text", "value": result.value}
    if item.type == "input":
        return {"id": item.id, "label": item.label, "type": "input", "value": result.value,
                "previous": result.previous, "change_percent": result.change,
                "source": result.source}
    if item.type == "list":
        return {"id": item.id, "label": item.label, "type": "list", "table": item.table,
                "columns": result.list.columns,
                "rows": [[_plain(cell) for cell in row] for row in result.list.rows]}
    table = result.table
    rows = []
    for row in table.rows:
        data = dict(row.keys) | {"label": row.label, "percent": row.percent,
                                 "value": SMALL_GROUP if row.hidden else row.value}
        if row.reason:
            data |= {"computed": row.computed, "reason": row.reason}
        rows.append(data)
    data = {"id": item.id, "label": item.label, "type": "table", "by": list(table.by),
            "rows": rows, "total": table.total}
    if table.total_reason:
        data |= {"computed_total": table.computed_total, "total_reason": table.total_reason}
    return data


def _plain(cell):
    if hasattr(cell, "isoformat"):
        return cell.isoformat()
    if hasattr(cell, "value"):  # FteValue
        return round(cell.value, 3)
    return cell


def render_json(report: Report) -> bytes:
    return json.dumps(report_as_dict(report), ensure_ascii=False, indent=2).encode()
