"""Deadline statuses and rule types (codes in French ASCII, labels in French). Deadline kinds
are data the director names (deadline_kind)."""

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
# An open deadline past its date: shown alike on the list, its page, the dashboard, the
# reminders and the command line.
OVERDUE = "en_retard"
STATE_LABELS = DEADLINE_STATUSES | {OVERDUE: "En retard"}
# The funder's answer to a submitted deadline.
ANSWERS = {"accepte": "Accepté", "refuse": "Refusé"}

RULE_ANCHORS = {"start": "son début", "end": "sa fin"}
RULE_PERIODS = {"month": "mois", "quarter": "trimestre", "year": "année"}

RULE_TYPES = {
    "yearly": "Chaque année à date fixe",
    "relative": "Avant ou après le début ou la fin de l'instrument",
    "period_end": "À la fin de chaque mois, trimestre ou année",
    "staffing": "Avant ou après la fin (ou le début) d'un poste payé par un financeur",
}
