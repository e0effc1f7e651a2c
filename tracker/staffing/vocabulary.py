"""Absence kinds (codes in French ASCII, labels in French) and what each means for pay and for
the employment aids. Functions are data: job_function."""

from dataclasses import dataclass
from datetime import date, timedelta

ABSENCE_KINDS = {
    "maladie": "Maladie",
    "accident_travail": "Accident du travail",
    "maternite": "Congé de maternité",
    "parental": "Congé parental",
    "interruption_carriere": "Interruption de carrière / crédit-temps",
    "sans_solde": "Congé sans solde",
    "autre": "Autre",
}


@dataclass(frozen=True)
class AbsenceRule:
    """Who pays during an absence, and whether the employment aids count it as worked.

    `employer_days`: the days from its start the employer still pays (the guaranteed salary:
    a month for an employee's sickness or accident; None: all along, 0: never). `assimilated`:
    the aids (APE volumes, Maribel net creation) count the days the employer no longer pays
    as worked; days the employer pays always count."""

    employer_days: int | None
    assimilated: bool

    def unpaid_from(self, start: date) -> date | None:
        """The first day of an absence the employer no longer pays (None: paid all along)."""
        return None if self.employer_days is None else start + timedelta(
            days=self.employer_days)


ABSENCE_RULES = {
    "maladie": AbsenceRule(30, False),  # then the mutuelle pays
    "accident_travail": AbsenceRule(30, False),  # then the insurer
    "maternite": AbsenceRule(0, True),  # the mutuelle; assimilated by the aids' rules
    "parental": AbsenceRule(0, False),  # ONEM allowance
    "interruption_carriere": AbsenceRule(0, False),
    "sans_solde": AbsenceRule(0, False),
    "autre": AbsenceRule(None, True),  # paid leave, training: the employer pays
}
