"""The one list of modules (tracker.modules) holds every module the folders hold, with every
file of routes and every command, and is the layers contract that `make lint` checks."""

import ast
import tomllib
from pathlib import Path

import pytest

from tracker.modules import MODULES, layers_contract

pytestmark = pytest.mark.engine_independent

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "tracker"
FOUNDATION_PACKAGES = {"documents", "static"}  # shared foundations, no business


def _packages() -> set[str]:
    return {path.parent.name for path in PACKAGE.glob("*/__init__.py")} - FOUNDATION_PACKAGES


def test_every_business_folder_is_a_module_of_the_list():
    assert {module.name for module in MODULES} == _packages()


def test_every_file_of_routes_is_named_by_its_module():
    for module in MODULES:
        folder = PACKAGE / module.name
        with_routes = sorted(path.stem for path in folder.glob("*.py")
                             if "@bp." in path.read_text() or "(bp," in path.read_text())
        assert sorted(module.views) == with_routes, module.name


def test_every_command_of_a_module_is_named_by_it():
    for module in MODULES:
        path = PACKAGE / module.name / "cli.py"
        if not path.exists():
            assert not module.commands and not module.imports, module.name
            continue
        tree = ast.parse(path.read_text())
        defined = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)
                   and any("command" in ast.unparse(decorator) or "group" in
                           ast.unparse(decorator) for decorator in node.decorator_list)
                   and not any("." in ast.unparse(decorator).split("(")[0]
                               and not ast.unparse(decorator).startswith("click.")
                               for decorator in node.decorator_list)}
        assert set(module.commands) | set(module.imports) == defined, module.name


def test_the_list_is_the_layers_contract_that_make_lint_checks():
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text())
    contracts = settings["tool"]["importlinter"]["contracts"]
    layers = next(contract["layers"] for contract in contracts if contract["type"] == "layers")
    assert layers == layers_contract()
