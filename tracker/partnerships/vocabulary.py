"""Convention statuses and renewal modes (codes in French ASCII, labels in French)."""

CONVENTION_STATUSES = {
    "active": "Active",
    "en_veille": "Mise en veille",
    "a_renegocier": "À renégocier",
    "terminee": "Terminée",
}

RENEWALS = {
    "tacite": "Tacite reconduction",
    "expresse": "Reconduction expresse",
    "aucune": "Sans reconduction",
}
