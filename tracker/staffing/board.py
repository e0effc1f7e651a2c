"""What the board reads: cadre against actual, the year's timeline, and funding-loss scenarios."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func

from tracker.extensions import db
from tracker.formatting import format_fte, format_number, quoted
from tracker.funders.models import CadrePost, Funder, Instrument
from tracker.funders.services import cadre_in_force
from tracker.periods import Period, overlaps
from tracker.privacy import amounts_for_the_board
from tracker.staffing.fte import weighted_fte
from tracker.staffing.models import Absence, Allocation, Person
from tracker.staffing.vocabulary import ABSENCE_KINDS


@dataclass
class CadreLine:
    """One function of an instrument's cadre: required and allocated FTE."""

    function_code: str
    required: float = 0.0
    allocated: float = 0.0

    @property
    def gap(self) -> float:
        return self.allocated - self.required


@dataclass
class CadreComparison:
    """An instrument's cadre against the FTE allocated to it, function by function."""

    instrument: Instrument
    lines: list[CadreLine] = field(default_factory=list)
    unfunded: list[CadrePost] = field(default_factory=list)

    @property
    def required(self) -> float:
        return sum(line.required for line in self.lines)

    @property
    def has_cadre(self) -> bool:
        """False when no cadre was entered: the gaps would read as over-staffing."""
        return any(line.required for line in self.lines) or bool(self.unfunded)

    @property
    def allocated(self) -> float:
        return sum(line.allocated for line in self.lines)


def required_cadre(instrument: Instrument, period: Period) -> dict[str, float]:
    """Cadre FTE by function, averaged over the period when a revision falls inside it."""
    required: dict[str, float] = defaultdict(float)
    revisions = sorted({post.valid_from for post in instrument.cadre_posts})
    for index, valid_from in enumerate(revisions):
        until = revisions[index + 1] if index + 1 < len(revisions) else None
        last_day = date.fromordinal(until.toordinal() - 1) if until else None
        days = period.overlap_days(valid_from, last_day)
        if not days:
            continue
        for post in cadre_in_force(instrument, valid_from):
            if post.funded:
                required[post.function_code] += float(post.fte) * days / period.days
    return required


def cadre_vs_actual(period: Period) -> list[CadreComparison]:
    """For each instrument with a cadre or staff in the period: required, allocated, gap."""
    allocated_rows = db.session.execute(
        db.select(Allocation.instrument_id, Allocation.function_code,
                  func.sum(weighted_fte(Allocation, period)))
        .where(Allocation.instrument_id.is_not(None), overlaps(Allocation, period))
        .group_by(Allocation.instrument_id, Allocation.function_code)
    )
    allocated: dict[int, dict[str, float]] = defaultdict(dict)
    for instrument_id, function_code, value in allocated_rows:
        allocated[instrument_id][function_code] = float(value)
    with_cadre = db.select(CadrePost.instrument_id)
    instruments = db.session.scalars(
        db.select(Instrument).join(Funder)
        .where(overlaps(Instrument, period))
        .where(Instrument.id.in_(with_cadre) | Instrument.id.in_(list(allocated)))
        .order_by(Funder.code, Instrument.start_date)
    )
    comparisons = []
    for instrument in instruments:
        required = required_cadre(instrument, period)
        functions = sorted(set(required) | set(allocated.get(instrument.id, {})))
        comparisons.append(CadreComparison(
            instrument=instrument,
            lines=[CadreLine(code, required.get(code, 0.0),
                             allocated.get(instrument.id, {}).get(code, 0.0))
                   for code in functions],
            unfunded=[post for post in cadre_in_force(instrument, period.end) if not post.funded],
        ))
    return comparisons


@dataclass
class Bar:
    """A stretch of the year, placed in percent of the year's width (for an SVG timeline)."""

    label: str
    start: date
    end: date
    x: float
    width: float
    kind: str  # "allocation" | "absence"
    detail: str = ""


@dataclass
class PersonTimeline:
    person: Person
    bars: list[Bar] = field(default_factory=list)

    @property
    def changes(self) -> int:
        return sum(1 for bar in self.bars if bar.kind == "allocation")


def _bar(period: Period, start: date, end: date | None, **fields) -> Bar:
    first = max(start, period.start)
    last = min(end or period.end, period.end)
    x = (first - period.start).days / period.days * 100
    width = ((last - first).days + 1) / period.days * 100
    return Bar(start=first, end=last, x=round(x, 3), width=round(width, 3), **fields)


def year_timeline(year: int, reasons: bool = True) -> list[PersonTimeline]:
    """Each person's allocations and absences over the year; without `reasons` (the
    board's), an absence reads « Absence » and its FTE, never its kind (health data)."""
    period = Period.year(year)
    timelines: dict[int, PersonTimeline] = {}
    allocations = db.session.scalars(
        db.select(Allocation).join(Person).where(overlaps(Allocation, period))
        .order_by(Person.full_name, Allocation.start_date))
    for allocation in allocations:
        timeline = timelines.setdefault(allocation.person_id, PersonTimeline(allocation.person))
        detached = (f", détaché(e) chez {allocation.detached_to.name}"
                    if allocation.detached_to else "")
        timeline.bars.append(_bar(
            period, allocation.start_date, allocation.end_date, kind="allocation",
            label=f"{allocation.funder.label} {format_number(allocation.fte, 3)}",
            detail=f"{allocation.function.label}{detached}"
                   + (f" ; fin : {allocation.end_reason}" if allocation.end_reason else ""),
        ))
    absences = db.session.scalars(db.select(Absence).where(overlaps(Absence, period)))
    for absence in absences:
        if absence.person_id not in timelines:
            continue
        replacement = f", remplacé(e) par {absence.replacement.full_name}" \
            if absence.replacement else ""
        timelines[absence.person_id].bars.append(_bar(
            period, absence.start_date, absence.end_date, kind="absence",
            label="Absence",
            detail=(f"{ABSENCE_KINDS.get(absence.kind, absence.kind)} " if reasons else "")
                   + f"{format_fte(absence.fte)}{replacement}"))
    return sorted(timelines.values(), key=lambda timeline: timeline.person.full_name)


@dataclass
class LostPost:
    person: str
    function_code: str
    funder: str
    instrument: str
    fte: float
    start: date
    end: date | None
    starts_later: bool
    allocation_id: int = 0
    monthly_cents: int | None = None  # what the post costs a month, when costs are known


@dataclass
class FundingLoss:
    title: str
    stop_date: date
    posts: list[LostPost]
    by_function: dict[str, float]
    total: float
    costed: bool = False  # monthly costs were added (the finance module, when costs exist)

    @property
    def monthly_cents(self) -> int:
        """Euros (in cents) lost each month: the posts paid on the stop date."""
        return sum(post.monthly_cents or 0 for post in self.posts if not post.starts_later)

    @property
    def monthly_by_function(self) -> dict[str, int]:
        totals: dict[str, int] = defaultdict(int)
        for post in self.posts:
            if not post.starts_later and post.monthly_cents:
                totals[post.function_code] += post.monthly_cents
        return dict(sorted(totals.items()))

    @property
    def monthly_by_function_for_the_board(self) -> dict[str, int]:
        """The same, functions held by fewer than three persons merged (tracker/privacy)."""
        persons: dict[str, set[str]] = defaultdict(set)
        for post in self.posts:
            if not post.starts_later and post.monthly_cents:
                persons[post.function_code].add(post.person)
        return amounts_for_the_board(self.monthly_by_function, persons)


def add_monthly_costs(loss: FundingLoss, costs: dict[int, int]) -> FundingLoss:
    """Each post's monthly cost, from what the finance module computed per allocation."""
    for post in loss.posts:
        post.monthly_cents = costs.get(post.allocation_id)
    loss.costed = True
    return loss


def funding_loss(stop_date: date, funder_code: str | None = None,
                 instrument_id: int | None = None) -> FundingLoss:
    """Posts that lose their funding if a funder (or one instrument) stops paying on stop_date:
    allocations running on that day or starting after it. The totals are the FTE paid on that
    day (posts planned to start later are listed, not added, so a change of FTE counts once)."""
    query = (db.select(Allocation).join(Person).join(Funder, Funder.id == Allocation.funder_id)
             .where(overlaps(Allocation, stop_date))
             .order_by(Person.full_name))
    if instrument_id:
        query = query.where(Allocation.instrument_id == instrument_id)
        instrument = db.session.get(Instrument, instrument_id)
        title = f"Fin de l'instrument {quoted(instrument.title)}" if instrument else "Instrument"
    else:
        query = query.where(Funder.code == funder_code)
        funder = db.session.scalar(db.select(Funder).where(Funder.code == funder_code))
        title = f"Arrêt du financement {funder.label if funder else funder_code}"
    posts, by_function = [], defaultdict(float)
    for allocation in db.session.scalars(query):
        fte = float(allocation.fte)
        starts_later = allocation.start_date > stop_date
        posts.append(LostPost(
            allocation.person.full_name, allocation.function_code, allocation.funder.label,
            allocation.instrument.title if allocation.instrument else "", fte,
            max(allocation.start_date, stop_date), allocation.end_date, starts_later,
            allocation.id))
        if not starts_later:
            by_function[allocation.function_code] += fte
    return FundingLoss(title, stop_date, posts, dict(sorted(by_function.items())),
                       sum(by_function.values()))
