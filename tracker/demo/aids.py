"""The demo's employment aids: the APE as the yearly subsidy of the 2022 reform (its volumes
and four quarterly advances), the Maribel post granted by the fund with its reference volume
and its fund's current ceiling, every value confirmed this year (none stale). The ACS
educator's post, ended four months ago, waits to be filled again (the team table)."""

from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from tracker.aids.models import AidParameter
from tracker.aids.parameters import add_parameter
from tracker.association.services import get_association
from tracker.extensions import db
from tracker.finance.models import Tranche
from tracker.finance.money import cents_of
from tracker.funders.models import Instrument

SOURCE = "Courrier fictif de démonstration"
PARAMETERS = [  # aid, parameter, value, from
    ("APE", "volume_perennise", "1", "2022-01-01"),
    ("APE", "volume_reference", "7.5", "2022-01-01"),
    ("APE", "annual_subsidy", "31200", "2022-01-01"),
    ("APE", "annual_subsidy", "32448", "2026-01-01"),
    ("MARIBEL", "fte_granted", "0.5", "2018-01-01"),
    ("MARIBEL", "volume_reference", "7", "2018-01-01"),
    ("MARIBEL", "ceiling_per_fte", "45300", "2025-01-01"),  # fund 330.01's (invented)
]
# confirmed on the 1st of January of the demo's year: the volumes, the ACS delay, and the
# ceiling of the association's own fund (a health-sector joint committee's; the shipped 2022
# value is another sector's fund)
CONFIRMED = [("APE", "volume_perennise", "1"), ("APE", "volume_reference", "7.5"),
             ("ACS", "refill_months", "6"), ("MARIBEL", "fte_granted", "0.5"),
             ("MARIBEL", "volume_reference", "7"), ("MARIBEL", "ceiling_per_fte", "46250")]
APE_TITLE = "Subvention APE (emploi pérennisé)"


def load_aids() -> None:
    if db.session.scalar(select(func.count(AidParameter.id)).where(
            AidParameter.source == SOURCE)):
        return
    association = get_association()
    if association is not None:  # a health-sector association: its joint committee's fund
        association.maribel_joint_committee, association.maribel_fund = "330", "330.01"
    for aid, code, value, valid_from in PARAMETERS:
        add_parameter(aid=aid, code=code, value=Decimal(value),
                      valid_from=date.fromisoformat(valid_from), source=SOURCE)
    new_year = date(date.today().year, 1, 1)
    for aid, code, value in CONFIRMED:
        if (aid, code, new_year.isoformat()) in {(a, c, f) for a, c, _v, f in PARAMETERS}:
            continue
        add_parameter(aid=aid, code=code, value=Decimal(value), valid_from=new_year,
                      source=SOURCE)
    ape = db.session.scalar(select(Instrument).where(Instrument.title == APE_TITLE))
    if ape is None:
        return
    quarter = cents_of(Decimal("32448") / 4)
    for label, expected, received in [
            ("Avance du 1er trimestre", "2026-03-31", "2026-04-03"),
            ("Avance du 2e trimestre", "2026-06-30", "2026-07-02"),
            ("Avance du 3e trimestre", "2026-09-30", "2026-10-06"),
            ("Avance du 4e trimestre", "2026-12-31", None)]:
        db.session.add(Tranche(
            instrument_id=ape.id, year=2026, label=label,
            expected_on=date.fromisoformat(expected), expected_cents=quarter,
            received_on=date.fromisoformat(received) if received else None,
            received_cents=quarter if received else None))
    db.session.flush()
