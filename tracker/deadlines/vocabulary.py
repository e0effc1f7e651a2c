"""Deadline kinds, statuses and rule types (codes in French ASCII, labels in French)."""

DEADLINE_KINDS = {
    "pac": "Plan d'action communautaire (PAC)",
    "rapport_activite": "Rapport d'activité",
    "plan_action": "Plan d'action",
    "justificatifs": "Justificatifs",
    "demande_agrement": "Demande d'agrément",
    "renouvellement": "Renouvellement",
    "evaluation": "Évaluation",
    "decision_ca": "Décision du conseil d'administration",
    "assemblee_generale": "Assemblée générale",
    "autre": "Autre",
}

DEADLINE_STATUSES = {
    "a_faire": "À faire",
    "en_cours": "En cours",
    "soumis": "Soumis",
    "accepte": "Accepté",
    "refuse": "Refusé",
    "sans_objet": "Sans objet",
}

# Statuses after which a deadline needs nothing more (no reminder, not overdue).
CLOSED_STATUSES = frozenset({"soumis", "accepte", "refuse", "sans_objet"})

RULE_ANCHORS = {"start": "son début", "end": "sa fin"}
RULE_PERIODS = {"month": "mois", "quarter": "trimestre", "year": "année"}

RULE_TYPES = {
    "yearly": "Chaque année à date fixe",
    "relative": "Avant ou après le début ou la fin de l'instrument",
    "period_end": "À la fin de chaque mois, trimestre ou année",
}
