"""Questionnaire definitions: YAML files read into the typed objects of schema.py, checked.

The shape is checked on reading (unknown keys, missing labels, bad metrics); the codes of
dimensions and values are checked against the vocabulary in the database by `check_codes`.
Every problem names the file, the item and what is wrong, in French.
"""

from functools import cache, lru_cache
from pathlib import Path

import yaml

from tracker.questionnaires.definition_errors import DefinitionError
from tracker.questionnaires.definition_items import (
    IDENTIFIER,
    no_unknown_keys,
    parse_item,
    parse_period,
    scalar_text,
)
from tracker.questionnaires.schema import (
    DEFINITION_KEYS,
    SECTION_KEYS,
    Definition,
    Section,
)

DEFINITION_DIR = Path(__file__).resolve().parent / "definitions"
MAX_DEFINITION_BYTES = 256 * 1024
MAX_DEPTH = 12

def parse_definition(text: str, source: str) -> Definition:
    """A definition from YAML text; raises DefinitionError on any problem of shape. The same
    text is read once per process (the questionnaire pages list every definition)."""
    return _parse_once(text, source)


@lru_cache(maxsize=64)
def _parse_once(text: str, source: str) -> Definition:
    data = load_plain_yaml(text, source)
    if not isinstance(data, dict):
        raise DefinitionError(source, None, "le fichier doit décrire un questionnaire "
                                            "(id, funder, title, sections).")
    no_unknown_keys(data, DEFINITION_KEYS, source, None)
    for key in ("id", "funder", "title", "sections"):
        if not data.get(key):
            raise DefinitionError(source, None, f"la clé « {key} » est obligatoire.")
    if not IDENTIFIER.match(scalar_text(data["id"], source, None, "id")):
        raise DefinitionError(source, None, "l'id s'écrit en minuscules, chiffres et tirets.")
    if not isinstance(data["sections"], list):
        raise DefinitionError(source, None, "« sections » doit être une liste.")
    sections, seen = [], set()
    for number, raw in enumerate(data["sections"], start=1):
        where = f"section {number}"
        if not isinstance(raw, dict):
            raise DefinitionError(source, where, "une section a un « title » et des « items ».")
        no_unknown_keys(raw, SECTION_KEYS, source, where)
        if not raw.get("title"):
            raise DefinitionError(source, where, "la clé « title » est obligatoire.")
        items = []
        for raw_item in raw.get("items") or []:
            item = parse_item(raw_item, source, where)
            if item.id in seen:
                raise DefinitionError(source, item.id, "cet id est déjà utilisé.")
            seen.add(item.id)
            items.append(item)
        sections.append(Section(scalar_text(raw["title"], source, where, "title"),
                                scalar_text(raw.get("intro") or "", source, where, "intro"),
                                tuple(items)))
    return Definition(id=str(data["id"]),
                      funder=scalar_text(data["funder"], source, None, "funder"),
                      title=scalar_text(data["title"], source, None, "title"),
                      subtitle=scalar_text(data.get("subtitle") or "", source, None, "subtitle"),
                      period=parse_period(data.get("period"), source), sections=tuple(sections),
                      source=source, text=text)


def load_plain_yaml(text: str, source: str):
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
