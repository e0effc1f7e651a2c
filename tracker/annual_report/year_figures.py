"""« L'année en chiffres »: the year's main figures beside last year's, each written in the
questionnaire language and computed by the questionnaires' own figures (so each equals the
questionnaire figure written the same way). A figure whose type or value this installation
does not have is left out, and said."""

from dataclasses import dataclass

import yaml

from tracker.activities.vocabulary import Vocabulary
from tracker.documents.tables import DocTable, ShareValue
from tracker.privacy import SMALL_GROUP, too_small
from tracker.questionnaires.checks import KnownCodes, check_item_codes
from tracker.questionnaires.definition_errors import DefinitionError
from tracker.questionnaires.definition_items import parse_item
from tracker.questionnaires.figures import Figures
from tracker.questionnaires.schema import Item, ReportingPeriod

PREVENTION = "[sensibilisation, accompagnement, expertise, formation, atelier]"
FIGURES = yaml.safe_load(f"""
- {{id: appels, label: Appels traités, metric: count, where: {{type: appel}}}}
- {{id: consultations, label: Consultations, metric: count, where: {{type: consultation}}}}
- {{id: personnes, label: Personnes suivies (dossiers), metric: persons}}
- {{id: nouvelles, label: dont personnes nouvelles, metric: new_persons}}
- {{id: actions, label: Actions de prévention et de promotion de la santé, metric: count,
   where: {{type: {PREVENTION}, sens: donne}}}}
- {{id: participants, label: Participants à ces actions, metric: "sum:participants",
   where: {{type: {PREVENTION}, sens: donne}}}}
- {{id: formations_donnees, label: Formations données, metric: count,
   where: {{type: formation, sens: donne}}}}
- {{id: formations_suivies, label: Formations suivies par l'équipe, metric: count,
   where: {{type: formation, sens: recu}}}}
- {{id: reunions, label: Réunions de réseau avec les partenaires, metric: count,
   where: {{type: reunion, type_reunion: reseau}}}}
""")


@dataclass
class YearFigure:
    label: str
    value: float | None
    previous: float | None
    in_persons: bool


def figure_items(vocabulary: Vocabulary) -> tuple[list[Item], list[str]]:
    """The items this installation can compute, and the labels of those it cannot."""
    known, items, left_out = KnownCodes.load(), [], []
    for raw in FIGURES:
        item = parse_item(raw, "rapport annuel", "l'année en chiffres")
        try:
            check_item_codes(item, "rapport annuel", vocabulary, known)
        except DefinitionError:
            left_out.append(item.label)
            continue
        items.append(item)
    return items, left_out


def year_figures(year: int) -> tuple[list[YearFigure], list[str]]:
    vocabulary = Vocabulary.load()
    items, left_out = figure_items(vocabulary)
    calendar = ReportingPeriod()
    this_year = Figures(*calendar.of_year(year), vocabulary)
    last_year = Figures(*calendar.of_year(year - 1), vocabulary)
    return [YearFigure(item.label, this_year.figure(item), last_year.figure(item),
                       item.metric.in_persons) for item in items], left_out


def figures_table(year: int) -> DocTable:
    figures, left_out = year_figures(year)
    note = "Une évolution n'est donnée que lorsque l'année précédente compte quelque chose."
    if left_out:
        note += f" Non calculés ici (type ou valeur absents du vocabulaire) : " \
                f"{', '.join(left_out)}."
    table = DocTable(f"Principaux chiffres {year} et {year - 1}",
                     ["", str(year - 1), str(year), "Évolution"],
                     note=note)
    for figure in figures:
        change = None
        if figure.previous and figure.value is not None:
            change = ShareValue(100.0 * (figure.value - figure.previous) / figure.previous)
        table.rows.append([figure.label, _shown(figure.previous, figure.in_persons),
                           _shown(figure.value, figure.in_persons),
                           None if figure.in_persons and (too_small(figure.value)
                                                          or too_small(figure.previous))
                           else change])
    return table


def _shown(value, in_persons: bool):
    """Fewer than three persons read « < 3 »: the report goes to the general assembly."""
    if in_persons and too_small(value):
        return SMALL_GROUP
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
