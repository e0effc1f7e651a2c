"""Codes of the governance register (French ASCII) and their labels. Mandate qualities are
data the director may extend (mandate_quality); these are the ones shipped."""

BODIES = {"ca": "Conseil d'administration", "ag": "Assemblée générale"}
BODY_SHORT = {"ca": "CA", "ag": "AG"}
MEETING_KINDS = {"ordinaire": "ordinaire", "extraordinaire": "extraordinaire"}
PRESENCES = {"present": "Présent", "represente": "Représenté", "excuse": "Excusé"}
END_REASONS = {
    "terme": "Terme atteint",
    "renouvellement": "Renouvelé (nouveau mandat)",
    "demission": "Démission",
    "revocation": "Révocation",
    "deces": "Décès",
    "autre": "Autre",
}

# code: (label, order, counts for the UBO register, published in the Moniteur belge,
# written in the members' register)
SHIPPED_QUALITIES = {
    "membre_ag": ("Membre de l'assemblée générale", 1, False, False, True),
    "administrateur": ("Administrateur", 2, True, True, False),
    "president": ("Président", 3, True, True, False),
    "tresorier": ("Trésorier", 4, True, True, False),
    "secretaire": ("Secrétaire", 5, True, True, False),
    "delegue_gestion_journaliere": ("Délégué à la gestion journalière", 6, True, True, False),
    "representant": ("Représentant", 7, True, True, False),
}
# a body's members at a date: the AG's are its members, the CA's its administrators and
# officers
BODY_QUALITIES = {"ag": ("membre_ag",),
                  "ca": ("administrateur", "president", "tresorier", "secretaire")}

FILING_PLACES = {"bnb": "Banque nationale (Centrale des bilans)",
                 "greffe": "Greffe du tribunal de l'entreprise"}
FILING_TO = {"bnb": "à la Banque nationale", "greffe": "au greffe du tribunal de l'entreprise"}
STATES = {"ok": "ok", "a_surveiller": "à surveiller", "en_retard": "en retard"}
