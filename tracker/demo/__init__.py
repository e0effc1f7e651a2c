"""A fictitious association for demos and first contact: every name here is invented. Each
module names its own loader (tracker.modules), run in dependency order; every loader is
idempotent."""

from importlib import import_module

from tracker.demo.foundation import DEMO_LOGINS


def demo_steps() -> list:
    from tracker.modules import MODULES

    steps = sorted(step for module in MODULES for step in module.demo)
    return [getattr(import_module(path), name)
            for _order, path, name in ((order, *target.split(":")) for order, target in steps)]


def load_demo() -> None:
    for step in demo_steps():
        step()


__all__ = ["DEMO_LOGINS", "load_demo"]
