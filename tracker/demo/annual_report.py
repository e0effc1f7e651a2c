"""The demo's report to the general assembly on last year (every word invented): the
director's texts, and a first version produced and archived."""

from datetime import date

from tracker.annual_report.archive import next_version, render_files, store_version
from tracker.annual_report.services import save_texts

TEXTS = {
    "introduction": (
        "L'année écoulée a confirmé la place de notre ligne d'écoute et de nos consultations "
        "dans le réseau bruxellois et wallon.\n\nCe rapport présente nos activités, notre "
        "équipe, nos finances et l'évaluation de nos plans d'action ; les rapports remis à "
        "nos pouvoirs subsidiants figurent en annexe."),
    "faits_marquants": (
        "Renouvellement de la présidence du conseil d'administration.\n\nLancement d'un "
        "module de formation en ligne pour les acteurs relais wallons."),
    "perspectives": (
        "Consolider l'équipe de consultation et préparer l'évaluation à mi-parcours du plan "
        "d'action communautaire."),
}


def load_annual_report() -> None:
    year = date.today().year - 1
    save_texts(year, TEXTS)
    if next_version(year) == 1:
        store_version(year, 1, render_files(year, 1))
