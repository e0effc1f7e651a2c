"""« L'équipe »: the FTE each funder pays at the year's end and on average over the year (the
figures `tracker staffing` prints), and the year's arrivals and departures with their
functions (no names, no pay: the report goes to the general assembly)."""

from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.documents.tables import DocTable, FteValue
from tracker.extensions import db
from tracker.formatting import format_date
from tracker.funders.models import Funder
from tracker.periods import Period
from tracker.staffing.fte import fte_by_funder
from tracker.staffing.models import Allocation


def fte_table(year: int) -> DocTable:
    end = date(year, 12, 31)
    at_end, average = fte_by_funder(Period.day(end)), fte_by_funder(Period.year(year))
    labels = {code: short or name for code, short, name in db.session.execute(
        select(Funder.code, Funder.short_name, Funder.name))}
    table = DocTable("Équivalents temps plein par pouvoir subsidiant",
                     ["Pouvoir subsidiant", f"ETP au {format_date(end)}", f"ETP moyen {year}"],
                     note="Chaque contrat compte pour son ETP ; la moyenne pondère chacun par "
                          "les jours de l'année qu'il couvre.")
    for code in sorted(set(at_end.by_funder) | set(average.by_funder),
                       key=lambda code: labels.get(code, code)):
        table.rows.append([labels.get(code, code),
                           FteValue(at_end.by_funder.get(code, {}).get("total", 0.0)),
                           FteValue(average.by_funder.get(code, {}).get("total", 0.0))])
    table.totals = ["Total", FteValue(round(at_end.total, 6)), FteValue(round(average.total, 6))]
    return table


def movements_table(year: int) -> DocTable:
    """A person arrives with the first allocation they ever had, and leaves with the end of
    their last one; each listed by function, FTE and date."""
    by_person: dict[int, list[Allocation]] = defaultdict(list)
    for allocation in db.session.scalars(select(Allocation).options(
            selectinload(Allocation.function)).order_by(Allocation.start_date)):
        by_person[allocation.person_id].append(allocation)
    rows = []
    for allocations in by_person.values():
        first = allocations[0]
        if first.start_date.year == year:
            rows.append((first.start_date, "Arrivée", first))
        open_ended = any(allocation.end_date is None for allocation in allocations)
        last = max(allocations, key=lambda allocation: allocation.end_date or date.max)
        if not open_ended and last.end_date.year == year:
            rows.append((last.end_date, "Départ", last))
    table = DocTable(f"Arrivées et départs en {year}", ["Mouvement", "Fonction", "ETP", "Date"])
    for day, movement, allocation in sorted(rows, key=lambda row: (row[0], row[1])):
        table.rows.append([movement, allocation.function.label, FteValue(float(allocation.fte)),
                           day])
    return table
