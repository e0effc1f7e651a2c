"""A Word template checked before use: its placeholders are read in document order (one
line per piece of text, so that Jinja's line numbers give the place back), parsed, and every
name, attribute and loop checked against the definition. Only {{ … }}, {% for %} and
{% if %} are accepted: a template never runs anything else."""

import re

from jinja2 import TemplateSyntaxError, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

from tracker.formatting import quoted
from tracker.questionnaires.funder_forms.docx_places import Place, place_name
from tracker.questionnaires.funder_forms.problems import Problem, suggestion, unknown_name
from tracker.questionnaires.funder_forms.shapes import INDEXABLE, SCALAR, SHAPES

TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
# docxtpl's block prefixes: {%tr for … %} repeats a table row, {%tc %} a cell, {%p if %} a
# paragraph, {%r %} a run (its {{r }} and {{p }} need rich text and documents: not offered)
PREFIX = re.compile(r"^\{%(-?)(?:tr|tc|p|r)\s")
ONLY = "seuls les repères {{ … }}, les boucles {% for %} et les conditions {% if %} sont acceptés"
ENVIRONMENT = ImmutableSandboxedEnvironment()


def tags_of(text: str) -> list[str]:
    """The placeholders of a piece of text, docxtpl's prefixes removed."""
    return [PREFIX.sub(r"{%\1 ", tag.replace("\n", " ")) for tag in TAG.findall(text)]


class _Checker:
    def __init__(self, places: list[Place], paged: bool, names: dict[str, str],
                 definition_id: str):
        self.places, self.paged, self.names = places, paged, names
        self.definition_id = definition_id
        self.problems: list[Problem] = []
        self.used: set[str] = set()

    def problem(self, node_or_line, message: str) -> None:
        line = node_or_line if isinstance(node_or_line, int) else node_or_line.lineno
        place = self.places[min(max(line, 1), len(self.places)) - 1]
        problem = Problem(place_name(place, self.paged), message)
        if problem not in self.problems:
            self.problems.append(problem)

    def statements(self, body: list, scope: dict[str, str | None]) -> None:
        for node in body:
            self.statement(node, scope)

    def statement(self, node, scope: dict[str, str | None]) -> None:
        if isinstance(node, nodes.Output):
            for child in node.nodes:
                if isinstance(child, nodes.TemplateData):
                    continue
                shape = self.expression(child, scope)
                if shape is not None and not SHAPES[shape].printable:
                    hint = SHAPES[shape].hint.replace("ID", _source(child))
                    self.problem(child, f"{quoted(_source(child))} est "
                                        f"{_article(SHAPES[shape].noun)} : {hint}")
        elif isinstance(node, nodes.For):
            self.loop(node, scope)
        elif isinstance(node, nodes.If):
            self.expression(node.test, scope)
            self.statements(node.body, scope)
            for branch in node.elif_:
                self.statement(branch, scope)
            self.statements(node.else_, scope)
        else:
            self.problem(node, f"{_kind(node)} : {ONLY}")

    def loop(self, node: nodes.For, scope: dict[str, str | None]) -> None:
        shape = self.expression(node.iter, scope)
        element = None
        if shape is not None:
            element = SHAPES[shape].element
            if element is None:
                self.problem(node.iter, f"{quoted(_source(node.iter))} est "
                                        f"{_article(SHAPES[shape].noun)} : on ne peut pas le "
                                        "parcourir dans une boucle {% for %}"
                                        + (" (un tableau se parcourt par ses lignes : "
                                           f"{_source(node.iter)}.rows)"
                                           if shape in ("table", "list") else ""))
        if not isinstance(node.target, nodes.Name):
            self.problem(node, "une boucle nomme une seule variable : {% for r in ID.rows %}")
            return
        inner = scope | {node.target.name: element}
        if node.test is not None:
            self.expression(node.test, inner)
        self.statements(node.body, inner)
        self.statements(node.else_, scope)

    def expression(self, node, scope: dict[str, str | None]) -> str | None:
        """The shape the expression gives, or None when unknown (already reported)."""
        if isinstance(node, nodes.Name):
            if node.name in scope:
                return scope[node.name]
            if node.name in self.names:
                self.used.add(node.name)
                return self.names[node.name]
            self.problem(node, unknown_name(node.name, self.definition_id, self.names))
            return None
        if isinstance(node, nodes.Getattr):
            return self.attribute(node, node.node, node.attr, scope)
        if isinstance(node, nodes.Getitem):
            base = self.expression(node.node, scope)
            key = node.arg.value if isinstance(node.arg, nodes.Const) else None
            if base is None:
                return None
            if isinstance(key, int) and base in INDEXABLE:
                return SCALAR
            if isinstance(key, str):
                return self.attribute(node, node.node, key, scope, base)
            self.problem(node, f"{quoted(_source(node))} : seul un numéro de cellule "
                               "(r.cells[0]) peut suivre « [ »")
            return None
        if isinstance(node, nodes.Const):
            return SCALAR
        if isinstance(node, nodes.Compare):
            self.expression(node.expr, scope)
            for operand in node.ops:
                self.expression(operand.expr, scope)
            return SCALAR
        if isinstance(node, nodes.And | nodes.Or):
            self.expression(node.left, scope)
            self.expression(node.right, scope)
            return SCALAR
        if isinstance(node, nodes.Not):
            self.expression(node.node, scope)
            return SCALAR
        self.problem(node, f"{_kind(node)} dans {quoted(_source(node))} : {ONLY}")
        return None

    def attribute(self, node, base_node, name: str, scope, base: str | None = None):
        base = base or self.expression(base_node, scope)
        if base is None:
            return None
        attributes = SHAPES[base].attributes
        if name in attributes:
            return attributes[name]
        offered = (f" (attributs : {', '.join(attributes)})" if attributes
                   else " (elle n'a pas d'attribut)")
        self.problem(node, f"{quoted(_source(node))} : {_article(SHAPES[base].noun)} n'a pas "
                           f"d'attribut {quoted(name)}{offered}{suggestion(name, attributes)}")
        return None


def check_places(places: list[Place], paged: bool, names: dict[str, str],
                 definition_id: str) -> tuple[list[Problem], set[str]]:
    """The problems of one part of a document, and the names it uses."""
    skeleton = "\n".join(" ".join(tags_of(place.text)) for place in places)
    if not places or not skeleton.strip():
        return [], set()
    checker = _Checker(places, paged, names, definition_id)
    try:
        tree = ENVIRONMENT.parse(skeleton)
    except TemplateSyntaxError as error:
        checker.problem(error.lineno or 1, _syntax(error, places[(error.lineno or 1) - 1]))
        return checker.problems, checker.used
    checker.statements(tree.body, {})
    return checker.problems, checker.used


def _syntax(error: TemplateSyntaxError, place: Place) -> str:
    tags = " ".join(tags_of(place.text))
    if "end of template" in error.message:
        return ("une boucle {% for %} ou une condition {% if %} n'est jamais fermée "
                "({% endfor %} ou {% endif %} manquant)")
    if "unknown tag" in error.message:
        return f"balise inconnue ou fermée sans avoir été ouverte dans {quoted(tags)}"
    return f"repère mal formé dans {quoted(tags)} : vérifiez les accolades et les mots"


def _source(node) -> str:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_source(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        return f"{_source(node.node)}[{node.arg.value!r}]"
    if isinstance(node, nodes.Filter):
        return f"{_source(node.node)}|{node.name}" if node.node is not None else node.name
    if isinstance(node, nodes.Call):
        return f"{_source(node.node)}(…)"
    if isinstance(node, nodes.Const):
        return repr(node.value)
    return "…"


def _kind(node) -> str:
    kinds = {nodes.Filter: "un filtre", nodes.Call: "un appel de fonction",
             nodes.Include: "{% include %}", nodes.Import: "{% import %}",
             nodes.FromImport: "{% from … import %}", nodes.Macro: "{% macro %}",
             nodes.Assign: "{% set %}", nodes.AssignBlock: "{% set %}",
             nodes.Extends: "{% extends %}", nodes.Block: "{% block %}"}
    return next((label for kind, label in kinds.items() if isinstance(node, kind)),
                "cette instruction")


def _article(noun: str) -> str:
    feminine = noun in ("valeur", "liste", "ligne de tableau", "ligne de liste",
                        "liste de lignes", "liste de cellules", "liste de colonnes",
                        "association")
    return ("une " if feminine else "un ") + noun
