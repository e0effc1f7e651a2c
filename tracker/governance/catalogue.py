"""The legal parameters the obligations are computed from, and the values shipped with the
application (the migration writes them; the director adds newer values from a date). A value
not confirmed against its source is shipped « à vérifier »."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Meaning:
    label: str
    unit: str  # « mois », « jours », « ETP », « € »


PARAMETERS = {
    "ag_accounts_months": Meaning(
        "Approbation des comptes par l'AG après la clôture de l'exercice", "mois"),
    "filing_days": Meaning("Dépôt des comptes après leur approbation", "jours"),
    "ubo_update_months": Meaning(
        "Mise à jour du registre UBO après un changement d'administrateur, de représentant "
        "ou de délégué", "mois"),
    "ubo_confirm_months": Meaning("Confirmation du registre UBO (périodicité)", "mois"),
    "publication_days": Meaning(
        "Dépôt pour publication d'une nomination ou d'une fin de mandat", "jours"),
    "members_register_days": Meaning(
        "Mise à jour du registre des membres après un changement", "jours"),
    "large_fte": Meaning("Seuil « grande association » : travailleurs (moyenne annuelle)",
                         "ETP"),
    "large_income": Meaning(
        "Seuil « grande association » : recettes hors exceptionnelles", "€"),
    "large_assets": Meaning("Seuil « grande association » : total du bilan", "€"),
}

CSA = "Code des sociétés et des associations"
# (code, value, valid from, source, to verify)
SHIPPED_VALUES = [
    ("ag_accounts_months", "6", "2019-05-01", f"{CSA}, art. 3:47 (comptes de l'ASBL)", False),
    ("filing_days", "30", "2019-05-01", f"{CSA}, art. 3:47-3:48 (dépôt des comptes)", False),
    ("ubo_update_months", "1", "2018-10-31",
     "AR du 30/07/2018 (registre UBO), art. 3", False),
    ("ubo_confirm_months", "12", "2021-01-01",
     "AR du 30/07/2018 (registre UBO), confirmation annuelle", True),
    ("publication_days", "30", "2019-05-01",
     f"{CSA}, art. 2:8 et 2:13 (dépôt au greffe pour publication)", True),
    ("members_register_days", "8", "2019-05-01",
     f"{CSA}, art. 9:3 (registre des membres)", True),
    ("large_fte", "5", "2024-01-01", f"{CSA}, art. 3:47 §2 (critères de taille)", True),
    ("large_income", "334500", "2024-01-01", f"{CSA}, art. 3:47 §2 (critères de taille)", True),
    ("large_assets", "1337000", "2024-01-01", f"{CSA}, art. 3:47 §2 (critères de taille)",
     True),
]
