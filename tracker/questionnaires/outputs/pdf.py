"""The questionnaire as PDF (ReportLab): a cover, numbered sections, tables whose header row
repeats on every page, pie and bar charts, page numbers, an embedded TTF font, escaped text."""

from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, Spacer

from tracker.documents.pdf import FONT, FONT_BOLD, ReportDocument
from tracker.formatting import format_number
from tracker.questionnaires.outputs.charts import (
    HEAT_LEVELS,
    PALETTE,
    Heatmap,
    chart_rows,
    has_chart,
    heatmap,
)
from tracker.questionnaires.outputs.tables import correction_notes, item_table, previous_text
from tracker.questionnaires.report import Report, ReportItem


def render_pdf(report: Report) -> bytes:
    document = ReportDocument(report.title, organisation=report.organisation)
    styles = document.styles
    for line in ([report.definition.subtitle] if report.definition.subtitle else []):
        document.paragraph(line)
    document.story.append(Spacer(1, 20 * mm))
    for line in report.cover_lines():
        document.story.append(Paragraph(escape(line), styles["h2"]))
    document.story.append(PageBreak())
    for section in report.sections:
        document.heading(f"{section.number}. {section.title}")
        if section.intro:
            document.paragraph(section.intro)
        for result in section.items:
            _item(document, result, report)
    return document.render()


def _item(document: ReportDocument, result: ReportItem, report: Report) -> None:
    styles = document.styles
    if result.type == "text":
        document.heading(result.label, "h3")
        text = result.value or "(non rempli)"
        for paragraph in text.split("\n\n"):
            document.story.append(Paragraph(escape(paragraph).replace("\n", "<br/>"),
                                            styles["body"]))
        document.story.append(Spacer(1, 3 * mm))
        return
    if result.type == "metric":
        mark = " *" if result.reason else ""
        document.story.append(Paragraph(
            f"{escape(result.label)} : <b>{escape(format_number(result.value))}{mark}</b>"
            f"{escape(previous_text(result))}",
            styles["body"]))
        for note in correction_notes(result):
            document.story.append(Paragraph(escape(f"* {note}"), styles["cell"]))
        document.story.append(Spacer(1, 2 * mm))
        return
    document.table(item_table(result, report.dimension_labels), "h3")
    if has_chart(result):
        chart = _chart(result)
        if chart is not None:
            document.story += [chart, Spacer(1, 4 * mm)]
    heat = heatmap(result)
    if heat is not None:
        document.story += [_heatmap(heat), Spacer(1, 4 * mm)]


def _heatmap(heat: Heatmap) -> Drawing:
    """Weekday × hour cells shaded from white to the palette's first colour, each with its
    value."""
    cell_width = min(9 * mm, 150 * mm / len(heat.hours))
    drawing = Drawing(25 * mm + cell_width * len(heat.hours), 8 * 7 * mm + 8 * mm)
    top = 7 * 8 * mm
    darkest = colors.HexColor(PALETTE[0])
    for column, hour in enumerate(heat.hours):
        drawing.add(String(25 * mm + column * cell_width + cell_width / 2, top + 2 * mm,
                           f"{hour} h", fontName=FONT, fontSize=6, textAnchor="middle"))
    for row, day in enumerate(heat.days):
        drawing.add(String(0, top - (row + 1) * 8 * mm + 3 * mm, day, fontName=FONT,
                           fontSize=7))
    for cell in heat.cells:
        x, y = 25 * mm + cell.column * cell_width, top - (cell.day + 1) * 8 * mm
        share = cell.level / HEAT_LEVELS
        fill = colors.linearlyInterpolatedColor(colors.HexColor("#F1F4F5"), darkest, 0, 1,
                                                share)
        drawing.add(Rect(x, y, cell_width - 0.5, 8 * mm - 0.5, fillColor=fill,
                         strokeColor=None))
        if cell.value:
            drawing.add(String(x + cell_width / 2, y + 3 * mm, format_number(cell.value),
                               fontName=FONT, fontSize=6, textAnchor="middle",
                               fillColor=colors.white if share > 0.6 else colors.black))
    return drawing


def _chart(result: ReportItem) -> Drawing | None:
    rows = chart_rows(result)
    if not rows:
        return None
    labels, values = [label for label, _ in rows], [value for _, value in rows]
    if result.item.chart == "pie":
        drawing = Drawing(170 * mm, 60 * mm)
        pie = Pie()
        pie.x, pie.y, pie.width, pie.height = 10 * mm, 5 * mm, 50 * mm, 50 * mm
        pie.data, pie.labels = values, None
        pie.slices.strokeColor = colors.white
        for index in range(len(values)):
            pie.slices[index].fillColor = colors.HexColor(PALETTE[index % len(PALETTE)])
        drawing.add(pie)
        total = sum(values)
        for index, (label, value) in enumerate(zip(labels, values, strict=True)):
            y = 52 * mm - index * 5 * mm
            drawing.add(String(75 * mm, y, f"■ {label} : {round(100 * value / total)} %",
                               fontName=FONT, fontSize=8,
                               fillColor=colors.HexColor(PALETTE[index % len(PALETTE)])))
        return drawing
    drawing = Drawing(170 * mm, 70 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 15 * mm, 15 * mm, 150 * mm, 50 * mm
    chart.data = [values]
    chart.bars[0].fillColor = colors.HexColor(PALETTE[0])
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = FONT
    chart.categoryAxis.categoryNames = [label[:20] for label in labels]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.angle = 30 if len(labels) > 6 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if len(labels) > 6 else "n"
    drawing.add(chart)
    drawing.add(String(15 * mm, 67 * mm, result.label[:90], fontName=FONT_BOLD, fontSize=8))
    return drawing
