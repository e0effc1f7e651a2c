"""Questionnaire definitions: YAML files read into the typed objects of schema.py, checked.

The shape is checked on reading (unknown keys, missing labels, bad metrics); the codes of
dimensions and values are checked against the vocabulary in the database by `check_codes`.
Every problem names the file, the item and what is wrong, in French.
"""

import re
from datetime import date
from functools import cache, lru_cache
from pathlib import Path

import yaml

from tracker.errors import DomainError
from tracker.questionnaires.schema import (
    BUILT_IN_LISTS,
    CHARTS,
    DEFINITION_KEYS,
    DISTINCT_FIELDS,
    FIGURE_KEYS,
    GROUP_KEYS,
    INPUT_KEYS,
    LIST_FILTERS,
    LIST_KEYS,
    LIST_OPTIONS,
    NUMERIC_FIELDS,
    PEOPLE_KEYS,
    PEOPLE_METRICS,
    PER,
    SECTION_KEYS,
    TABLE_KEYS,
    TEXT_KEYS,
    TIME_AXES,
    Definition,
    Item,
    Metric,
    ReportingPeriod,
    Section,
    ValueGroup,
)

DEFINITION_DIR = Path(__file__).resolve().parent / "definitions"
MAX_DEFINITION_BYTES = 256 * 1024
MAX_DEPTH = 12
IDENTIFIER = re.compile(r"^[a-z0-9][a-z0-9_\-]{0,79}$")

class DefinitionError(DomainError):
    """A definition that cannot be used: names the file, the item, the problem."""

    def __init__(self, source: str, item: str | None, problem: str):
        where = f"{source}, élément « {item} »" if item else source
        super().__init__(f"{where} : {problem}")
        self.source, self.item, self.problem = source, item, problem


def parse_definition(text: str, source: str) -> Definition:
    """A definition from YAML text; raises DefinitionError on any problem of shape. The same
    text is read once per process (the questionnaire pages list every definition)."""
    return _parse_once(text, source)


@lru_cache(maxsize=64)
def _parse_once(text: str, source: str) -> Definition:
    data = _load_plain_yaml(text, source)
    if not isinstance(data, dict):
        raise DefinitionError(source, None, "le fichier doit décrire un questionnaire "
                                            "(id, funder, title, sections).")
    _no_unknown_keys(data, DEFINITION_KEYS, source, None)
    for key in ("id", "funder", "title", "sections"):
        if not data.get(key):
            raise DefinitionError(source, None, f"la clé « {key} » est obligatoire.")
    if not IDENTIFIER.match(_text(data["id"], source, None, "id")):
        raise DefinitionError(source, None, "l'id s'écrit en minuscules, chiffres et tirets.")
    if not isinstance(data["sections"], list):
        raise DefinitionError(source, None, "« sections » doit être une liste.")
    sections, seen = [], set()
    for number, raw in enumerate(data["sections"], start=1):
        where = f"section {number}"
        if not isinstance(raw, dict):
            raise DefinitionError(source, where, "une section a un « title » et des « items ».")
        _no_unknown_keys(raw, SECTION_KEYS, source, where)
        if not raw.get("title"):
            raise DefinitionError(source, where, "la clé « title » est obligatoire.")
        items = []
        for raw_item in raw.get("items") or []:
            item = _item(raw_item, source, where)
            if item.id in seen:
                raise DefinitionError(source, item.id, "cet id est déjà utilisé.")
            seen.add(item.id)
            items.append(item)
        sections.append(Section(_text(raw["title"], source, where, "title"),
                                _text(raw.get("intro") or "", source, where, "intro"),
                                tuple(items)))
    return Definition(id=str(data["id"]), funder=_text(data["funder"], source, None, "funder"),
                      title=_text(data["title"], source, None, "title"),
                      subtitle=_text(data.get("subtitle") or "", source, None, "subtitle"),
                      period=_period(data.get("period"), source), sections=tuple(sections),
                      source=source, text=text)


def _load_plain_yaml(text: str, source: str):
    """YAML without anchors or aliases (a few hundred bytes of nested aliases expand to
    10^8 values), no deeper than MAX_DEPTH, no longer than MAX_DEFINITION_BYTES."""
    if len(text.encode()) > MAX_DEFINITION_BYTES:
        raise DefinitionError(source, None, "une définition fait au plus 256 Ko.")
    try:
        depth = 0
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise DefinitionError(source, None, "les ancres et alias YAML (& et *) ne "
                                                    "sont pas permis : écrivez chaque élément.")
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise DefinitionError(source, None, f"imbrication trop profonde (plus de "
                                                        f"{MAX_DEPTH} niveaux).")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
        return yaml.safe_load(text)
    except yaml.YAMLError as problem:
        mark = getattr(problem, "problem_mark", None)
        line = f" (ligne {mark.line + 1})" if mark else ""
        raise DefinitionError(source, None, f"YAML illisible{line}.") from problem


def _text(value, source: str, item: str | None, key: str) -> str:
    """A title, label or code: a scalar, never a structure turned into text."""
    if isinstance(value, dict | list):
        raise DefinitionError(source, item, f"« {key} » doit être un texte.")
    return str(value)


def _no_unknown_keys(data: dict, allowed: set[str], source: str, item: str | None) -> None:
    unknown = sorted(str(key) for key in data if key not in allowed)
    if unknown:
        raise DefinitionError(source, item, f"clé inconnue « {unknown[0]} » (permises : "
                                            f"{', '.join(sorted(allowed))}).")


def _period(raw, source: str) -> ReportingPeriod:
    if raw in (None, "annee_civile", "calendar"):
        return ReportingPeriod()
    if isinstance(raw, dict) and set(raw) == {"start"}:
        match = re.match(r"^(\d{1,2})/(\d{1,2})$", str(raw["start"]))
        if match:
            day, month = int(match[1]), int(match[2])
            try:
                date(2001, month, day)
            except ValueError:
                pass
            else:
                return ReportingPeriod(month, day)
    raise DefinitionError(source, None, "« period » vaut « annee_civile » ou {start: JJ/MM} "
                                        "(période de douze mois commençant ce jour-là).")


def _item(raw, source: str, section: str) -> Item:
    if not isinstance(raw, dict) or not raw.get("id"):
        raise DefinitionError(source, section, "chaque élément a un « id ».")
    item_id = _text(raw["id"], source, section, "id")
    if not IDENTIFIER.match(item_id):
        raise DefinitionError(source, item_id, "l'id s'écrit en minuscules, chiffres et tirets.")
    if not raw.get("label"):
        raise DefinitionError(source, item_id, "la clé « label » est obligatoire.")
    common = {"id": item_id, "label": _text(raw["label"], source, item_id, "label"),
              "note": _text(raw.get("note") or "", source, item_id, "note")}
    if "text" in raw:
        _no_unknown_keys(raw, TEXT_KEYS, source, item_id)
        if raw["text"] is not True:
            raise DefinitionError(source, item_id, "« text » vaut true (réponse rédigée).")
        return Item(type="text", **common)
    if "table" in raw:
        return _list_item(raw, source, common)
    if "input" in raw:
        _no_unknown_keys(raw, INPUT_KEYS, source, item_id)
        if raw["input"] != "number":
            raise DefinitionError(source, item_id, "« input » vaut number (chiffre tapé "
                                                   "chaque année, avec sa source).")
        return Item(type="input", **common)
    if "of" in raw:
        _no_unknown_keys(raw, PEOPLE_KEYS, source, item_id)
        metrics = PEOPLE_METRICS.get(raw["of"])
        if metrics is None:
            raise DefinitionError(source, item_id, f"« of » vaut {' ou '.join(PEOPLE_METRICS)}.")
        if str(raw.get("metric")) not in metrics:
            raise DefinitionError(source, item_id, f"avec « of: {raw['of']} », la mesure est "
                                                   f"{', '.join(metrics)}.")
        kind, _, name = str(raw["metric"]).partition(":")
        return Item(type="metric", metric=Metric(kind, name or None), of=raw["of"], **common)
    if "metric" not in raw:
        raise DefinitionError(source, item_id, "un élément est un chiffre (metric), une liste "
                                               "(table), un texte (text: true) ou un chiffre "
                                               "tapé (input: number).")
    is_table = "by" in raw
    _no_unknown_keys(raw, TABLE_KEYS if is_table else FIGURE_KEYS, source, item_id)
    fields = {"metric": _metric(raw["metric"], source, item_id),
              "where": _where(raw.get("where"), source, item_id),
              "funded_by": str(raw["funded_by"]) if raw.get("funded_by") else None}
    if not is_table:
        return Item(type="metric", **fields, **common)
    by = raw["by"] if isinstance(raw["by"], list) else [raw["by"]]
    if not 1 <= len(by) <= 2 or not all(isinstance(code, str) and code for code in by):
        raise DefinitionError(source, item_id, "« by » nomme une dimension, ou une liste de "
                                               "deux (tableau croisé), ou year/quarter/month, "
                                               "ou weekday/hour.")
    if any(code in TIME_AXES for code in by) and len(by) > 1:
        raise DefinitionError(source, item_id, "year, quarter et month ne se croisent pas.")
    years = raw.get("years")
    if years is not None and (by != ["year"] or not isinstance(years, int) or not 1 <= years
                              <= 30):
        raise DefinitionError(source, item_id, "« years: N » (1 à 30) va avec « by: year ».")
    if raw.get("chart") not in (None, *CHARTS):
        raise DefinitionError(source, item_id, "« chart » vaut pie, bar ou heatmap.")
    if raw.get("chart") == "heatmap" and by != ["weekday", "hour"]:
        raise DefinitionError(source, item_id, "« chart: heatmap » va avec « by: [weekday, "
                                               "hour] ».")
    top = raw.get("top")
    if top is not None and (not isinstance(top, int) or top < 1 or len(by) > 1):
        raise DefinitionError(source, item_id, "« top: N » (N ≥ 1) va avec une seule dimension.")
    groups = _groups(raw.get("groups"), by, fields["metric"], source, item_id)
    per = raw.get("per")
    if per is not None and (per not in PER or by != ["permanence"]
                            or fields["metric"].kind != "count"):
        raise DefinitionError(source, item_id, "« per: slot_occurrence » va avec « by: "
                                               "permanence » et « metric: count ».")
    return Item(type="table", by=tuple(by), years=years, chart=raw.get("chart"), top=top,
                groups=groups, per=per,
                **fields, **common)


def _list_item(raw: dict, source: str, common: dict) -> Item:
    """A built-in list: each key it cannot apply refused, naming the list and the key."""
    item_id, table = common["id"], raw["table"]
    if table not in BUILT_IN_LISTS:
        raise DefinitionError(source, item_id, f"liste « {table} » inconnue "
                                               f"(connues : {', '.join(BUILT_IN_LISTS)}).")
    allowed = LIST_KEYS | LIST_OPTIONS[table]
    for key in raw:
        if key not in allowed:
            options = ", ".join(sorted(LIST_OPTIONS[table])) or "aucune"
            raise DefinitionError(source, item_id, f"la liste « {table} » n'applique pas la clé "
                                                   f"« {key} » (options possibles : {options}).")
    where = _where(raw.get("where"), source, item_id)
    applied = LIST_FILTERS.get(table)
    for key, _values in where:
        if applied is not None and key not in applied:
            raise DefinitionError(source, item_id, f"la liste « {table} » ne se filtre pas par "
                                                   f"« {key} » (filtres possibles : "
                                                   f"{', '.join(sorted(applied))}).")
    if raw.get("at") not in (None, "end"):
        raise DefinitionError(source, item_id, "« at » vaut « end » (au dernier jour).")
    if raw.get("version") not in (None, "current", "planned"):
        raise DefinitionError(source, item_id, "« version » vaut current (l'organisation en "
                                               "vigueur) ou planned (celle en projet).")
    functions = raw.get("functions") or []
    functions = functions if isinstance(functions, list) else [functions]
    by = raw.get("by")
    if by is not None and (not isinstance(by, str) or not by or by in TIME_AXES):
        raise DefinitionError(source, item_id, "« by » regroupe les réunions par partenaire, "
                                               "par type ou par une dimension.")
    return Item(type="list", table=table, where=where,
                funder=str(raw["funder"]) if raw.get("funder") else None,
                functions=tuple(str(code) for code in functions),
                at_end=raw.get("at") == "end", concluded=bool(raw.get("concluded")),
                by=(by,) if by else (), details=bool(raw.get("details")),
                version=raw.get("version"), **common)


def _groups(raw, by: list[str], metric: Metric, source: str,
            item_id: str) -> tuple[ValueGroup, ...]:
    if raw is None:
        return ()
    if by[0] in TIME_AXES or metric.kind not in ("count", "sum"):
        raise DefinitionError(source, item_id, "« groups » regroupe des valeurs d'une "
                                               "dimension, pour un nombre (count ou sum).")
    if not isinstance(raw, list):
        raise DefinitionError(source, item_id, "« groups » est une liste de {code, label, "
                                               "values}.")
    groups, seen = [], set()
    for entry in raw:
        if not isinstance(entry, dict) or not all(entry.get(key) for key in GROUP_KEYS):
            raise DefinitionError(source, item_id, "chaque groupe a un code, un label et des "
                                                   "values.")
        _no_unknown_keys(entry, GROUP_KEYS, source, item_id)
        values = entry["values"] if isinstance(entry["values"], list) else [entry["values"]]
        values = tuple(_code(value) for value in values)
        if seen & set(values):
            raise DefinitionError(source, item_id, "une valeur figure dans deux groupes.")
        seen |= set(values)
        groups.append(ValueGroup(str(entry["code"]), str(entry["label"]), values))
    return tuple(groups)


def _metric(raw, source: str, item_id: str) -> Metric:
    text = str(raw)
    kind, _, name = text.partition(":")
    if kind == "count" and not name:
        return Metric("count")
    if kind in ("sum", "avg") and name in NUMERIC_FIELDS:
        return Metric(kind, name)
    if kind == "distinct" and name in DISTINCT_FIELDS:
        return Metric(kind, name)
    raise DefinitionError(source, item_id, f"mesure « {text} » inconnue (count, sum:CHAMP, "
                                           f"avg:CHAMP avec {', '.join(sorted(NUMERIC_FIELDS))}"
                                           f", distinct:CHAMP avec "
                                           f"{', '.join(sorted(DISTINCT_FIELDS))}).")


def _where(raw, source: str, item_id: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if raw is None:
        return ()
    if not isinstance(raw, dict):
        raise DefinitionError(source, item_id, "« where » associe un champ ou une dimension "
                                               "à une valeur ou une liste de valeurs.")
    conditions = []
    for key, value in raw.items():
        values = value if isinstance(value, list) else [value]
        if not values or any(isinstance(v, dict | list) or v is None for v in values):
            raise DefinitionError(source, item_id, f"« where » : valeur vide ou mal formée "
                                                   f"pour « {key} ».")
        conditions.append((str(key), tuple(_code(v) for v in values)))
    return tuple(conditions)


def _code(value) -> str:
    if value is True:
        return "oui"
    if value is False:
        return "non"
    return str(value)


def load_definition_file(path: Path) -> Definition:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as problem:
        raise DefinitionError(path.name, None, "fichier illisible (UTF-8 attendu).") from problem
    return parse_definition(text, path.name)


def shipped_definitions() -> list[Definition]:
    """The definitions shipped with the code, read once per process (they are part of the
    package, and their objects are frozen): the home page and every questionnaire page list
    them, and reading the six files cost about 50 ms each time."""
    return list(_read_shipped())


@cache
def _read_shipped() -> tuple[Definition, ...]:
    return tuple(load_definition_file(path) for path in sorted(DEFINITION_DIR.glob("*.yaml")))
