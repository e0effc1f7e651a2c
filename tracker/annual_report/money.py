"""« Les finances »: per instrument, what was granted for the year, what was charged to it
(personnel and operating costs) and the balance, as the board may read it: an instrument
whose personnel costs cover fewer than three persons would give away their pay, so such
instruments are read together, under « Autres instruments », until the group covers three
persons (tracker/privacy.py); the report goes to the general assembly."""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from tracker.documents.tables import DocTable, MoneyValue
from tracker.finance.charging import charged_lines
from tracker.finance.coverage import Coverage, coverage_of_year
from tracker.privacy import MINIMUM_GROUP, Group, groups_for_the_board

OTHERS = f"Autres instruments (moins de {MINIMUM_GROUP} personnes chacun)"


def money_table(year: int) -> DocTable:
    lines = charged_lines(date(year, 1, 1), date(year, 12, 31))
    persons: dict[int | None, set[int]] = defaultdict(set)
    for line in lines:
        persons[line.instrument_id].add(line.person_id)
    coverage = coverage_of_year(year, lines)
    with_people = [row for row in coverage if persons.get(row.instrument_id)]
    groups = groups_for_the_board([Group(str(row.instrument_id),
                                         frozenset(persons[row.instrument_id]),
                                         row.charged_cents) for row in with_people])
    shown = {group.label for group in groups if group.label != OTHERS}
    table = DocTable(f"Subventions {year} : accordé, imputé et solde",
                     ["Financeur", "Instrument", "Exercice", "Accordé", "Imputé", "Solde"],
                     note="Imputé : frais de personnel et de fonctionnement de l'exercice ; "
                          "solde : accordé moins imputé (négatif : un déficit à couvrir), sur "
                          "les instruments qui ont un montant accordé.")
    merged: list[Coverage] = []
    for row in coverage:
        if row in with_people and str(row.instrument_id) not in shown:
            merged.append(row)
            continue
        table.rows.append([row.funder, row.instrument, row.year_label, *_amounts([row])])
    if merged and groups:
        table.rows.append([OTHERS, "", "", *_amounts(merged)])
    elif merged:
        table.note += " Les instruments qui paient du personnel ne sont montrés qu'ensemble, " \
                      "dans le total : ils comptent moins de trois personnes."
    table.totals = ["Total", "", "", *_amounts(coverage)]
    return table


def _amounts(rows: list[Coverage]) -> list:
    """Granted, charged and balance of rows read together (the balance over the rows that
    have a grant)."""
    granted = [row for row in rows if row.granted is not None]
    charged = sum(row.charged_cents for row in rows)
    if not granted:
        return ["—", MoneyValue(charged), "—"]
    granted_cents = int(sum((row.granted for row in granted), Decimal(0)) * 100)
    return [MoneyValue(granted_cents), MoneyValue(charged),
            MoneyValue(granted_cents - sum(row.charged_cents for row in granted))]
