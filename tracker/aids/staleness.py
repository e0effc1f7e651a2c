"""Parameters that may have changed: a value in force for more than STALE_MONTHS months, or
marked « à vérifier », or (Maribel) another fund's than the association's, is a check « à
surveiller » of its aid (on the aid page, the dashboard and in `tracker aids check`), naming
the body to ask."""

from datetime import date

from tracker.aids.catalogue import AID_NAMES, OF_BODY, PARAMETERS, STALE_MONTHS
from tracker.aids.check import Check
from tracker.aids.parameters import ParameterBook
from tracker.association.services import get_association
from tracker.formatting import format_date, format_quantity
from tracker.periods import add_months


def stale_parameters(at: date, book: ParameterBook, aids: set[str]) -> list[Check]:
    checks = _maribel_fund(at, book) if "MARIBEL" in aids else []
    for aid in sorted(aids):
        for code, meaning in PARAMETERS[aid].items():
            value = book.at(aid, code, at)
            if value is None:
                continue
            old = add_months(value.valid_from, STALE_MONTHS) <= at
            if not (old or value.to_verify):
                continue
            why = ("marquée « à vérifier »" if value.to_verify else
                   f"en vigueur depuis plus de {STALE_MONTHS} mois")
            checks.append(Check(
                aid, "parameter_stale", "Paramètre à vérifier", "a_surveiller",
                f"{AID_NAMES[aid]} : la valeur « {meaning.label} » "
                f"({format_quantity(value.value, meaning.unit)} depuis le "
                f"{format_date(value.valid_from)}) est {why} : vérifiez-la auprès "
                f"{OF_BODY[aid]} et enregistrez la valeur en vigueur.",
                dict([book.used(aid, code, at)])))
    return checks


def _maribel_fund(at: date, book: ParameterBook) -> list[Check]:
    """The ceiling in force must be the association's own fund's."""
    association = get_association()
    fund = association.maribel_fund if association else ""
    ceiling = book.at("MARIBEL", "ceiling_per_fte", at)
    used = dict([book.used("MARIBEL", "ceiling_per_fte", at)])
    if not fund:
        return [Check("MARIBEL", "maribel_fund", "Fonds Maribel social", "a_surveiller",
                      "Maribel social : le fonds de l'association n'est pas renseigné "
                      "(Association › Modifier) : le plafond de l'intervention ne peut être "
                      "rapporté à son fonds.", used)]
    if ceiling is not None and ceiling.fund and ceiling.fund != fund:
        return [Check("MARIBEL", "maribel_fund", "Fonds Maribel social", "a_surveiller",
                      f"Maribel social : le plafond en vigueur "
                      f"({format_quantity(ceiling.value, '€')} depuis le "
                      f"{format_date(ceiling.valid_from)}) est celui du fonds {ceiling.fund} ; "
                      f"l'association relève du fonds {fund} : enregistrez le plafond de son "
                      "fonds.", used)]
    return []
