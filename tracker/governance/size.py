"""The association's size for a financial year, which decides where its accounts are filed:
a large association (more than one threshold exceeded) at the National Bank, a small one at
the registry of the enterprise court. Average FTE from the staffing register; income and
total assets typed per year from the accounts."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from tracker.extensions import db
from tracker.formatting import format_fte, format_money
from tracker.governance.models import AccountsYear
from tracker.governance.parameters import LegalBook
from tracker.governance.vocabulary import FILING_PLACES, FILING_TO
from tracker.periods import Period
from tracker.staffing.fte import fte_by_funder


@dataclass
class Size:
    place: str | None  # « bnb », « greffe », None while the figures cannot decide
    explanation: str
    parameters: list[dict] = field(default_factory=list)
    average_fte: float = 0.0

    @property
    def place_label(self) -> str:
        return FILING_PLACES[self.place] if self.place else "destination à déterminer"


def average_fte(year: int) -> float:
    """The year's average employment: every allocation weighted by the days it covers."""
    return round(fte_by_funder(Period.year(year)).total, 3)


def association_size(year: int, book: LegalBook | None = None) -> Size:
    book = book or LegalBook()
    closing = date(year, 12, 31)
    figures = db.session.get(AccountsYear, year)
    fte = average_fte(year)
    criteria = [
        ("large_fte", "moyenne des travailleurs", Decimal(str(fte)), format_fte),
        ("large_income", "recettes hors exceptionnelles",
         figures.income if figures else None, format_money),
        ("large_assets", "total du bilan", figures.assets if figures else None, format_money),
    ]
    exceeded, unknown, parts = 0, 0, []
    for code, label, value, shown in criteria:
        threshold = book.value(code, closing)
        if value is None or threshold is None:
            unknown += 1
            parts.append(f"{label} : à encoder" if value is None
                         else f"{label} {shown(value)} (seuil non renseigné)")
            continue
        over = value > threshold
        exceeded += over
        parts.append(f"{label} {shown(value)} ({'au-dessus' if over else 'en dessous'} du "
                     f"seuil de {shown(threshold)})")
    if exceeded >= 2:
        place, verdict = "bnb", "plus d'un seuil dépassé : grande association"
    elif exceeded + unknown < 2:
        place, verdict = "greffe", "au plus un seuil dépassé : petite association"
    else:
        place, verdict = None, ("les chiffres de l'exercice manquent pour décider "
                                "(à encoder sur la page des obligations)")
    where = f", dépôt {FILING_TO[place]}" if place else ""
    explanation = f"Exercice {year} : " + " ; ".join(parts) + f" – {verdict}{where}."
    return Size(place, explanation, [book.used(code, closing) for code, *_ in criteria], fte)


def save_accounts_year(year: int, income: Decimal | None, assets: Decimal | None,
                       debts: Decimal | None) -> AccountsYear:
    figures = db.session.get(AccountsYear, year) or AccountsYear(year=year)
    figures.income, figures.assets, figures.debts = income, assets, debts
    db.session.add(figures)
    db.session.flush()
    return figures


def list_accounts_years() -> list[AccountsYear]:
    return list(db.session.scalars(db.select(AccountsYear).order_by(AccountsYear.year.desc())))
