"""The navigation menu, by role, in groups: each module adds its entries here."""

from dataclasses import dataclass

from flask import url_for

from tracker.auth.roles import OFFICE, READERS, WRITERS, Role


@dataclass(frozen=True)
class NavItem:
    label: str
    endpoint: str
    roles: tuple[Role, ...]
    icon: str  # a symbol of static/icons/sprite.svg


@dataclass(frozen=True)
class NavGroup:
    label: str
    items: tuple[NavItem, ...]


NAVIGATION = (
    NavGroup("Pilotage", (
        NavItem("Accueil", "home.index", tuple(Role), "house"),
        NavItem("Échéances", "deadlines.agenda", READERS, "calendar-clock"),
        NavItem("Questionnaires", "questionnaires.index", READERS, "file-text"),
    )),
    NavGroup("Activités", (
        NavItem("Encoder", "activities.new", WRITERS, "pencil-line"),
        NavItem("Mes activités", "activities.mine", (Role.STAFF,), "list"),
        NavItem("Activités", "activities.index", READERS, "list"),
        NavItem("Vocabulaires", "activities.vocabularies", OFFICE, "tags"),
        NavItem("Permanence", "permanence.index", READERS, "clock"),
    )),
    NavGroup("Personnel et financements", (
        NavItem("Personnel", "staffing.matrix", READERS, "users"),
        NavItem("Stagiaires et bénévoles", "interns_volunteers.index", OFFICE, "graduation-cap"),
        NavItem("Financements", "funders.index", READERS, "landmark"),
        NavItem("Coûts et justification", "finance.costs", READERS, "banknote"),
        NavItem("Aides à l'emploi", "aids.index", READERS, "briefcase"),
        NavItem("Partenariats", "partnerships.index", READERS, "handshake"),
    )),
    NavGroup("Administration", (
        NavItem("Association", "association.show", READERS, "building-2"),
        NavItem("Mes tâches", "jobs.index", OFFICE, "upload"),
        NavItem("Utilisateurs", "auth.users", (Role.DIRECTOR,), "user-cog"),
        NavItem("Journal des modifications", "audit.index", (Role.DIRECTOR,), "history"),
    )),
)


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
