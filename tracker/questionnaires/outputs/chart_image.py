"""A table's chart as a PNG image (matplotlib), for the Word export: python-docx embeds
pictures, not charts, and ReportLab (which draws the PDF's vector charts) no longer renders
bitmaps without Cairo. Same rows, labels and palette as the PDF's chart."""

import io

import matplotlib
from matplotlib.figure import Figure

from tracker.formatting import format_number
from tracker.questionnaires.outputs.charts import PALETTE, chart_rows
from tracker.questionnaires.report import ReportItem

# The PDF's font (bundled with matplotlib); a Figure without pyplot: no display, no global state.
STYLE = {"font.family": "DejaVu Sans"}


def chart_png(result: ReportItem) -> bytes | None:
    """The item's pie or bar chart at 200 dpi, or None when it has nothing to draw."""
    rows = chart_rows(result)
    if not rows:
        return None
    with matplotlib.rc_context(STYLE):
        return _draw(result, rows)


def _draw(result: ReportItem, rows: list[tuple[str, float]]) -> bytes:
    labels, values = [label for label, _ in rows], [value for _, value in rows]
    figure = Figure(figsize=(6.7, 2.8 if result.item.chart == "pie" else 3.0), dpi=200)
    axes = figure.add_subplot()
    if result.item.chart == "pie":
        total = sum(values)
        axes.pie(values, colors=[PALETTE[i % len(PALETTE)] for i in range(len(values))],
                 wedgeprops={"edgecolor": "white"}, startangle=90, counterclock=False)
        axes.legend([f"{label} : {round(100 * value / total)} %"
                     for label, value in zip(labels, values, strict=True)],
                    loc="center left", bbox_to_anchor=(1, 0.5), frameon=False, fontsize=7)
        axes.set_aspect("equal")
    else:
        axes.bar(range(len(values)), values, color=PALETTE[0])
        axes.set_xticks(range(len(values)), [label[:20] for label in labels],
                        rotation=30 if len(labels) > 6 else 0,
                        ha="right" if len(labels) > 6 else "center", fontsize=7)
        axes.yaxis.set_major_formatter(lambda value, _position: format_number(value))
        axes.tick_params(axis="y", labelsize=7)
        axes.spines[["top", "right"]].set_visible(False)
    axes.set_title(result.label[:90], fontsize=8, loc="left", fontweight="bold")
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
