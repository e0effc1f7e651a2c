"""Partnership conventions: entry, documents, history, demo statuses."""

import io
import json

from tests.helpers import post_form
from tracker.auth.roles import Role
from tracker.cli import cli
from tracker.partnerships.models import Convention, ConventionDocument

FIELDS = {"partner_id": "", "new_partner": "Asbl Test Partenaire", "object": "Permanence",
          "start_date": "2025-01-01", "end_date": "2026-12-31", "renewal": "expresse",
          "notice_months": "3", "yearly_amount": "", "detached_days_per_week": "0,5",
          "status": "active", "board_decision": "", "board_decision_due": "",
          "board_decision_on": ""}


def test_a_paid_convention_needs_its_amount(client, db, login_as):
    login_as(Role.SECRETARY)
    response = post_form(client, "/partenariats/nouvelle", FIELDS)  # « gratuit » unticked
    html = response.get_data(as_text=True)
    assert "Indiquez le montant" in html and 'value="Asbl Test Partenaire"' in html
    assert db.session.scalar(db.select(Convention)) is None


def test_convention_with_document_and_history(client, db, login_as):
    login_as(Role.SECRETARY)
    response = post_form(client, "/partenariats/nouvelle", {**FIELDS, "free_of_charge": "y"})
    assert response.status_code == 302
    convention = db.session.scalar(db.select(Convention))
    assert convention.partner.name == "Asbl Test Partenaire"
    post_form(client, f"/partenariats/{convention.id}/modifier",
              {**FIELDS, "partner_id": convention.partner_id, "new_partner": "",
               "free_of_charge": "y", "status": "en_veille"})
    post_form(client, f"/partenariats/{convention.id}/documents",
              {"file": (io.BytesIO(b"%PDF-1.7 signee"), "convention signee.pdf")},
              content_type="multipart/form-data")
    document = db.session.scalar(db.select(ConventionDocument))
    assert document.filename == "convention_signee.pdf"
    html = client.get(f"/partenariats/{convention.id}").get_data(as_text=True)
    assert "Mise en veille" in html and "convention_signee.pdf" in html
    assert "Statut → Mise en veille" in html  # the history, from the audit trail, in French
    assert client.get(f"/partenariats/documents/{document.id}").data == b"%PDF-1.7 signee"


def test_demo_conventions_cover_every_status(demo_app, demo_db):
    runner = demo_app.test_cli_runner()
    statuses = set(demo_db.session.scalars(demo_db.select(Convention.status)))
    assert statuses == {"active", "en_veille", "a_renegocier", "terminee"}
    listed = json.loads(runner.invoke(cli, ["deadlines", "--today", "2026-11-22", "--within",
                                            "365", "--format", "json"]).output)
    on_conventions = [item for item in listed if item["convention"]]
    assert {item["kind"] for item in on_conventions} >= {"evaluation", "decision_ca",
                                                         "renouvellement"}


def test_a_document_with_a_very_long_name_is_kept_under_a_shortened_name(client, db,
                                                                          login_as):
    """A 300-character file name (a scanner's, a mail client's) fits the 255 characters the
    database keeps: before, PostgreSQL refused it with a 500, the file left behind on disk."""
    login_as(Role.SECRETARY)
    post_form(client, "/partenariats/nouvelle", {**FIELDS, "free_of_charge": "y"})
    convention = db.session.scalar(db.select(Convention))
    long_name = "convention-" + "tres-long-" * 30 + ".pdf"
    response = post_form(client, f"/partenariats/{convention.id}/documents",
                         {"file": (io.BytesIO(b"%PDF-1.7 longue"), long_name)},
                         content_type="multipart/form-data")
    assert response.status_code == 302
    document = db.session.scalar(db.select(ConventionDocument))
    assert len(document.filename) == 200 and document.filename.endswith(".pdf")
    assert document.filename.startswith("convention-tres-long-")
    assert client.get(f"/partenariats/documents/{document.id}").data == b"%PDF-1.7 longue"
