"""What each employment aid's rules need: the aids (by their funder's code) and their
parameters, with French labels and units. The values are data (`aid_parameter`), valid from
a date; this is only what they mean."""

from dataclasses import dataclass

AIDS = {
    "APE": "APE (aides à la promotion de l'emploi, Wallonie)",
    "ACS": "ACS (agents contractuels subventionnés, Bruxelles)",
    "MARIBEL": "Maribel social",
}
AID_NAMES = {"APE": "APE", "ACS": "ACS", "MARIBEL": "Maribel social"}  # in a sentence
# The body that sets each aid's parameters and agrees to its detachments, as a sentence
# names it after « auprès », « l'accord »: « d'Actiris », « du Forem ».
OF_BODY = {"APE": "du Forem (SPW Emploi)", "ACS": "d'Actiris",
           "MARIBEL": "du fonds Maribel social de la commission paritaire"}
STALE_MONTHS = 18  # a value in force for longer may have changed (indexation, new decision)


@dataclass(frozen=True)
class Parameter:
    label: str
    unit: str  # ETP | mois | €
    help: str = ""


PARAMETERS: dict[str, dict[str, Parameter]] = {
    "APE": {
        "volume_perennise": Parameter(
            "Volume de l'emploi pérennisé", "ETP",
            "Les ETP des postes APE à maintenir, en moyenne sur chaque trimestre."),
        "volume_reference": Parameter(
            "Volume global de l'emploi de référence", "ETP",
            "Le total des ETP de l'association à maintenir, en moyenne sur chaque trimestre."),
        "annual_subsidy": Parameter(
            "Subvention annuelle", "€", "Versée en quatre avances trimestrielles."),
    },
    "ACS": {
        "refill_months": Parameter(
            "Délai pour repourvoir un poste vacant", "mois",
            "Au-delà, la prime du poste est perdue."),
    },
    "MARIBEL": {
        "fte_granted": Parameter("ETP accordés par le fonds", "ETP"),
        "ceiling_per_fte": Parameter(
            "Plafond annuel de l'intervention par ETP", "€",
            "Fixé par le fonds sectoriel (ex. 42.978 € en 2022 pour le fonds 329.02)."),
        "volume_reference": Parameter(
            "Volume de référence (création nette d'emploi)", "ETP",
            "Le total des ETP de l'association ne peut descendre sous ce volume."),
    },
}


def parameter(aid: str, code: str) -> Parameter:
    return PARAMETERS[aid][code]


def parameter_labels() -> dict[str, str]:
    """Each parameter code's label, for the audit journal (a code two aids share reads as
    the last one's)."""
    return {code: meaning.label for aid in PARAMETERS
            for code, meaning in PARAMETERS[aid].items()}
