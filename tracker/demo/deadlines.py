"""Demo deadline rules: the PAC to AViQ every 15 June, yearly reports, renewals, board dates."""

from datetime import date, timedelta

from tracker.deadlines.models import Deadline, DeadlineRule
from tracker.deadlines.services import generate_deadlines, save_rule
from tracker.extensions import db
from tracker.funders.models import Instrument
from tracker.partnerships.models import Convention

# (instrument title or None, title, kind, rule fields)
RULES = [
    ("Agrément promotion de la santé 2023-2028", "PAC à introduire à l'AViQ", "pac",
     {"rule_type": "yearly", "month": 6, "day": 15, "owner_role": "director"}),
    ("Agrément promotion de la santé 2023-2028", "Demande de renouvellement de l'agrément AViQ",
     "renouvellement", {"rule_type": "relative", "anchor": "end", "offset_months": -12,
                        "owner_role": "director"}),
    ("Agrément service ambulatoire assuétudes", "Rapport d'activité COCOF", "rapport_activite",
     {"rule_type": "yearly", "month": 4, "day": 30, "owner_role": "secretary",
      "milestones": "J-45 données extraites ; J-21 projet de rapport ; J-10 relecture CA"}),
    ("Agrément service ambulatoire assuétudes", "Plan d'action actualisé COCOF", "plan_action",
     {"rule_type": "yearly", "month": 3, "day": 31, "owner_role": "director"}),
    ("Convention PSSP Ville 2024-2027", "Justificatifs PSSP à la Ville", "justificatifs",
     {"rule_type": "period_end", "period": "quarter", "owner_role": "secretary"}),
    (None, "Assemblée générale ordinaire (comptes et rapport)", "assemblee_generale",
     {"rule_type": "yearly", "month": 6, "day": 30, "owner_role": "director"}),
    (None, "Conseil d'administration : budget de l'année suivante", "decision_ca",
     {"rule_type": "yearly", "month": 12, "day": 10, "owner_role": "director",
      "milestones": "J-21 projet de budget ; J-7 envoi aux administrateurs"}),
]


# One-off deadlines, dated relative to the day the demo is loaded so that it always shows an
# overdue item: (title, kind, days from today, instrument, role).
ONE_OFF = [
    ("Justificatifs FWB « Jeunes et écrans » : première tranche", "justificatifs", -12,
     "Appel à projets « Jeunes et écrans » 2025-2026", "secretary"),
]


def convention_deadlines() -> None:
    """For each convention: a rule 3 months before its end (the board decides whether to renew
    it), its pending evaluations and its board decision, as deadlines."""
    for convention in db.session.scalars(db.select(Convention)):
        name = convention.partner.name
        if convention.end_date and convention.status != "terminee":
            title = f"Reconduction de la convention avec {name} : décision"
            if not db.session.scalar(db.select(DeadlineRule).where(DeadlineRule.title == title)):
                save_rule(title=title, kind="renouvellement", rule_type="relative",
                          anchor="end", offset_months=-3, convention_id=convention.id,
                          convention=convention, owner_role="director")
        pending = [(f"Évaluation de la convention avec {name}", "evaluation", e.due_date)
                   for e in convention.evaluations if not e.done_on]
        if convention.board_decision_due and not convention.board_decision_on:
            pending.append((f"Décision du CA : {convention.board_decision.lower()} ({name})",
                            "decision_ca", convention.board_decision_due))
        for title, kind, due in pending:
            if not db.session.scalar(db.select(Deadline).where(Deadline.title == title)):
                db.session.add(Deadline(title=title, kind=kind, due_date=due,
                                        convention_id=convention.id, owner_role="director"))


def load_deadline_rules() -> None:
    for instrument_title, title, kind, fields in RULES:
        if db.session.scalar(db.select(DeadlineRule).where(DeadlineRule.title == title)):
            continue
        instrument = db.session.scalar(
            db.select(Instrument).where(Instrument.title == instrument_title)
        ) if instrument_title else None
        save_rule(title=title, kind=kind, instrument_id=instrument.id if instrument else None,
                  instrument=instrument, **fields)
    today = date.today()
    for title, kind, days, instrument_title, role in ONE_OFF:
        if db.session.scalar(db.select(Deadline).where(Deadline.title == title)):
            continue
        instrument = db.session.scalar(
            db.select(Instrument).where(Instrument.title == instrument_title)
        ) if instrument_title else None
        db.session.add(Deadline(title=title, kind=kind, due_date=today + timedelta(days=days),
                                instrument_id=instrument.id if instrument else None,
                                owner_role=role))
    convention_deadlines()
    generate_deadlines(today)

