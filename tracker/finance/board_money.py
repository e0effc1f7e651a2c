"""The money pages of the board pack (« dossier CA »): each instrument's grant against what
is charged to it, and the personnel costs per function as the board may read them (groups
of fewer than three persons merged: tracker/privacy.py)."""

from datetime import date
from decimal import Decimal

from tracker.documents.tables import DocTable, MoneyValue
from tracker.finance.charging import charged_by, charged_lines
from tracker.finance.coverage import coverage_of_year


def _money(amount: Decimal | None) -> MoneyValue | str:
    return "—" if amount is None else MoneyValue(int(amount * 100))


def money_tables(year: int, office: bool = False) -> list[DocTable]:
    lines = charged_lines(date(year, 1, 1), date(year, 12, 31))
    coverage = coverage_of_year(year, lines)
    granted = [row for row in coverage if row.granted is not None]
    rows = [[row.funder, row.instrument, row.year_label, _money(row.granted),
             _money(row.received), MoneyValue(row.personnel_cents),
             MoneyValue(row.operating_cents),
             _money(row.balance)] for row in coverage]
    totals = ["Total", "", "", _money(sum((row.granted for row in granted), Decimal(0))),
              _money(sum((row.received or Decimal(0) for row in granted), Decimal(0))),
              MoneyValue(sum(row.personnel_cents for row in coverage)),
              MoneyValue(sum(row.operating_cents for row in coverage)), ""]
    functions = charged_by(date(year, 1, 1), date(year, 12, 31), "function", lines,
                           board=not office)
    return [
        DocTable(f"Subventions {year} : accordé et imputé",
                 ["Financeur", "Instrument", "Exercice", "Accordé", "Reçu",
                  "Frais de personnel", "Frais de fonctionnement", "Solde"], rows,
                 totals=totals,
                 note="Solde : accordé moins imputé (négatif : un déficit à couvrir)."),
        DocTable(f"Frais de personnel {year} par fonction", ["Fonction", "Coût imputé"],
                 [[label, MoneyValue(cents)] for label, cents in functions],
                 note="Une fonction tenue par moins de 3 personnes est regroupée sous "
                      "« Autres fonctions »." if not office else ""),
    ]
