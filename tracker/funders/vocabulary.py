"""Codes and French labels for funders and instruments."""

FUNDER_LEVELS = {
    "federal": "Fédéral",
    "communautaire": "Communauté / COCOF",
    "regional": "Région",
    "local": "Commune / Ville",
    "prive": "Privé",
    "interne": "Interne",
}

FUNDER_KINDS = {
    "pouvoir_subsidiant": "Pouvoir subsidiant",
    "aide_emploi": "Aide à l'emploi",
    "fonds_propres": "Fonds propres",
}

INSTRUMENT_KINDS = {
    "agrement": "Agrément",
    "convention": "Convention",
    "subvention": "Subvention",
    "appel_a_projets": "Appel à projets",
    "aide_emploi": "Aide à l'emploi",
    "don": "Don",
}

INSTRUMENT_STATUSES = {
    "en_preparation": "En préparation",
    "introduit": "Introduit",
    "accorde": "Accordé",
    "refuse": "Refusé",
    "en_cours": "En cours",
    "stand_still": "Stand-still",
    "termine": "Terminé",
}

DOCUMENT_KINDS = {
    "arrete": "Arrêté",
    "decision": "Décision",
    "avenant": "Avenant",
    "convention_signee": "Convention signée",
    "pv": "PV",
    "statuts": "Statuts",
    "courrier": "Courrier",
    "autre": "Autre",
}
# what founds an agrément: without one of these the inspection finds nothing to show
FOUNDING_KINDS = ("arrete", "decision")
