"""The navigation menu, by role, in groups: the entries each module declares (tracker.modules)."""

from dataclasses import dataclass

from flask import url_for

from tracker.auth.roles import Role
from tracker.modules import MENU_GROUPS, MODULES, MenuEntry


@dataclass(frozen=True)
class NavGroup:
    label: str
    items: tuple[MenuEntry, ...]


NAVIGATION = tuple(
    NavGroup(group, tuple(sorted((entry for module in MODULES for entry in module.menu
                                  if entry.group == group), key=lambda entry: entry.position)))
    for group in MENU_GROUPS)


def navigation_for(role: Role, endpoint: str | None = None) -> list[dict]:
    """The groups this role sees, each with its entries (empty groups left out); the entry of
    this endpoint is current, else the first of its module (a deadline's page: Échéances)."""
    groups = []
    for group in NAVIGATION:
        items = [{"label": item.label, "url": url_for(item.endpoint), "endpoint": item.endpoint,
                  "icon": item.icon, "current": False}
                 for item in group.items if role in item.roles]
        if items:
            groups.append({"label": group.label, "items": items})
    entries = [item for group in groups for item in group["items"]]
    module = (endpoint or "").split(".")[0]
    current = (next((item for item in entries if item["endpoint"] == endpoint), None)
               or next((item for item in entries if item["endpoint"].startswith(module + ".")),
                       None))
    if current is not None:
        current["current"] = True
    return groups
