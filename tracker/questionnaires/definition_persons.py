"""The checks of a definition's items that count persons or a dossier's events: which axes,
metrics and keys go together, each refusal in French."""

from tracker.questionnaires.definition_errors import DefinitionError
from tracker.questionnaires.schema import (
    CLOCK_AXES,
    EVENTS,
    PERSON_AXES,
    PERSON_METRICS,
    TIME_AXES,
    Metric,
)


def check_event(event, raw: dict, metric: Metric, source: str, item_id: str) -> None:
    if event is None:
        if metric.kind == "events":
            raise DefinitionError(source, item_id, "« metric: events » compte les événements "
                                                   "nommés par « event » ("
                                                   f"{', '.join(EVENTS)}).")
        return
    if event not in EVENTS:
        raise DefinitionError(source, item_id, f"« event » vaut {', '.join(EVENTS)}.")
    if metric.kind not in ("events", "persons"):
        raise DefinitionError(source, item_id, "avec « event », la mesure est events (les "
                                               "événements) ou persons (les personnes).")
    if raw.get("where") or raw.get("funded_by"):
        raise DefinitionError(source, item_id, "un événement du dossier ne se filtre pas par "
                                               "« where » ni « funded_by ».")
    by = raw.get("by")
    if by is not None and by in ("parcours", *TIME_AXES, *CLOCK_AXES):
        raise DefinitionError(source, item_id, "les événements vont par destination, par "
                                               "fonction ou par une dimension du dossier.")


def check_person_axes(by: list[str], metric: Metric, source: str, item_id: str) -> None:
    """Persons go in one row each by a dossier's dimension, or by function or care path;
    `fonction` also splits activities; `parcours` is a table of persons."""
    if not metric.in_persons and not any(code in PERSON_AXES for code in by):
        return
    if len(by) > 1:
        raise DefinitionError(source, item_id, "un tableau en personnes, par fonction ou par "
                                               "parcours n'a qu'une dimension.")
    if by[0] in (*TIME_AXES, *CLOCK_AXES):
        raise DefinitionError(source, item_id, "un tableau en personnes va par une dimension "
                                               "du dossier, par fonction ou par parcours.")
    if by[0] == "parcours" and not metric.in_persons:
        raise DefinitionError(source, item_id, "« by: parcours » compte des personnes "
                                               "(metric: persons ou new_persons).")
    if by[0] == "fonction" and metric.kind not in ("count", "sum", *PERSON_METRICS):
        raise DefinitionError(source, item_id, "« by: fonction » va avec count, sum:CHAMP ou "
                                               "une mesure en personnes.")
