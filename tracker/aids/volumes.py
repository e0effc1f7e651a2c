"""The volumes the paying bodies check, on the FTE the aids count (counting.py):
- APE: the year's average of the APE posts (volume de l'emploi pérennisé) and of the whole
  association (volume global de référence), judged on the calendar year: a closed year below
  its volume is a breach; the current year, projected from the allocations and absences
  recorded, is « à surveiller » when it falls short; a quarter alone is never a breach;
- Maribel social: net job creation, the association's average each quarter at or above the
  reference volume plus the FTE the fund granted (the last complete quarter decides; this
  quarter and the next are foreseen)."""

from datetime import date, timedelta
from decimal import Decimal

from tracker.aids.check import Check, quarter_label, quarter_of
from tracker.aids.counting import counted_fte
from tracker.aids.parameters import ParameterBook
from tracker.formatting import format_fte
from tracker.periods import Period

EPSILON = 1e-9


def _fte(value: float | Decimal) -> str:
    return format_fte(round(float(value), 3))


def in_force_over(book: ParameterBook, aid: str, code: str, year: int
                  ) -> tuple[Period, float] | None:
    """The part of the year a value is in force, and the value averaged over it (each value
    weighted by its days: a volume raised on 1 July counts for half the year)."""
    period = Period.year(year)
    values = [value for value in book.values.get((aid, code), [])
              if value.valid_from <= period.end]
    if not values:
        return None
    start = max(period.start, values[0].valid_from)
    within = Period(start, period.end)
    total = 0.0
    for index, value in enumerate(values):
        until = values[index + 1].valid_from - timedelta(days=1) \
            if index + 1 < len(values) else period.end
        total += float(value.value) * within.overlap_days(value.valid_from, until)
    return within, total / within.days


def ape_year_check(code: str, rule: str, label: str, at: date, book: ParameterBook,
                   of_aid: bool) -> Check:
    whose = "les postes APE" if of_aid else "l'association"
    verb = "comptent" if of_aid else "compte"
    closed, current = at.year - 1, at.year
    used = dict([book.used("APE", code, at)])
    lines, state, on = [], "ok", None
    for year in (closed, current):
        found = in_force_over(book, "APE", code, year)
        if found is None:
            continue
        period, volume = found
        counted = counted_fte(period, "APE" if of_aid else None).counted
        short = counted + EPSILON < volume
        if year == closed:
            lines.append(f"en {year}, {whose} {verb} en moyenne {_fte(counted)} pour un "
                         f"{label.lower()} de {_fte(volume)}"
                         + (" : l'année est sous le volume" if short else ""))
            if short:
                state, on = "en_infraction", period.end
        else:
            lines.append(f"en {year}, d'après les affectations et absences enregistrées, "
                         f"{_fte(counted)} en moyenne sur l'année pour {_fte(volume)}"
                         + (" : l'année finirait sous le volume" if short else ""))
            if short and state == "ok":
                state, on = "a_surveiller", period.end
    if not lines:
        return Check("APE", rule, label, "a_surveiller",
                     f"APE : le {label.lower()} n'est pas renseigné (Aides à l'emploi › "
                     "paramètres) : la condition ne peut être vérifiée.", used)
    joined = " ; ".join(lines)
    return Check("APE", rule, label, state, f"APE : {joined[0].upper()}{joined[1:]}.", used,
                 on)


def maribel_net_creation(at: date, book: ParameterBook, posts: str) -> Check:
    """The last complete quarter, this one and the next, each against the reference volume
    plus the FTE granted in force at its start."""
    label = "Création nette d'emploi"
    this_quarter = quarter_of(at)
    quarters = [quarter_of(this_quarter.start - timedelta(days=1)), this_quarter,
                quarter_of(this_quarter.end + timedelta(days=1))]
    used = dict([book.used("MARIBEL", "volume_reference", this_quarter.start),
                 book.used("MARIBEL", "fte_granted", this_quarter.start)])
    judged = None
    for quarter in quarters:
        reference = book.at("MARIBEL", "volume_reference", quarter.start)
        granted = book.at("MARIBEL", "fte_granted", quarter.start)
        if reference is None or granted is None:
            continue
        required = reference.value + granted.value
        counted = counted_fte(quarter).counted
        judged = judged or (quarter, counted, required)
        if counted + EPSILON < float(required):
            past = quarter.end < at
            tense = "a compté" if past else "compte" if quarter.start <= at else "comptera"
            return Check(
                "MARIBEL", "maribel_net_creation", label,
                "en_infraction" if past else "a_surveiller",
                f"Maribel social : au {quarter_label(quarter)}, l'association {tense} en "
                f"moyenne {_fte(counted)}, sous le volume de référence "
                f"({_fte(reference.value)}) plus les ETP accordés par le fonds "
                f"({_fte(granted.value)}), soit {_fte(required)} : la création nette "
                f"d'emploi n'est pas assurée. Postes financés : {posts}.", used,
                quarter.end if past else max(quarter.start, at))
    if judged is None:
        return Check("MARIBEL", "maribel_net_creation", label, "a_surveiller",
                     "Maribel social : le volume de référence ou les ETP accordés ne sont "
                     "pas renseignés : la création nette d'emploi ne peut être vérifiée.",
                     used)
    quarter, counted, required = judged
    return Check("MARIBEL", "maribel_net_creation", label, "ok",
                 f"Maribel social : au {quarter_label(quarter)}, l'association compte en "
                 f"moyenne {_fte(counted)}, au moins le volume de référence plus les ETP "
                 f"accordés ({_fte(required)}). Postes financés : {posts}.", used)
