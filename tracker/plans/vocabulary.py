"""Codes of the action plans (French ASCII) and their labels."""


from tracker.questionnaires.schema import OBJECTIVE_LEVELS as LEVELS

LEVEL_ORDER = tuple(LEVELS)
DIRECTIONS = {"at_least": "au moins", "at_most": "au plus"}
# An indicator's state for a year, against its target.
STATES = {"atteint": "Atteint", "partiel": "Partiellement atteint",
          "non_atteint": "Non atteint", "sans_cible": "Sans cible",
          "non_renseigne": "Valeur non encodée"}
# The team's own assessment of an objective, and what becomes of it next year.
ASSESSMENTS = {"atteint": "Atteint", "partiel": "Partiellement atteint",
               "non_atteint": "Non atteint", "trop_tot": "Trop tôt pour le dire"}
DECISIONS = {"reconduit": "Reconduit", "adapte": "Adapté", "abandonne": "Abandonné"}
# Reached « partly »: at least this share of an « at least » target, or at most its inverse
# above an « at most » one.
PARTIAL_SHARE = 0.8
