"""The governance pages of the board pack (« dossier CA »): the board and officers at the
pack's date and the mandates ending within twelve months. Names, qualities and dates only:
never a member's identity data."""

from datetime import date

from tracker.documents.tables import DocTable
from tracker.formatting import format_date
from tracker.governance.services import mandates_ending, register_at
from tracker.governance.vocabulary import BODY_QUALITIES


def governance_tables(day: date) -> list[DocTable]:
    board = [mandate for mandate in register_at(day)
             if mandate.quality in (*BODY_QUALITIES["ca"], "delegue_gestion_journaliere",
                                    "representant")]
    return [
        DocTable(f"Conseil d'administration au {format_date(day)}",
                 ["Qualité", "Membre", "Depuis le", "Terme"],
                 [[mandate.quality_row.label, mandate.member.full_name,
                   format_date(mandate.start_date),
                   format_date(mandate.term_date) if mandate.term_date else "—"]
                  for mandate in board]),
        DocTable("Mandats arrivant à échéance dans les 12 mois",
                 ["Membre", "Qualité", "Échéance"],
                 [[mandate.member.full_name, mandate.quality_row.label,
                   format_date(mandate.end_date or mandate.term_date)]
                  for mandate in mandates_ending(day)]),
    ]
