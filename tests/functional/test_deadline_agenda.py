"""The whole deadline loop: the filtered list, one deadline's page with its proof, undoing a
submission (audited), and the dashboard's endings and badge."""

import io
from datetime import date, timedelta

from tests.factories import funder
from tests.helpers import post_form
from tracker.audit.models import AuditEntry
from tracker.auth.roles import Role
from tracker.deadlines.models import Deadline
from tracker.funders.models import Instrument
from tracker.partnerships.models import Convention, Partner

PDF = b"%PDF-1.4\n% preuve de test\n"


def deadline(db, title, days, kind="rapport_activite", instrument=None, owner_role="director",
             status="a_faire") -> Deadline:
    row = Deadline(title=title, kind=kind, due_date=date.today() + timedelta(days=days),
                   owner_role=owner_role, instrument=instrument, status=status)
    db.session.add(row)
    db.session.commit()
    return row


def instrument_of(db, code: str) -> Instrument:
    row = Instrument(funder_id=funder(code).id, kind="subvention", title=f"Subvention {code}",
                     start_date=date.today() - timedelta(days=400))
    db.session.add(row)
    db.session.commit()
    return row


def test_the_list_covers_twelve_months_back_and_ahead_and_filters(client, db, login_as):
    cocof = instrument_of(db, "COCOF")
    deadline(db, "Rapport COCOF", 20, instrument=cocof)
    deadline(db, "Justificatifs sans financeur", 40, kind="justificatifs", owner_role="secretary")
    deadline(db, "Rapport de l'an passé", -200, status="soumis")
    deadline(db, "Trop loin", 500)
    login_as(Role.BOARD)
    html = client.get("/echeances/").get_data(as_text=True)
    assert "Rapport COCOF" in html and "Rapport de l&#39;an passé" in html
    assert "Trop loin" not in html
    assert "Commission communautaire française" in html  # the funder by name

    html = client.get(f"/echeances/?financeur={cocof.funder_id}").get_data(as_text=True)
    assert "Rapport COCOF" in html and "Justificatifs sans financeur" not in html
    html = client.get("/echeances/?type=justificatifs").get_data(as_text=True)
    assert "Justificatifs sans financeur" in html and "Rapport COCOF" not in html
    html = client.get("/echeances/?statut=ouvertes").get_data(as_text=True)
    assert "Rapport de l&#39;an passé" not in html and "Rapport COCOF" in html
    html = client.get("/echeances/?responsable=role:secretary").get_data(as_text=True)
    assert "Justificatifs sans financeur" in html and "Rapport COCOF" not in html
    far = (date.today() + timedelta(days=500)).strftime("%d/%m/%Y")
    html = client.get(f"/echeances/?au={far}").get_data(as_text=True)
    assert "Trop loin" in html


def test_a_submitted_deadline_shows_who_when_and_its_proof_and_can_be_undone(
        client, db, login_as):
    row = deadline(db, "Rapport SPW", -3)
    secretary = login_as(Role.SECRETARY)
    response = post_form(client, f"/echeances/{row.id}/soumettre", {
        "submitted_on": date.today().strftime("%d/%m/%Y"), "proof_reference": "AR 2026-118",
        "proof_file": (io.BytesIO(PDF), "accuse.pdf")}, content_type="multipart/form-data")
    assert response.status_code == 302

    html = client.get(f"/echeances/{row.id}").get_data(as_text=True)
    assert f"{date.today():%d/%m/%Y} par {secretary.full_name}" in html
    assert "AR 2026-118" in html
    assert f'href="/echeances/{row.id}/preuve">accuse.pdf</a>' in html
    assert client.get(f"/echeances/{row.id}/preuve").data == PDF

    response = post_form(client, f"/echeances/{row.id}/annuler-soumission", {})
    assert response.status_code == 302
    db.session.expire_all()
    stored = db.session.get(Deadline, row.id)
    assert stored.status == "a_faire" and stored.submitted_on is None
    assert stored.proof_stored_as is None and stored.submitted_by_id is None
    entry = db.session.scalar(db.select(AuditEntry).where(
        AuditEntry.entity_type == "Échéance", AuditEntry.entity_id == str(row.id))
        .order_by(AuditEntry.id.desc()))
    assert entry.before["status"] == "soumis" and entry.after["status"] == "a_faire"
    assert entry.before["proof_reference"] == "AR 2026-118"
    html = client.get(f"/echeances/{row.id}").get_data(as_text=True)
    assert "Marquer soumis" in html and "Annuler la soumission" not in html


def test_the_board_reads_a_deadline_but_cannot_undo_it(client, db, login_as):
    row = deadline(db, "Rapport SPW", -3, status="soumis")
    login_as(Role.BOARD)
    html = client.get(f"/echeances/{row.id}").get_data(as_text=True)
    assert "Rapport SPW" in html and "Annuler la soumission" not in html
    assert post_form(client, f"/echeances/{row.id}/annuler-soumission", {}).status_code == 403


def test_the_dashboard_lists_partnership_conventions_ending_within_a_year(client, db, login_as):
    partner = Partner(name="Maison Médicale du Parc")
    db.session.add(partner)
    db.session.add(Convention(partner=partner, object="Permanence mensuelle",
                              start_date=date.today() - timedelta(days=300),
                              end_date=date.today() + timedelta(days=100)))
    db.session.add(Convention(partner=partner, object="Convention déjà terminée",
                              start_date=date.today() - timedelta(days=300),
                              end_date=date.today() + timedelta(days=100), status="terminee"))
    db.session.commit()
    login_as(Role.DIRECTOR)
    html = client.get("/").get_data(as_text=True)
    section = html[html.index("se terminent dans les 12 mois"):]
    assert "Maison Médicale du Parc – Permanence mensuelle" in section
    assert "Convention déjà terminée" not in section


def test_the_overdue_badge_is_red_only_when_something_is_late(client, db, login_as):
    login_as(Role.DIRECTOR)
    html = client.get("/").get_data(as_text=True)
    assert '<span class="count count-zero">0</span>' in html
    deadline(db, "En retard", -2)
    html = client.get("/").get_data(as_text=True)
    assert '<span class="count">1</span>' in html
