"""What every aid's check is: a rule's state at a date with its explanation and the
parameter values it used; quarters and posts as the explanations name them."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from tracker.periods import Period, add_months
from tracker.staffing.models import Allocation
from tracker.staffing.vacancies import post_label

STATES = {"ok": "ok", "a_surveiller": "à surveiller", "en_infraction": "en infraction"}
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


def post_of(allocation: Allocation, labels: dict[str, str]) -> str:
    """« le poste d'assistant social (0,5 ETP) de Nina Lefèvre »."""
    post = post_label(allocation, labels)
    of = "d'" if post[:1] in "aeéèêiîouhy" else "de "
    return f"le poste {of}{post}"
