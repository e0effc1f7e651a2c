"""The navigation bar, by role: each module adds its entries here."""

from dataclasses import dataclass

from flask import url_for

from tracker.auth.roles import OFFICE, READERS, Role


@dataclass(frozen=True)
class NavItem:
    label: str
    endpoint: str
    roles: tuple[Role, ...]


NAVIGATION = (
    NavItem("Accueil", "home.index", tuple(Role)),
    NavItem("Encoder", "activities.new", (Role.DIRECTOR, Role.SECRETARY, Role.STAFF)),
    NavItem("Mes activités", "activities.mine", (Role.STAFF,)),
    NavItem("Activités", "activities.index", READERS),
    NavItem("Échéances", "deadlines.agenda", READERS),
    NavItem("Personnel", "staffing.matrix", READERS),
    NavItem("Financements", "funders.index", READERS),
    NavItem("Partenariats", "partnerships.index", READERS),
    NavItem("Questionnaires", "questionnaires.index", READERS),
    NavItem("Association", "association.show", READERS),
    NavItem("Vocabulaires", "activities.vocabularies", OFFICE),
    NavItem("Utilisateurs", "auth.users", (Role.DIRECTOR,)),
    NavItem("Journal des modifications", "audit.index", (Role.DIRECTOR,)),
)


def navigation_for(role: Role) -> list[dict]:
    return [
        {"label": item.label, "url": url_for(item.endpoint), "endpoint": item.endpoint}
        for item in NAVIGATION
        if role in item.roles
    ]
