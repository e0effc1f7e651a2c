"""A fictitious association for demos and first contact: every name here is invented."""

from tracker.demo.foundation import DEMO_LOGINS, load_association_and_users

# Each module appends its own loader; every loader is idempotent.
DEMO_STEPS = [load_association_and_users]


def load_demo() -> None:
    for step in DEMO_STEPS:
        step()


__all__ = ["DEMO_LOGINS", "load_demo"]
