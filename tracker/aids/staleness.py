"""Parameters that may have changed: a value in force for more than STALE_MONTHS months, or
marked « à vérifier », is a check « à surveiller » of its aid (on the aid page, the dashboard
and in `tracker aids check`), naming the body to ask."""

from datetime import date

from tracker.aids.catalogue import AID_NAMES, OF_BODY, PARAMETERS, STALE_MONTHS
from tracker.aids.check import Check
from tracker.aids.parameters import ParameterBook
from tracker.formatting import format_date, format_quantity
from tracker.periods import add_months


def stale_parameters(at: date, book: ParameterBook, aids: set[str]) -> list[Check]:
    checks = []
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
