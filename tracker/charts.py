"""Server-rendered SVG charts (no script, no CDN, no inline style): the geometry is computed
here, templates/_macros/charts.html draws it. Series are told apart by pattern as well as by
colour, and every bar carries its value as text, so a chart reads without colour."""

from dataclasses import dataclass, field

from tracker.formatting import format_number

SERIES = 12  # distinct colour × pattern pairs (templates/_macros/charts.html, app.css)


@dataclass
class Segment:
    label: str
    value: float
    start: float  # in chart units (0–100 across the plot)
    size: float
    series: int
    decimals: int = 3

    @property
    def text(self) -> str:
        return format_number(self.value, self.decimals)


@dataclass
class Bar:
    label: str
    total: float
    segments: list[Segment] = field(default_factory=list)
    decimals: int = 3

    @property
    def text(self) -> str:
        return format_number(self.total, self.decimals)


@dataclass
class StackedChart:
    bars: list[Bar]
    legend: list[tuple[str, int]]  # (label, series)
    unit: str = ""

    @property
    def height(self) -> int:
        return 30 * len(self.bars) + 10


def stacked_bars(rows: dict[str, dict[str, float]], labels: dict[str, str] | None = None,
                 unit: str = "", decimals: int = 3) -> StackedChart:
    """One horizontal bar per row key, cut into one segment per series key; lengths share
    one scale (the largest total spans the plot); values written with `decimals` (3 for
    FTE, 0 for euros)."""
    labels = labels or {}
    series_keys = sorted({key for parts in rows.values() for key in parts},
                         key=lambda key: labels.get(key, key))
    series_of = {key: index % SERIES for index, key in enumerate(series_keys)}
    largest = max((sum(parts.values()) for parts in rows.values()), default=0) or 1
    bars = []
    for row_label, parts in rows.items():
        bar, start = Bar(row_label, sum(parts.values()), decimals=decimals), 0.0
        for key in series_keys:
            value = parts.get(key, 0)
            if value:
                size = 100 * value / largest
                bar.segments.append(Segment(labels.get(key, key), value, start, size,
                                            series_of[key], decimals))
                start += size
        bars.append(bar)
    legend = [(labels.get(key, key), series_of[key]) for key in series_keys]
    return StackedChart(bars, legend, unit)
