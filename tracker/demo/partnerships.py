"""Demo partnerships modelled on chapter 3 of the Infor-Drogues report (invented partners)."""

from datetime import date
from decimal import Decimal

from tracker.extensions import db
from tracker.partnerships.models import Convention, Partner
from tracker.partnerships.services import add_evaluation, save_convention

D = date.fromisoformat

# partner, kind, object, start, end, renewal, notice, yearly amount (None: free), days detached,
# status, board decision, decision due, [(evaluation due, done on, outcome)]
CONVENTIONS = [
    ("Asbl Passerelle Nord", "Logement d'abord", "Accompagnement psychosocial des locataires "
     "(logement d'abord)", "2023-01-01", None, "tacite", 3, None, "2.5", "active", "", None,
     [("2025-12-15", "2025-12-10", "Poursuite recommandée, détachement maintenu"),
      ("2026-12-15", None, "")]),
    ("Maison Arc-en-Ciel", "Santé communautaire", "Consultations chemsex conjointes",
     "2024-03-01", "2027-02-28", "expresse", 2, None, None, "active",
     "Reconduction de la convention", "2027-01-15", []),
    ("Réseau Échanges Sud", "Réseau", "Échange de pratiques cliniques", "2021-01-01",
     "2025-12-31", "aucune", None, None, None, "terminee", "", None,
     [("2025-11-30", "2025-11-20", "Fin de la convention de commun accord")]),
    ("Abri Jeunes Horizon", "Accueil de jeunes sans abri", "Permanence auprès de jeunes sans "
     "abri (convention de deux ans)", "2025-09-01", "2027-08-31", "expresse", 3, "4800", "0.5",
     "a_renegocier", "Renégociation des horaires de permanence", "2026-12-10",
     [("2026-09-01", "2026-09-08", "Fréquentation en baisse ; horaires à revoir"),
      ("2027-06-01", None, "")]),
    ("Collectif Nuits Festives", "Réduction des risques", "Stands de réduction des risques en "
     "milieu festif", "2024-05-01", None, "tacite", 1, None, None, "en_veille", "", None, []),
]


def load_partnerships() -> None:
    for (partner_name, kind, object_, start, end, renewal, notice, amount, days, status,
         decision, decision_due, evaluations) in CONVENTIONS:
        if db.session.scalar(db.select(Convention).where(Convention.object == object_)):
            continue
        partner = db.session.scalar(db.select(Partner).where(Partner.name == partner_name))
        if partner is None:
            partner = Partner(name=partner_name)
            db.session.add(partner)
        partner.kind = kind
        partner.address = partner.address or "Bruxelles (adresse fictive)"
        db.session.flush()
        convention = save_convention(
            None, partner_id=partner.id, object=object_, start_date=D(start),
            end_date=D(end) if end else None, renewal=renewal, notice_months=notice,
            free_of_charge=amount is None, yearly_amount=Decimal(amount) if amount else None,
            detached_days_per_week=Decimal(days) if days else None, status=status,
            board_decision=decision, board_decision_due=D(decision_due) if decision_due else None)
        for due, done, outcome in evaluations:
            add_evaluation(convention, due_date=D(due), done_on=D(done) if done else None,
                           outcome=outcome)
