"""The journal reads as people speak: who, when, what (the object by its name), and field by
field « avant → après » with French labels and values as users see them (names for ids,
euros for cents, dates), never a file's hash; filtered by person, kind and period."""

from datetime import date, timedelta

from tests.factories import make_user
from tracker.audit.models import AuditEntry
from tracker.audit.services import audit_changed_keys, audit_value_label
from tracker.auth.roles import Role
from tracker.deadlines.life import edit_deadline, postpone_deadline
from tracker.deadlines.services import create_deadline


def test_the_journal_names_things_and_shows_values_as_users_read_them(client, db, login_as):
    login_as(Role.DIRECTOR)
    owner = make_user(Role.SECRETARY, full_name="Lina Haddad")
    deadline = create_deadline(title="Rapport PSSP", kind="rapport_activite",
                               due_date=date(2026, 6, 5))
    edit_deadline(deadline, title="Rapport PSSP", due_date=date(2026, 6, 5),
                  owner=f"user:{owner.id}")
    postpone_deadline(deadline, date(2026, 7, 10), "Délai accordé")
    db.session.commit()
    html = client.get("/journal/?entite=Échéance").get_data(as_text=True)
    assert "Échéance « Rapport PSSP (10/07/2026) »" in html
    assert "Lina Haddad" in html  # the owner by name, not « 3 »
    assert "05/06/2026" in html and "10/07/2026" in html and "Motif du report" in html
    assert "owner_user_id" not in html and "2026-06-05" not in html
    assert audit_value_label("Frais de fonctionnement", "amount_cents", 1234550) == \
        "12\u202f345,50\u00a0€"


def test_the_journal_filters_by_period_and_leaves_hashes_out(client, db, login_as):
    login_as(Role.DIRECTOR)
    create_deadline(title="Échéance d'hier", kind="rapport_activite", due_date=date(2026, 1, 5))
    db.session.commit()
    today = date.today()
    shown = client.get(f"/journal/?du={today:%d/%m/%Y}&au={today:%d/%m/%Y}").get_data(
        as_text=True)
    assert "Échéance d&#39;hier" in shown or "Échéance d'hier" in shown
    tomorrow = today + timedelta(days=1)
    later = client.get(f"/journal/?du={tomorrow:%d/%m/%Y}").get_data(as_text=True)
    assert "hier" not in later and "Aucune modification enregistrée." in later
    entry = AuditEntry(before=None, after={"title": "x", "sha256": "ab" * 32,
                                           "proof_stored_as": "f.pdf"})
    assert audit_changed_keys(entry) == ["title"]
