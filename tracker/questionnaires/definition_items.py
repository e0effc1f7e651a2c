"""The items of a questionnaire definition: figures, tables, lists, texts and typed inputs,
their metrics, groups and conditions, read from YAML and checked, each problem in French."""

import re
from datetime import date

from tracker.questionnaires.definition_errors import DefinitionError
from tracker.questionnaires.definition_persons import check_event, check_person_axes
from tracker.questionnaires.schema import (
    BUILT_IN_LISTS,
    CHARTS,
    DISTINCT_FIELDS,
    FIGURE_KEYS,
    GROUP_KEYS,
    INPUT_KEYS,
    LIST_FILTERS,
    LIST_KEYS,
    LIST_OPTIONS,
    NUMERIC_FIELDS,
    OBJECTIVE_LEVELS,
    PEOPLE_KEYS,
    PEOPLE_METRICS,
    PER,
    PERSON_METRICS,
    TABLE_KEYS,
    TEXT_KEYS,
    TIME_AXES,
    Item,
    Metric,
    ReportingPeriod,
    ValueGroup,
)

IDENTIFIER = re.compile(r"^[a-z0-9][a-z0-9_\-]{0,79}$")


def scalar_text(value, source: str, item: str | None, key: str) -> str:
    """A title, label or code: a scalar, never a structure turned into text."""
    if isinstance(value, dict | list):
        raise DefinitionError(source, item, f"« {key} » doit être un texte.")
    return str(value)


def no_unknown_keys(data: dict, allowed: set[str], source: str, item: str | None) -> None:
    unknown = sorted(str(key) for key in data if key not in allowed)
    if unknown:
        raise DefinitionError(source, item, f"clé inconnue « {unknown[0]} » (permises : "
                                            f"{', '.join(sorted(allowed))}).")


def parse_period(raw, source: str) -> ReportingPeriod:
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


def parse_item(raw, source: str, section: str) -> Item:
    if not isinstance(raw, dict) or not raw.get("id"):
        raise DefinitionError(source, section, "chaque élément a un « id ».")
    item_id = scalar_text(raw["id"], source, section, "id")
    if not IDENTIFIER.match(item_id):
        raise DefinitionError(source, item_id, "l'id s'écrit en minuscules, chiffres et tirets.")
    if not raw.get("label"):
        raise DefinitionError(source, item_id, "la clé « label » est obligatoire.")
    common = {"id": item_id, "label": scalar_text(raw["label"], source, item_id, "label"),
              "note": scalar_text(raw.get("note") or "", source, item_id, "note")}
    if "text" in raw:
        no_unknown_keys(raw, TEXT_KEYS, source, item_id)
        if raw["text"] is not True:
            raise DefinitionError(source, item_id, "« text » vaut true (réponse rédigée).")
        return Item(type="text", **common)
    if "table" in raw:
        return list_item(raw, source, common)
    if "input" in raw:
        no_unknown_keys(raw, INPUT_KEYS, source, item_id)
        if raw["input"] != "number":
            raise DefinitionError(source, item_id, "« input » vaut number (chiffre tapé "
                                                   "chaque année, avec sa source).")
        return Item(type="input", **common)
    if "of" in raw:
        no_unknown_keys(raw, PEOPLE_KEYS, source, item_id)
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
    no_unknown_keys(raw, TABLE_KEYS if is_table else FIGURE_KEYS, source, item_id)
    event = raw.get("event")
    fields = {"metric": _metric(raw["metric"], source, item_id),
              "where": _where(raw.get("where"), source, item_id),
              "funded_by": str(raw["funded_by"]) if raw.get("funded_by") else None}
    check_event(event, raw, fields["metric"], source, item_id)
    fields["event"] = event
    if fields["metric"].in_persons and fields["funded_by"]:
        raise DefinitionError(source, item_id, "une mesure en personnes ne se pondère pas par "
                                               "un financeur (« funded_by »).")
    if raw.get("previous") not in (None, True, False) or (is_table and "previous" in raw):
        raise DefinitionError(source, item_id, "« previous: true » imprime l'année précédente "
                                               "à côté d'un chiffre (pas d'un tableau).")
    if not is_table:
        return Item(type="metric", previous=bool(raw.get("previous")), **fields, **common)
    by = raw["by"] if isinstance(raw["by"], list) else [raw["by"]]
    if not 1 <= len(by) <= 2 or not all(isinstance(code, str) and code for code in by):
        raise DefinitionError(source, item_id, "« by » nomme une dimension, ou une liste de "
                                               "deux (tableau croisé), ou year/quarter/month, "
                                               "ou weekday/hour.")
    check_person_axes(by, fields["metric"], source, item_id)
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


def list_item(raw: dict, source: str, common: dict) -> Item:
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
    if raw.get("level") not in (None, *OBJECTIVE_LEVELS):
        raise DefinitionError(source, item_id, f"« level » vaut "
                                               f"{', '.join(OBJECTIVE_LEVELS)}.")
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
                version=raw.get("version"),
                plan=scalar_text(raw["plan"], source, item_id, "plan") if raw.get("plan")
                else None, level=raw.get("level"),
                site=scalar_text(raw["site"], source, item_id, "site") if raw.get("site")
                else None, **common)


def _groups(raw, by: list[str], metric: Metric, source: str,
            item_id: str) -> tuple[ValueGroup, ...]:
    if raw is None:
        return ()
    if by[0] in TIME_AXES or metric.kind not in ("count", "sum", *PERSON_METRICS):
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
        no_unknown_keys(entry, GROUP_KEYS, source, item_id)
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
    if kind in PERSON_METRICS and not name:
        return Metric(kind)
    raise DefinitionError(source, item_id, f"mesure « {text} » inconnue (count, sum:CHAMP, "
                                           f"avg:CHAMP avec {', '.join(sorted(NUMERIC_FIELDS))}"
                                           f", distinct:CHAMP avec "
                                           f"{', '.join(sorted(DISTINCT_FIELDS))}, "
                                           f"{', '.join(PERSON_METRICS)}).")


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
