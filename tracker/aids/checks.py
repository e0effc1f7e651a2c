"""Each employment aid's rules, checked against the allocations, absences and costs at a
date: ok, « à surveiller » (a breach foreseen, a parameter missing or to verify) or « en
infraction », with an explanation that names the post, the dates and the parameter values
it used. The volumes are judged as the paying bodies judge them (volumes.py), on the FTE
they count (counting.py); ACS vacancies and detachments in acs.py."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from tracker.aids.acs import acs_checks, detachment_checks
from tracker.aids.check import Check, post_of, quarter_label, quarter_of
from tracker.aids.counting import CountedFte, counted_ftes
from tracker.aids.parameters import ParameterBook
from tracker.aids.posts import allocations_of
from tracker.aids.sites import site_checks
from tracker.aids.staleness import stale_parameters
from tracker.aids.volumes import ape_year_check, maribel_net_creation
from tracker.catalogue.services import function_labels
from tracker.extensions import db
from tracker.finance.charging import charged_costs
from tracker.finance.models import Tranche
from tracker.formatting import format_date, format_fte, format_money
from tracker.funders.models import Funder, Instrument
from tracker.periods import Period
from tracker.privacy import HIDDEN_AMOUNT, too_small

__all__ = ["Check", "quarter_of", "quarter_figures", "run_checks", "foreseen_problems"]


@dataclass
class QuarterFigures:
    """One quarter's average FTE, under contract and as the aids count them: the aid's posts
    and the whole association (the page's early view, quarter by quarter)."""

    quarter: Period
    aid: CountedFte
    total: CountedFte

    @property
    def label(self) -> str:
        return quarter_label(self.quarter)


def quarter_figures(code: str, quarter: Period) -> QuarterFigures:
    return QuarterFigures(quarter, *counted_ftes(quarter, code))


def ape_checks(at: date, book: ParameterBook) -> list[Check]:
    if not allocations_of("APE"):
        return []
    checks = [
        ape_year_check("volume_perennise", "ape_volume_perennise",
                       "Volume de l'emploi pérennisé", at, book, of_aid=True),
        ape_year_check("volume_reference", "ape_volume_reference",
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
    labels = function_labels()
    posts = ", ".join(post_of(item, labels) for item in allocations
                      if item.start_date <= at and (item.end_date is None
                                                    or item.end_date >= at)) or "aucun"
    checks.append(maribel_net_creation(at, book, posts))
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
    checks = ape_checks(at, book) + acs_checks(at, book) + maribel_checks(at, book)
    for aid in ("ACS", "APE"):
        checks += detachment_checks(aid, at) + site_checks(aid, at)
    return checks + stale_parameters(at, book, {check.aid for check in checks})


def foreseen_problems(at: date) -> list[Check]:
    """What the dashboard and the digest announce: every check not ok (a foreseen breach is
    announced as soon as it is known, so always at least 90 days ahead when the data
    allows)."""
    return [check for check in run_checks(at) if check.state != "ok"]

