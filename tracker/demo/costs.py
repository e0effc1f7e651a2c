"""Invented money of the demo: grant tranches (one balance still awaited), and the team's
monthly employer costs from January 2024 to last month: a full-time cost per function, times
the FTE worked, indexed 2 % a year, with holiday pay in May and the year-end bonus in December
(one distinctive cent per person, so that nobody's cost can pass for a total). As a social
secretariat would charge: a month begun or left in its course prorated by its days, the exit
holiday pay in a leaver's last month, and an absence the employer stops paying costed in
full for the sick employee's guaranteed month, then nothing for the days the mutuelle pays."""

import calendar
from collections import defaultdict
from datetime import date
from decimal import Decimal

from sqlalchemy import func, insert, select

from tracker.actors import current_actor
from tracker.extensions import db
from tracker.finance.models import CostImport, PersonnelCost, Tranche
from tracker.finance.money import cents_of
from tracker.funders.models import Instrument
from tracker.periods import Period, overlaps
from tracker.staffing.models import Absence, Allocation
from tracker.staffing.vocabulary import ABSENCE_RULES

DEMO_FILE = "demo-costs-v1"
FULL_TIME = {"direction": 5600, "psychologue": 4850, "assistant_social": 4300,
             "educateur": 4100, "secretaire": 3900, "medecin": 6200,
             "charge_de_projet": 4500, "communication": 4200}
HOLIDAY_PAY, YEAR_END_BONUS = Decimal("0.92"), Decimal("0.95")


def _months(first: date, until: date):
    month = first
    while month <= until:
        yield month, month.replace(day=calendar.monthrange(month.year, month.month)[1])
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)


def load_costs() -> None:
    if db.session.scalar(select(func.count(CostImport.id)).where(
            CostImport.sha256 == DEMO_FILE)):
        return
    today = date.today()
    last_month = date(today.year - (today.month == 1), (today.month - 2) % 12 + 1, 1)
    rows, last_days, absences = [], _last_days(), defaultdict(list)
    for absence in db.session.scalars(select(Absence)):  # read once, not per person-month
        absences[absence.person_id].append(absence)
    for month, month_end in _months(date(2024, 1, 1), last_month):
        days = Decimal((month_end - month).days + 1)
        worked: dict[int, Decimal] = {}
        full: dict[int, Decimal] = {}
        ftes: dict[int, Decimal] = {}
        for allocation in db.session.scalars(select(Allocation).where(
                overlaps(Allocation, month, month_end))):
            rate = Decimal(FULL_TIME.get(allocation.function_code, 4000))
            covered = Period(month, month_end).overlap_days(allocation.start_date,
                                                            allocation.end_date)
            person_id = allocation.person_id
            worked[person_id] = worked.get(person_id, Decimal(0)) \
                + rate * allocation.fte * covered / days  # a month begun or left: prorated
            full[person_id] = full.get(person_id, Decimal(0)) + rate * allocation.fte
            ftes[person_id] = ftes.get(person_id, Decimal(0)) + allocation.fte
        for person_id, amount in worked.items():
            amount *= _paid_share(absences.get(person_id, []), month, month_end,
                                  ftes[person_id])
            indexed = Decimal("1.02") ** (month.year - 2024)
            salary = amount * indexed + person_id * Decimal("0.37") if amount else Decimal(0)
            costs = [("salaire", salary)] if salary else []
            if month.month == 5 and salary:
                costs.append(("pecule_vacances", salary * HOLIDAY_PAY))
            if month.month == 12 and salary:
                costs.append(("prime_fin_annee", salary * YEAR_END_BONUS))
            if month <= last_days.get(person_id, date.max) <= month_end:
                # the exit holiday pay (« pécule de sortie »), for the months worked this year
                costs.append(("pecule_vacances", full[person_id] * indexed * HOLIDAY_PAY
                              * month.month / 12))
            rows += [{"person_id": person_id, "month": month, "month_end": month_end,
                      "kind": kind, "amount_cents": int(value * 100)} for kind, value in costs]
    if not rows:
        return
    actor = current_actor()
    batch = CostImport(user_id=actor.user_id, actor=actor.label, sha256=DEMO_FILE,
                       filename="coûts de démonstration", rows=len(rows))
    db.session.add(batch)
    db.session.flush()
    db.session.execute(insert(PersonnelCost), [row | {"import_id": batch.id} for row in rows])


def _last_days() -> dict[int, date]:
    """The last day of each person who left: the end of their last allocation."""
    last: dict[int, date | None] = {}
    for allocation in db.session.scalars(select(Allocation)):
        known = last.get(allocation.person_id, date.min)
        end = allocation.end_date
        last[allocation.person_id] = None if end is None or known is None else max(known, end)
    return {person_id: day for person_id, day in last.items() if day is not None}


def _paid_share(absences: list[Absence], month: date, month_end: date,
                fte: Decimal) -> Decimal:
    """The share of the month's pay the employer still owes, given the person's absences."""
    period = Period(month, month_end)
    unpaid = Decimal(0)
    for absence in absences:
        first = ABSENCE_RULES[absence.kind].unpaid_from(absence.start_date)
        if first is not None:
            unpaid += Decimal(period.overlap_days(first, absence.end_date)) / period.days \
                * absence.fte
    return max(Decimal(1) - unpaid / fte, Decimal(0)) if fte else Decimal(0)


# instrument title, year, tranche, expected on, euros, received on (None: still awaited)
TRANCHES = [
    ("Agrément service ambulatoire assuétudes", 2026, "Avance (75 %)", "2026-03-31",
     "192075.00", "2026-04-08"),
    ("Agrément service ambulatoire assuétudes", 2026, "Solde", "2026-09-30", "64025.00", None),
    ("Agrément promotion de la santé 2023-2028", 2026, "Avance (75 %)", "2026-04-30",
     "85950.00", "2026-05-12"),
]


def load_tranches() -> None:
    if db.session.scalar(select(func.count(Tranche.id))):
        return
    for title, year, label, expected, euros, received in TRANCHES:
        instrument = db.session.scalar(select(Instrument).where(Instrument.title == title))
        if instrument is None:
            continue
        cents = cents_of(Decimal(euros))
        db.session.add(Tranche(instrument_id=instrument.id, year=year, label=label,
                               expected_on=date.fromisoformat(expected), expected_cents=cents,
                               received_on=date.fromisoformat(received) if received else None,
                               received_cents=cents if received else None))
    db.session.flush()
