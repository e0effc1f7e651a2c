"""Which dimensions the entry form asks for, by activity type (the others stay reachable)."""

CALL = ["type_appelant", "genre", "tranche_age", "region", "premier_contact", "produits", "suite"]
CONSULTATION = ["lieu", "demande", "envoyeur", "genre", "tranche_age", "region",
                "premier_contact", "produit_principal", "produits"]
ACTION = ["region", "lieu"]
MEETING = ["type_reunion"]

DIMENSIONS_BY_TYPE = {
    "appel": CALL, "courriel": CALL,
    "consultation": CONSULTATION, "accueil": CONSULTATION, "accompagnement": CONSULTATION,
    "sensibilisation": ACTION, "formation": ACTION, "expertise": ACTION, "atelier": ACTION,
    "action_rdr": ACTION,
    "reunion": MEETING, "intervision": MEETING, "supervision": MEETING,
}

# Types the team either gives (an action, counted in health-promotion tables) or receives (a
# training followed, a supervision by an outside supervisor), with the direction offered first.
DIRECTED = {"formation": False, "supervision": True, "intervision": True}  # True: received
DIRECTIONS = {"donne": "Donnée par l'équipe", "recu": "Reçue par l'équipe"}

# Types about the service, never about a person: the only ones with a short written purpose and
# place (« Commission Assuétudes Fedito – SPW, Namur »). Never a call or a consultation.
INSTITUTIONAL = {"reunion", "formation", "supervision", "intervision"}

# Types about one person: the dossier code is asked right after the duration (the dossier's
# data then shown, pre-filled), with the appointment's presence.
WITH_DOSSIER = {"consultation", "accueil", "accompagnement"}

# Types whose subject is a person (a caller, a consultant): never a partner, where a name
# could be typed (« Jean Dupont (bénéficiaire) » became a partner through an import).
ABOUT_A_PERSON = {"appel", "courriel", "appel_manque"} | WITH_DOSSIER
NO_PARTNER = ("Un appel, un courriel ou une consultation concerne une personne : il ne porte "
              "pas de partenaire (jamais un nom).")

# Types whose count of people reached matters (prevention actions, trainings, workshops).
WITH_PARTICIPANTS = {"sensibilisation", "formation", "atelier", "action_rdr", "expertise"}


def split_dimensions(type_code: str, all_codes: list[str]) -> tuple[list[str], list[str]]:
    """(asked first, others) for this type; new dimensions land among the others."""
    main = [code for code in DIMENSIONS_BY_TYPE.get(type_code, all_codes) if code in all_codes]
    return main, [code for code in all_codes if code not in main]
