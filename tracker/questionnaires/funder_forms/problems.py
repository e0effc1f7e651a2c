"""What a template check finds: problems (the template is refused) with their place, and the
items the template never uses (a warning)."""

import difflib
from dataclasses import dataclass, field

from tracker.errors import DomainError
from tracker.formatting import quoted


@dataclass(frozen=True)
class Problem:
    where: str  # « page 3, tableau 2 », « nom défini « appels » (Rapport!B5) »
    message: str

    def __str__(self) -> str:
        return f"{self.where} : {self.message}"


@dataclass
class TemplateCheck:
    format: str  # docx | xlsx
    problems: list[Problem] = field(default_factory=list)
    unused: list[str] = field(default_factory=list)  # item ids the template never names

    @property
    def accepted(self) -> bool:
        return not self.problems


class TemplateRefused(DomainError):
    """A template that cannot be used: every problem with its place."""

    def __init__(self, problems: list[Problem], intro: str = "Modèle refusé"):
        self.problems = problems
        shown = "\n".join(f"– {problem}" for problem in problems[:MAX_SHOWN])
        more = len(problems) - MAX_SHOWN
        super().__init__(f"{intro} ({len(problems)} problème(s)) :\n{shown}"
                         + (f"\n… et {more} autre(s)." if more > 0 else ""))


MAX_SHOWN = 30


def suggestion(name: str, candidates) -> str:
    """« ; vouliez-vous dire « appels_total » ? » when a candidate is close."""
    close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return f" ; vouliez-vous dire {quoted(close[0])} ?" if close else ""


def unknown_name(name: str, definition_id: str, candidates) -> str:
    return f"{quoted(name)} n'existe pas dans {definition_id}{suggestion(name, candidates)}"
