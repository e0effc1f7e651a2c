"""Which dimensions the entry form asks for, by activity type (the others stay reachable)."""

CALL = ["type_appelant", "genre", "tranche_age", "region", "premier_contact", "produits", "suite"]
CONSULTATION = ["lieu", "demande", "envoyeur", "genre", "tranche_age", "region",
                "premier_contact", "produits"]
ACTION = ["region", "lieu"]
MEETING = ["type_reunion"]

DIMENSIONS_BY_TYPE = {
    "appel": CALL, "courriel": CALL,
    "consultation": CONSULTATION, "accueil": CONSULTATION, "accompagnement": CONSULTATION,
    "sensibilisation": ACTION, "formation": ACTION, "expertise": ACTION, "atelier": ACTION,
    "action_rdr": ACTION,
    "reunion": MEETING, "intervision": MEETING, "supervision": MEETING,
}

# Types whose count of people reached matters (prevention actions, trainings, workshops).
WITH_PARTICIPANTS = {"sensibilisation", "formation", "atelier", "action_rdr", "expertise"}


def split_dimensions(type_code: str, all_codes: list[str]) -> tuple[list[str], list[str]]:
    """(asked first, others) for this type; new dimensions land among the others."""
    main = [code for code in DIMENSIONS_BY_TYPE.get(type_code, all_codes) if code in all_codes]
    return main, [code for code in all_codes if code not in main]
