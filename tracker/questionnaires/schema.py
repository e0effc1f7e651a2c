"""The shape of a questionnaire definition, once read: typed objects (a definition, its
sections and items, their metrics and periods) and the vocabulary of keys and fields they
accept. Reading YAML into them is definition.py's job."""

import hashlib
from dataclasses import dataclass, field
from datetime import date

# Activity fields a figure may sum, average, count distinct or filter on.
NUMERIC_FIELDS = {"duree_min", "participants"}
DISTINCT_FIELDS = {"dossier", "intervenant", "partenaire", "date", "service"} | NUMERIC_FIELDS
# Activity fields `where` filters on, plus "type" and every dimension code: `service` codes,
# `partenaire` names, `sens` donne (given by the team) or recu (received by it).
FILTER_FIELDS = {"service", "partenaire", "sens", "presence", "fonction"}
DIRECTIONS = {"donne": False, "recu": True}  # sens -> activity.received
# `presence`: an appointment venu (held: what every figure counts unless `where` asks
# otherwise), absent or annule; `fonction`: the function the performer held that day.
# Figures in persons (dossiers): `persons` (distinct persons with an activity that meets
# `where`), `new_persons` (those whose first episode opened in the period), `episodes`
# (episodes of care opened in the period, by an activity that meets `where`).
PERSON_METRICS = ("persons", "new_persons", "episodes", "events")
# `event:` a dossier's dated events instead of activities: `metric: events` counts them,
# `metric: persons` the persons who had one in the period; `by: destination` (an external
# orientation's kind of service), `by: fonction` (an internal one's), or a dossier dimension.
EVENTS = ("orientation", "orientation_interne", "orientation_externe", "hospitalisation")
# Tables in persons go by a dimension the dossier holds (its value at the period's end), by
# `fonction` (who performed) or by `parcours` (the functions that saw each person together);
# `fonction` also splits activities.
PERSON_AXES = ("fonction", "parcours")
TIME_AXES = ("year", "quarter", "month")
# The day of the week (1 = Monday) and the hour an activity started: crossed with each other or
# with a dimension (Infor-Drogues' « moments d'appels par jour de la semaine et par heure »).
# `permanence`: the slot of the permanence schedule in force on the activity's day that holds
# its time (`per: slot_occurrence`: a mean per occurrence of the slot over the observed weeks).
CLOCK_AXES = ("weekday", "hour", "permanence")
PER = ("slot_occurrence",)
CHARTS = ("pie", "bar", "heatmap")

# The built-in lists and the keys each accepts beyond id, label, table and note. A key a list
# cannot apply is refused when the definition is read: no filter is ever ignored.
LIST_OPTIONS = {
    "staff": {"funder", "functions", "at", "site"},  # site: a site's name (its posts only)
    "conventions": {"concluded", "where"},
    "meetings": {"where", "by", "details"},
    "deadlines": {"funder"},
    "association": set(),
    "interns": set(),
    "volunteers": set(),
    "permanence": {"version"},  # table 4: the organisation in force, or the planned one
    "missed_calls": set(),  # table 3 bis: calls missed per slot over the observed weeks
    # an action plan's objectives with their indicators and evaluation for the year: one plan
    # (`plan:` its id), or the plans of a funder's instruments, at one `level` or all
    "objectives": {"plan", "level", "funder"},
}
BUILT_IN_LISTS = tuple(LIST_OPTIONS)
# The `where` keys a list applies; None: every activity filter (checked against the vocabulary).
LIST_FILTERS: dict[str, set[str] | None] = {"conventions": {"partenaire"}, "meetings": None}
# The levels of an action plan's objectives, outermost first (the plans module's too).
OBJECTIVE_LEVELS = {"general": "Objectif général", "strategique": "Objectif stratégique",
                    "operationnel": "Objectif opérationnel"}
# What `by` may group meetings by, beyond any dimension.
MEETING_GROUPS = ("partenaire", "type")

# Figures about interns and volunteers (`of: interns`), not about activities.
PEOPLE_METRICS = {"interns": ("count", "sum:heures"),
                  "volunteers": ("count", "sum:heures", "sum:valorisation")}
PEOPLE_KEYS = {"id", "label", "metric", "of", "note"}
# A yearly figure no log holds (press contacts, page views), typed once a year with its source.
INPUT_KEYS = {"id", "label", "input", "note"}

DEFINITION_KEYS = {"id", "funder", "title", "period", "sections", "subtitle"}
SECTION_KEYS = {"title", "items", "intro"}
FIGURE_KEYS = {"id", "label", "metric", "where", "funded_by", "note", "event", "previous"}
TABLE_KEYS = FIGURE_KEYS | {"by", "years", "chart", "top", "groups", "per"}
GROUP_KEYS = {"code", "label", "values"}
LIST_KEYS = {"id", "label", "table", "note"}  # plus the list's own LIST_OPTIONS
TEXT_KEYS = {"id", "label", "text", "note"}


@dataclass(frozen=True)
class Metric:
    kind: str  # count | sum | avg | distinct | persons | new_persons | episodes
    field: str | None = None

    def __str__(self) -> str:
        return self.kind if self.field is None else f"{self.kind}:{self.field}"

    @property
    def in_persons(self) -> bool:
        return self.kind in PERSON_METRICS


@dataclass(frozen=True)
class ValueGroup:
    """Values of a table's first dimension shown as one row (« Autres (expertises, …) »)."""

    code: str
    label: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class Item:
    id: str
    label: str
    type: str  # metric | table | list | text | input
    note: str = ""
    metric: Metric | None = None
    where: tuple[tuple[str, tuple[str, ...]], ...] = ()
    funded_by: str | None = None
    by: tuple[str, ...] = ()
    years: int | None = None
    chart: str | None = None
    top: int | None = None
    groups: tuple["ValueGroup", ...] = ()
    table: str | None = None  # built-in list name
    funder: str | None = None
    at_end: bool = False
    concluded: bool = False
    functions: tuple[str, ...] = ()  # staff list: only these job functions
    details: bool = False  # meetings list: each date with its purpose and place
    version: str | None = None  # permanence list: « planned » (else the one in force)
    per: str | None = None  # a table by permanence: « slot_occurrence », a mean per week
    of: str | None = None  # a metric about interns or volunteers instead of activities
    event: str | None = None  # a metric about a dossier's events instead of activities
    previous: bool = False  # a figure printed beside last year's, with the change
    plan: str | None = None  # objectives list: the action plan's id
    level: str | None = None  # objectives list: only the objectives of this level
    site: str | None = None  # staff list: only the posts working at this site

    @property
    def conditions(self) -> dict[str, tuple[str, ...]]:
        return dict(self.where)


@dataclass(frozen=True)
class Section:
    title: str
    intro: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class ReportingPeriod:
    """The reporting period of a year: by default the calendar year."""

    start_month: int = 1
    start_day: int = 1

    def of_year(self, year: int) -> tuple[date, date]:
        start = date(year, self.start_month, self.start_day)
        following = date(year + 1, self.start_month, self.start_day)
        return start, date.fromordinal(following.toordinal() - 1)


@dataclass(frozen=True)
class Definition:
    id: str
    funder: str
    title: str
    subtitle: str
    period: ReportingPeriod
    sections: tuple[Section, ...]
    source: str = ""
    text: str = field(default="", repr=False)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode()).hexdigest()

    def items(self) -> list[Item]:
        return [item for section in self.sections for item in section.items]

    def item(self, item_id: str) -> Item | None:
        return next((item for item in self.items() if item.id == item_id), None)
