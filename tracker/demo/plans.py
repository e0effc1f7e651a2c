"""Demo action plans (every figure invented): the AViQ agrément's 2023-2028 PAC and the PSSP
convention's objectives, imported from their YAML like a user's, with typed values and the
team's evaluation for the years already passed."""

from datetime import date
from decimal import Decimal
from pathlib import Path

from tracker.plans.services import (
    get_plan,
    import_plan,
    save_evaluation,
    save_indicator_value,
)

PLAN_FILES = Path(__file__).resolve().parent / "action_plans"
TYPED = {  # plan, indicator, year: value, source
    ("pac-2023-2028", "satisfaction", 2024): "83",
    ("pac-2023-2028", "satisfaction", 2025): "88",
    ("pac-2023-2028", "presse", 2024): "17",
    ("pac-2023-2028", "presse", 2025): "14",
    ("pssp-2024-2027", "kits", 2024): "412",
    ("pssp-2024-2027", "kits", 2025): "436",
}
EVALUATIONS = {  # plan, objective, year: assessment, decision, comment
    ("pac-2023-2028", "op1", 2025): ("atteint", "reconduit",
                                     "Les écoles demandent davantage d'animations en fin "
                                     "d'année scolaire."),
    ("pac-2023-2028", "op2", 2025): ("partiel", "adapte",
                                     "Deux formations reportées faute d'inscrits : un "
                                     "module en ligne est prévu."),
    ("pac-2023-2028", "op3", 2025): ("partiel", "reconduit", ""),
    ("pac-2023-2028", "og1", 2025): ("partiel", "reconduit",
                                     "Le réseau wallon se construit plus lentement que prévu."),
    ("pssp-2024-2027", "proximite", 2025): ("atteint", "reconduit", ""),
}


def load_plans() -> None:
    this_year = date.today().year
    for path in sorted(PLAN_FILES.glob("*.yaml")):
        import_plan(path.read_bytes(), path.name)
    for (code, indicator_code, year), value in TYPED.items():
        indicator = _indicators(code)[indicator_code]
        if year <= this_year:
            save_indicator_value(indicator, year, Decimal(value), indicator.source)
    for (code, objective_code, year), (assessment, decision, comment) in EVALUATIONS.items():
        if year <= this_year:
            objective = next(objective for objective in get_plan(code).objectives
                             if objective.code == objective_code)
            save_evaluation(objective, year, assessment, comment, decision)


def _indicators(code: str) -> dict:
    return {indicator.code: indicator for objective in get_plan(code).objectives
            for indicator in objective.indicators}
