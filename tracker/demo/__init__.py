"""A fictitious association for demos and first contact: every name here is invented."""

from tracker.demo.activities import load_activities
from tracker.demo.aids import load_aids
from tracker.demo.costs import load_costs, load_tranches
from tracker.demo.deadlines import load_deadline_rules
from tracker.demo.expenses import load_expenses
from tracker.demo.foundation import DEMO_LOGINS, load_association_and_users
from tracker.demo.partnerships import load_partnerships
from tracker.demo.permanence import load_permanence
from tracker.demo.staffing import load_funding_and_team
from tracker.demo.volunteering import load_volunteering

# Each module adds its own loader, in dependency order; every loader is idempotent.
DEMO_STEPS = [load_association_and_users, load_funding_and_team, load_partnerships,
              load_activities, load_deadline_rules, load_volunteering, load_costs,
              load_tranches, load_expenses, load_aids, load_permanence]


def load_demo() -> None:
    for step in DEMO_STEPS:
        step()


__all__ = ["DEMO_LOGINS", "load_demo"]
