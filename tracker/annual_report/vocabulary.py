"""The director's narrative sections of the annual report, in the order they print (before
the figures, or after everything but the annexes)."""

NARRATIVES = {
    "introduction": "Le mot de la direction",
    "faits_marquants": "Faits marquants de l'année",
    "perspectives": "Perspectives",
}
OPENING = ("introduction", "faits_marquants")  # before the figures
CLOSING = ("perspectives",)  # after the partnerships
FORMATS = ("pdf", "docx")
