"""Each employment aid's rules, checked against the allocations (and the costs, when they
exist) at a date: ok, « à surveiller » (a breach foreseen, or a parameter missing) or « en
infraction », with an explanation that names the post, the dates and the parameter values
it used. Quarters are averaged as the FTE figures are (each allocation by the days it
covers)."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select

from tracker.aids.catalogue import AID_NAMES
from tracker.aids.parameters import ParameterBook
from tracker.aids.posts import allocations_of
from tracker.catalogue.services import function_labels
from tracker.extensions import db
from tracker.finance.charging import charged_costs
from tracker.finance.models import Tranche
from tracker.formatting import format_date, format_fte, format_money
from tracker.funders.models import Funder, Instrument
from tracker.periods import Period, add_months
from tracker.privacy import HIDDEN_AMOUNT, too_small
from tracker.staffing.fte import fte_by_funder
from tracker.staffing.models import Allocation
from tracker.staffing.vacancies import post_label, replacement_for

STATES = {"ok": "ok", "a_surveiller": "à surveiller", "en_infraction": "en infraction"}
FORESIGHT = timedelta(days=90)  # a breach is announced at least this long before it happens
ORDINALS = {1: "1er", 2: "2e", 3: "3e", 4: "4e"}


@dataclass
class Check:
    aid: str
    code: str
    label: str
    state: str
    explanation: str
    used: dict[str, str] = field(default_factory=dict)
    on: date | None = None  # when the breach happens (or happened)
    # the board's wording when the explanation names an amount of fewer than three persons
    for_the_board: str | None = None

    def explanation_for(self, board: bool) -> str:
        return self.for_the_board if board and self.for_the_board else self.explanation

    @property
    def state_label(self) -> str:
        return STATES[self.state]

    def as_json(self) -> dict:
        return {"aid": self.aid, "rule": self.code, "label": self.label, "state": self.state,
                "explanation": self.explanation, "parameters": self.used,
                "on": self.on.isoformat() if self.on else None}


def quarter_of(day: date) -> Period:
    first = date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    return Period(first, add_months(first, 3) - timedelta(days=1))


def quarter_label(quarter: Period) -> str:
    return f"{ORDINALS[(quarter.start.month - 1) // 3 + 1]} trimestre {quarter.start.year}"


def _post(allocation: Allocation, labels: dict[str, str]) -> str:
    """« le poste d'assistant social (0,5 ETP) de Nina Lefèvre »."""
    post = post_label(allocation, labels)
    of = "d'" if post[:1] in "aeéèêiîouhy" else "de "
    return f"le poste {of}{post}"


def acs_checks(at: date, book: ParameterBook) -> list[Check]:
    """A post that becomes vacant must be filled again, by an ACS allocation of at least the
    same FTE, within the delay in force on the day it became vacant."""
    allocations = allocations_of("ACS")
    if not allocations:
        return []
    labels, used_replacements, checks = function_labels(), set(), []
    for ended in sorted((item for item in allocations if item.end_date is not None),
                        key=lambda item: (item.end_date, item.id)):
        delay = book.at("ACS", "refill_months", ended.end_date)
        used = dict([book.used("ACS", "refill_months", ended.end_date)])
        if delay is None:
            checks.append(Check("ACS", "acs_refill", "Poste vacant à repourvoir",
                                "a_surveiller", f"ACS : {_post(ended, labels)} se termine le "
                                f"{format_date(ended.end_date)} ; le délai pour le repourvoir "
                                "n'est pas renseigné (Aides à l'emploi › paramètres).", used))
            continue
        due = add_months(ended.end_date, int(delay.value))
        if due < at - timedelta(days=365) or ended.end_date > at + timedelta(days=365):
            continue  # long settled, or too far ahead to matter yet
        replacement = replacement_for(ended, due, allocations, used_replacements)
        post = _post(ended, labels)
        if replacement is not None:
            used_replacements.add(replacement.id)
            checks.append(Check("ACS", "acs_refill", "Poste vacant à repourvoir", "ok",
                                f"ACS : {post}, vacant depuis le {format_date(ended.end_date)}, "
                                f"a été repourvu le {format_date(replacement.start_date)} "
                                f"({replacement.person.full_name}).", used, due))
        elif due < at:
            checks.append(Check("ACS", "acs_refill", "Poste vacant à repourvoir",
                                "en_infraction", f"ACS : {post} est vacant depuis le "
                                f"{format_date(ended.end_date)} ; il devait être repourvu avant "
                                f"le {format_date(due)} : la prime du poste est perdue.",
                                used, due))
        else:
            since = "est vacant depuis le" if ended.end_date < at else "sera vacant le"
            checks.append(Check("ACS", "acs_refill", "Poste vacant à repourvoir",
                                "a_surveiller", f"ACS : {post} {since} "
                                f"{format_date(ended.end_date)} ; il doit être repourvu avant "
                                f"le {format_date(due)}, sinon la prime est perdue.", used, due))
    if not checks:
        checks.append(Check("ACS", "acs_refill", "Poste vacant à repourvoir", "ok",
                            "ACS : aucun poste vacant.",
                            dict([book.used("ACS", "refill_months", at)])))
    return checks


@dataclass
class QuarterFigures:
    """One quarter's average FTE: the aid's posts and the whole association."""

    quarter: Period
    aid_fte: float
    total_fte: float

    @property
    def label(self) -> str:
        return quarter_label(self.quarter)


def quarter_figures(code: str, quarter: Period) -> QuarterFigures:
    summary = fte_by_funder(quarter)
    return QuarterFigures(quarter, summary.by_funder.get(code, {}).get("total", 0.0),
                          summary.total)


def _volume_check(aid: str, code: str, rule: str, label: str, at: date, book: ParameterBook,
                  of_aid: bool) -> Check:
    """The quarter averages (the last complete one, this one, and the next, with the ends
    already recorded) against a volume in force at each quarter's start."""
    this_quarter = quarter_of(at)
    quarters = [quarter_of(this_quarter.start - timedelta(days=1)), this_quarter,
                quarter_of(this_quarter.end + timedelta(days=1))]
    name = AID_NAMES[aid]
    whose = f"les postes {name}" if of_aid else "l'association"
    if all(book.at(aid, code, quarter.start) is None for quarter in quarters):
        return Check(aid, rule, label, "a_surveiller",
                     f"{name} : {label.lower()} n'est pas renseigné (Aides à l'emploi › "
                     "paramètres) : la condition ne peut être vérifiée.",
                     dict([book.used(aid, code, at)]))
    read: dict[date, QuarterFigures] = {}
    for quarter in quarters:
        volume = book.at(aid, code, quarter.start)
        if volume is None:
            continue  # not yet in force that quarter
        figures = read[quarter.start] = quarter_figures(aid, quarter)
        actual = figures.aid_fte if of_aid else figures.total_fte
        if actual + 1e-9 < float(volume.value):
            past = quarter.end < at
            verb = "comptent" if of_aid else "compte"
            tense = verb if past or quarter.start <= at else \
                ("compteront" if of_aid else "comptera")
            return Check(
                aid, rule, label, "en_infraction" if past else "a_surveiller",
                f"{name} : au {figures.label}, {whose} {tense} en moyenne "
                f"{format_fte(round(actual, 3))}, sous le {label.lower()} de "
                f"{format_fte(volume.value)}"
                + ("." if past else " (d'après les affectations enregistrées)."),
                dict([book.used(aid, code, quarter.start)]),
                quarter.end if past else max(quarter.start, at))
    figures = read.get(this_quarter.start) or quarter_figures(aid, this_quarter)
    actual = figures.aid_fte if of_aid else figures.total_fte
    return Check(aid, rule, label, "ok",
                 f"{name} : {whose} {'comptent' if of_aid else 'compte'} en moyenne "
                 f"{format_fte(round(actual, 3))} au {figures.label}, au moins le "
                 f"{label.lower()}.", dict([book.used(aid, code, this_quarter.start)]))


def ape_checks(at: date, book: ParameterBook) -> list[Check]:
    if not allocations_of("APE"):
        return []
    checks = [
        _volume_check("APE", "volume_perennise", "ape_volume_perennise",
                      "Volume de l'emploi pérennisé", at, book, of_aid=True),
        _volume_check("APE", "volume_reference", "ape_volume_reference",
                      "Volume global de l'emploi de référence", at, book, of_aid=False),
    ]
    quarters = [quarter_of(date(at.year, month, 1)) for month in (1, 4, 7, 10)
                if date(at.year, month, 1) <= at]
    expected = {tranche.expected_on for tranche in db.session.scalars(
        select(Tranche).join(Instrument, Instrument.id == Tranche.instrument_id)
        .join(Funder, Funder.id == Instrument.funder_id)
        .where(Funder.code == "APE", Tranche.year == at.year))}
    missing = [quarter for quarter in quarters
               if not any(quarter.start <= day <= quarter.end for day in expected)]
    checks.append(Check(
        "APE", "ape_advances", "Avances trimestrielles", "a_surveiller" if missing else "ok",
        "APE : aucune avance enregistrée pour le " + ", le ".join(
            quarter_label(quarter) for quarter in missing) + " (Finances › Tranches)."
        if missing else f"APE : une avance est enregistrée pour chaque trimestre {at.year} "
                        "écoulé.", dict([book.used("APE", "annual_subsidy", at)])))
    return checks


def maribel_checks(at: date, book: ParameterBook) -> list[Check]:
    allocations = allocations_of("MARIBEL")
    if not allocations:
        return []
    checks = []
    granted = book.at("MARIBEL", "fte_granted", at)
    occupied = sum(float(item.fte) for item in allocations
                   if item.start_date <= at and (item.end_date is None or item.end_date >= at))
    used = dict([book.used("MARIBEL", "fte_granted", at)])
    if granted is None:
        checks.append(Check("MARIBEL", "maribel_fte", "Postes occupés", "a_surveiller",
                            "Maribel social : les ETP accordés ne sont pas renseignés.", used))
    elif occupied + 1e-9 < float(granted.value):
        checks.append(Check("MARIBEL", "maribel_fte", "Postes occupés", "a_surveiller",
                            f"Maribel social : {format_fte(occupied)} occupés sur "
                            f"{format_fte(granted.value)} accordés au {format_date(at)} : "
                            "l'intervention du fonds sera réduite d'autant.", used, at))
    else:
        checks.append(Check("MARIBEL", "maribel_fte", "Postes occupés", "ok",
                            f"Maribel social : {format_fte(occupied)} occupés pour "
                            f"{format_fte(granted.value)} accordés.", used))
    checks.append(_volume_check("MARIBEL", "volume_reference", "maribel_volume",
                                "Volume de référence", at, book, of_aid=False))
    checks.append(_maribel_cost(at, book))
    return checks


def _maribel_cost(at: date, book: ParameterBook) -> Check:
    """The intervention (ceiling × FTE granted) against what the Maribel posts cost over the
    last complete year: the fund takes back what exceeds the cost."""
    year = at.year - 1
    ceiling = book.at("MARIBEL", "ceiling_per_fte", date(year, 12, 31))
    granted = book.at("MARIBEL", "fte_granted", date(year, 12, 31))
    used = dict([book.used("MARIBEL", "ceiling_per_fte", date(year, 12, 31)),
                 book.used("MARIBEL", "fte_granted", date(year, 12, 31))])
    costs = charged_costs(date(year, 1, 1), date(year, 12, 31)).by_funder.get("MARIBEL")
    if ceiling is None or granted is None or costs is None or not costs.personnel_cents:
        return Check("MARIBEL", "maribel_cost", "Intervention et coût réel", "ok",
                     f"Maribel social : pas de coûts {year} importés à comparer à "
                     "l'intervention.", used)
    intervention = ceiling.value * granted.value
    cost = costs.personnel_cents / 100
    # the posts' cost is one or two persons' pay: the board reads the comparison without it
    hidden = too_small(len(costs.persons))
    if intervention > cost:
        text = (f"Maribel social : en {year}, l'intervention ({format_money(intervention)})"
                " dépasse le coût réel des postes ({}) : le fonds récupérera la différence "
                "au décompte annuel.")
        state = "a_surveiller"
    else:
        text = (f"Maribel social : en {year}, le coût des postes ({{}}) couvre "
                f"l'intervention ({format_money(intervention)}).")
        state = "ok"
    return Check("MARIBEL", "maribel_cost", "Intervention et coût réel", state,
                 text.format(format_money(cost)), used,
                 for_the_board=text.format(HIDDEN_AMOUNT) if hidden else None)


def run_checks(at: date) -> list[Check]:
    """Every rule of every aid the association uses, at a date."""
    book = ParameterBook()
    return ape_checks(at, book) + acs_checks(at, book) + maribel_checks(at, book)


def foreseen_problems(at: date) -> list[Check]:
    """What the dashboard and the digest announce: every check not ok (a foreseen breach is
    announced as soon as it is known, so always at least 90 days ahead when the data
    allows)."""
    return [check for check in run_checks(at) if check.state != "ok"]

