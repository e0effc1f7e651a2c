"""An action plan's YAML read into specs.py's objects and checked whole: its shape here, its
codes (dimensions, values, services, partners, funders, the instrument) against the
database. Every problem names the file, the objective and the indicator, in French; a plan
with one problem is refused whole."""

from decimal import Decimal, InvalidOperation

from tracker.activities.vocabulary import Vocabulary
from tracker.errors import UnreadableInput
from tracker.extensions import db
from tracker.funders.models import Instrument
from tracker.params import read_year
from tracker.plans.errors import PlanError
from tracker.plans.specs import ActionSpec, IndicatorSpec, ObjectiveSpec, PlanSpec
from tracker.plans.vocabulary import DIRECTIONS, LEVEL_ORDER
from tracker.questionnaires.checks import KnownCodes, check_item_codes
from tracker.questionnaires.definition import load_plain_yaml
from tracker.questionnaires.definition_errors import DefinitionError
from tracker.questionnaires.definition_items import IDENTIFIER, parse_item, scalar_text
from tracker.questionnaires.schema import Item

PLAN_KEYS = {"id", "title", "instrument", "years", "objectives"}
OBJECTIVE_KEYS = {"id", "label", "level", "objectives", "actions", "indicators"}
ACTION_KEYS = {"label", "where"}
# An indicator's own keys; the others are a questionnaire figure's (metric, where, funded_by,
# event, of, input, table and the list's options).
INDICATOR_KEYS = {"baseline", "targets", "direction", "source"}
COUNTED_LISTS = ("staff", "conventions", "deadlines", "interns", "volunteers")
MAX_DEPTH = len(LEVEL_ORDER)


def read_plan(text: str, source: str) -> PlanSpec:
    """The plan, its shape and its codes checked; PlanError on the first problem."""
    spec = parse_plan(text, source)
    check_plan_codes(spec)
    return spec


def parse_plan(text: str, source: str) -> PlanSpec:
    try:
        data = load_plain_yaml(text, source)
    except DefinitionError as problem:
        raise PlanError(source, None, problem.problem) from problem
    if not isinstance(data, dict):
        raise PlanError(source, None, "le fichier décrit un plan (id, title, years, "
                                      "objectives).")
    _no_unknown_keys(data, PLAN_KEYS, source, None)
    for key in ("id", "title", "years", "objectives"):
        if not data.get(key):
            raise PlanError(source, None, f"la clé « {key} » est obligatoire.")
    code = _text(data["id"], source, None, "id")
    if not IDENTIFIER.match(code):
        raise PlanError(source, None, "l'id s'écrit en minuscules, chiffres et tirets.")
    first, last = _years(data["years"], source)
    if not isinstance(data["objectives"], list):
        raise PlanError(source, None, "« objectives » est une liste d'objectifs.")
    seen: dict[str, set[str]] = {"objective": set(), "indicator": set()}
    objectives = tuple(_objective(raw, source, 1, None, (first, last), seen)
                       for raw in data["objectives"])
    instrument = data.get("instrument")
    return PlanSpec(code=code, title=_text(data["title"], source, None, "title"),
                    first_year=first, last_year=last, objectives=objectives, source=source,
                    instrument=_text(instrument, source, None, "instrument")
                    if instrument else None)


def check_plan_codes(spec: PlanSpec) -> None:
    vocabulary, known = Vocabulary.load(), KnownCodes.load()
    if spec.instrument and db.session.scalar(db.select(Instrument.id).where(
            Instrument.title == spec.instrument)) is None:
        raise PlanError(spec.source, None, f"instrument « {spec.instrument} » inconnu (son "
                                           f"intitulé exact, tel que sur la page Financements).")
    for objective in spec.all_objectives():
        items = [(indicator.code, indicator.item) for indicator in objective.indicators
                 if indicator.item is not None]
        items += [(None, action.item) for action in objective.actions if action.item]
        for indicator, item in items:
            try:
                check_item_codes(item, spec.source, vocabulary, known)
            except DefinitionError as problem:
                raise PlanError(spec.source, objective.code, problem.problem,
                                indicator) from problem


def _objective(raw, source: str, depth: int, parent_level: str | None,
               years: tuple[int, int], seen: dict[str, set[str]]) -> ObjectiveSpec:
    if not isinstance(raw, dict) or not raw.get("id"):
        raise PlanError(source, None, "chaque objectif a un « id » et un « label ».")
    code = _text(raw["id"], source, None, "id")
    if not IDENTIFIER.match(code):
        raise PlanError(source, code, "l'id s'écrit en minuscules, chiffres et tirets.")
    if code in seen["objective"]:
        raise PlanError(source, code, "cet id d'objectif est déjà utilisé.")
    seen["objective"].add(code)
    _no_unknown_keys(raw, OBJECTIVE_KEYS, source, code)
    if not raw.get("label"):
        raise PlanError(source, code, "la clé « label » est obligatoire.")
    if depth > MAX_DEPTH:
        raise PlanError(source, code, f"au plus {MAX_DEPTH} niveaux (général, stratégique, "
                                      f"opérationnel).")
    children = raw.get("objectives") or []
    if not isinstance(children, list):
        raise PlanError(source, code, "« objectives » est une liste d'objectifs.")
    level = _level(raw.get("level"), depth, bool(children), parent_level, source, code)
    actions = raw.get("actions") or []
    indicators = raw.get("indicators") or []
    if not isinstance(actions, list) or not isinstance(indicators, list):
        raise PlanError(source, code, "« actions » et « indicators » sont des listes.")
    return ObjectiveSpec(
        code=code, label=_text(raw["label"], source, code, "label"), level=level,
        objectives=tuple(_objective(child, source, depth + 1, level, years, seen)
                         for child in children),
        actions=tuple(_action(action, number, source, code)
                      for number, action in enumerate(actions, start=1)),
        indicators=tuple(_indicator(indicator, source, code, years, seen)
                         for indicator in indicators))


def _level(raw, depth: int, has_children: bool, parent_level: str | None, source: str,
           code: str) -> str:
    """Written, or by its place: the top is général, a leaf below it opérationnel, a middle
    one stratégique. Always below its parent's."""
    if raw is None:
        level = "general" if depth == 1 else "strategique" if has_children else "operationnel"
    elif raw in LEVEL_ORDER:
        level = raw
    else:
        raise PlanError(source, code, f"« level » vaut {', '.join(LEVEL_ORDER)}.")
    if parent_level and LEVEL_ORDER.index(level) <= LEVEL_ORDER.index(parent_level):
        raise PlanError(source, code, f"un objectif « {level} » ne peut pas être sous un "
                                      f"objectif « {parent_level} ».")
    return level


def _action(raw, number: int, source: str, objective: str) -> ActionSpec:
    if isinstance(raw, str) and raw.strip():
        return ActionSpec(label=raw.strip())
    if not isinstance(raw, dict) or not raw.get("label"):
        raise PlanError(source, objective, f"action {number} : un texte, ou {{label, where}}.")
    _no_unknown_keys(raw, ACTION_KEYS, source, objective)
    label = _text(raw["label"], source, objective, "label")
    if not raw.get("where"):
        return ActionSpec(label=label)
    item = _as_item({"id": f"action-{number}", "label": label, "metric": "count",
                     "where": raw["where"]}, source, objective, None)
    return ActionSpec(label=label, where=dict(raw["where"]), item=item)


def _indicator(raw, source: str, objective: str, years: tuple[int, int],
               seen: dict[str, set[str]]) -> IndicatorSpec:
    if not isinstance(raw, dict) or not raw.get("id") or not raw.get("label"):
        raise PlanError(source, objective, "chaque indicateur a un « id » et un « label ».")
    code = _text(raw["id"], source, objective, "id")
    if code in seen["indicator"]:
        raise PlanError(source, objective, "cet id d'indicateur est déjà utilisé dans le plan.",
                        code)
    seen["indicator"].add(code)
    measure = {key: value for key, value in raw.items() if key not in INDICATOR_KEYS}
    item = _as_item(measure, source, objective, code)
    if item.type in ("table", "text") or (item.type == "list"
                                          and item.table not in COUNTED_LISTS):
        raise PlanError(source, objective, f"un indicateur est un chiffre : metric (avec "
                                           f"where, funded_by, event), of, input: number, ou "
                                           f"le nombre de lignes d'une liste "
                                           f"({', '.join(COUNTED_LISTS)}).", code)
    direction = raw.get("direction", "at_least")
    if direction not in DIRECTIONS:
        raise PlanError(source, objective, "« direction » vaut at_least (au moins la cible) "
                                           "ou at_most (au plus).", code)
    targets = raw.get("targets") or {}
    if not isinstance(targets, dict):
        raise PlanError(source, objective, "« targets » associe une année à une cible, comme "
                                           "{2025: 2100}.", code)
    typed = item.type == "input"
    return IndicatorSpec(
        code=code, label=item.label, item=None if typed else item,
        measure=None if typed else {key: value for key, value in measure.items()
                                    if key not in ("id", "label")},
        baseline=_number(raw.get("baseline"), source, objective, code, "baseline"),
        targets={_target_year(year, years, source, objective, code):
                 _number(value, source, objective, code, f"targets {year}")
                 for year, value in targets.items()},
        direction=direction, source=_text(raw.get("source") or "", source, objective, "source"))


def _as_item(measure: dict, source: str, objective: str, indicator: str | None) -> Item:
    try:
        return parse_item(measure, source, objective)
    except DefinitionError as problem:
        raise PlanError(source, objective, problem.problem, indicator) from problem


def _years(raw, source: str) -> tuple[int, int]:
    if not isinstance(raw, list) or len(raw) != 2:
        raise PlanError(source, None, "« years » vaut [première, dernière], comme [2023, 2028].")
    try:
        first, last = (read_year(str(year)) for year in raw)
    except UnreadableInput as problem:
        raise PlanError(source, None, f"« years » : {problem}") from problem
    if last < first:
        raise PlanError(source, None, "« years » : la dernière année précède la première.")
    return first, last


def _target_year(raw, years: tuple[int, int], source: str, objective: str,
                 indicator: str) -> int:
    if not isinstance(raw, int) or not years[0] <= raw <= years[1]:
        raise PlanError(source, objective, f"cible pour « {raw} » : une année du plan "
                                           f"({years[0]} à {years[1]}).", indicator)
    return raw


def _number(raw, source: str, objective: str, indicator: str, key: str) -> Decimal | None:
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise PlanError(source, objective, f"« {key} » est un nombre.", indicator)
    try:
        number = Decimal(str(raw))
    except InvalidOperation as problem:
        raise PlanError(source, objective, f"« {key} » est un nombre.", indicator) from problem
    if not number.is_finite() or abs(number) >= Decimal("1e12"):
        raise PlanError(source, objective, f"« {key} » hors limites.", indicator)
    return number


def _text(value, source: str, objective: str | None, key: str) -> str:
    try:
        return scalar_text(value, source, objective, key).strip()
    except DefinitionError as problem:
        raise PlanError(source, objective, problem.problem) from problem


def _no_unknown_keys(data: dict, allowed: set[str], source: str, objective: str | None):
    unknown = sorted(str(key) for key in data if key not in allowed)
    if unknown:
        raise PlanError(source, objective, f"clé inconnue « {unknown[0]} » (permises : "
                                           f"{', '.join(sorted(allowed))}).")
