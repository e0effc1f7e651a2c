"""A questionnaire for one year: every item computed, then the office's answers and
corrections laid over it. Every output format renders this one object, so the screen, the
files and the archive show the same numbers."""

from dataclasses import dataclass, field
from datetime import date

from tracker.activities.vocabulary import Vocabulary
from tracker.association.services import get_association
from tracker.figure_cache import computed_afresh, kept
from tracker.formatting import format_date
from tracker.funders.services import get_funder_by_code
from tracker.questionnaires.checks import check_codes
from tracker.questionnaires.figure_rows import ListResult, TableResult, apply_shares
from tracker.questionnaires.figures import Figures
from tracker.questionnaires.lists import FROM_FIGURE_SOURCES, compute_list
from tracker.questionnaires.placements import people_figure
from tracker.questionnaires.schema import Definition, Item

TOTAL_KEY = "total"


@dataclass
class Correction:
    value: float
    reason: str


@dataclass
class Indicator:
    """A yearly figure typed by the office, with where it comes from."""

    value: float | int
    source: str = ""


@dataclass
class ReportItem:
    item: Item
    value: float | int | str | None = None
    table: TableResult | None = None
    list: ListResult | None = None
    computed: float | int | None = None  # a figure's computed value, when corrected
    reason: str = ""
    year: int | None = None  # a typed indicator: its year, last year's value, its source
    previous: float | int | None = None
    source: str = ""

    @property
    def change(self) -> float | None:
        """A typed indicator's change since last year, in % (None when it cannot be said)."""
        if self.value is None or not self.previous:
            return None
        return round(100.0 * (float(self.value) - float(self.previous)) / float(self.previous),
                     1)

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def label(self) -> str:
        return self.item.label

    @property
    def type(self) -> str:
        return self.item.type


@dataclass
class ReportSection:
    number: int
    title: str
    intro: str
    items: list[ReportItem]


@dataclass
class Report:
    definition: Definition
    year: int
    start: date
    end: date
    organisation: str
    funder_name: str = ""
    sections: list[ReportSection] = field(default_factory=list)
    status: str = "brouillon"
    version: int | None = None  # set when finalised
    dimension_labels: dict[str, str] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return self.definition.title

    def cover_lines(self) -> list[str]:
        """Association, funder, year and status: the cover of every format."""
        lines = [self.organisation, f"Pouvoir subsidiant : {self.funder_name}",
                 f"Année {self.year} (du {format_date(self.start)} au {format_date(self.end)})",
                 f"Version finalisée n° {self.version}" if self.version
                 else "Brouillon – non finalisé"]
        return [line for line in lines if line]

    @property
    def filename_stem(self) -> str:
        return f"{self.definition.id}-{self.year}"


def computed_figures(definition: Definition, year: int, vocabulary: Vocabulary) -> dict:
    """What the log gives each figure (with last year's when asked) and each table: the
    costly part of a report, the one the cache keeps."""
    start, end = definition.period.of_year(year)
    figures = Figures(start, end, vocabulary)
    last_year = Figures(*definition.period.of_year(year - 1), vocabulary)
    computed: dict[str, object] = {}
    for item in definition.items():
        if item.type == "metric":
            value = people_figure(item, start, end) if item.of else figures.figure(item)
            computed[item.id] = (value, last_year.figure(item) if item.previous else None)
        elif item.type == "table":
            computed[item.id] = figures.table(item)
        elif item.type == "list" and item.table in FROM_FIGURE_SOURCES:
            computed[item.id] = compute_list(item, start, end, vocabulary)
    return computed


def build_report(definition: Definition, year: int, answers: dict[str, str] | None = None,
                 corrections: dict[tuple[str, str], Correction] | None = None,
                 status: str = "brouillon", indicators: dict[str, Indicator] | None = None,
                 previous_indicators: dict[str, Indicator] | None = None,
                 cached: bool = True) -> Report:
    """The year's report; its figures from the cache unless `cached` is False (finalisation
    always computes)."""
    vocabulary = Vocabulary.load()
    check_codes(definition, vocabulary)
    start, end = definition.period.of_year(year)
    association, funder = get_association(), get_funder_by_code(definition.funder)
    report = Report(definition, year, start, end,
                    organisation=str(association) if association else "", status=status,
                    funder_name=funder.name if funder else definition.funder,
                    dimension_labels={code: d.label for code, d in vocabulary.dimensions.items()})
    answers, corrections = answers or {}, corrections or {}
    indicators, previous_indicators = indicators or {}, previous_indicators or {}
    if cached:
        computed = kept(("questionnaire", definition.id, definition.sha256, year), year,
                        lambda: computed_figures(definition, year, vocabulary))
    else:  # every figure computed again, the kept rows of ten-year tables included
        with computed_afresh():
            computed = computed_figures(definition, year, vocabulary)
    for number, section in enumerate(definition.sections, start=1):
        items = []
        for item in section.items:
            result = ReportItem(item)
            if item.type == "metric":
                result.value, previous = computed[item.id]
                if item.previous:
                    result.year, result.previous = year, previous
                _correct_figure(result, corrections.get((item.id, "")))
            elif item.type == "input":
                typed, last = indicators.get(item.id), previous_indicators.get(item.id)
                result.year = year
                result.value, result.source = (typed.value, typed.source) if typed else (None,
                                                                                          "")
                result.previous = last.value if last else None
            elif item.type == "table":
                result.table = computed[item.id]
                _correct_table(item, result.table, corrections)
            elif item.type == "list":
                result.list = computed[item.id] if item.id in computed \
                    else compute_list(item, start, end, vocabulary)
            else:
                result.value = answers.get(item.id, "")
            items.append(result)
        report.sections.append(ReportSection(number, section.title, section.intro, items))
    return report


def _correct_figure(result: ReportItem, correction: Correction | None) -> None:
    if correction:
        result.computed, result.value = result.value, correction.value
        result.reason = correction.reason


def _correct_table(item: Item, table: TableResult, corrections: dict) -> None:
    changed = False
    for row in table.rows:
        correction = corrections.get((item.id, row.key))
        if correction:
            row.computed, row.value, row.reason = row.value, correction.value, correction.reason
            changed = True
    correction = corrections.get((item.id, TOTAL_KEY))
    if correction:
        table.computed_total, table.total = table.total, correction.value
        table.total_reason = correction.reason
        changed = True
    if changed:
        apply_shares(item.metric, table.rows, table.total)
