"""Imports every module's models (those tracker.modules lists), so that SQLAlchemy's metadata
and Alembic see all tables."""

from importlib import import_module
from importlib.util import find_spec

from tracker import figure_versions  # noqa: F401  (the foundation's own table)
from tracker.modules import MODULES

for _module in MODULES:
    if find_spec(f"tracker.{_module.name}.models") is not None:
        import_module(f"tracker.{_module.name}.models")
