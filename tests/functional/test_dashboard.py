"""The director's dashboard, submissions with proof, the month calendar, the iCal feed."""

import io
from datetime import date, timedelta

from icalendar import Calendar

from tests.helpers import csrf_token, post_form
from tracker.auth.roles import Role
from tracker.deadlines.models import Deadline

PDF = b"%PDF-1.4\n% preuve de test\n"


def overdue(db, title="Rapport SPW en retard", days=-5) -> Deadline:
    deadline = Deadline(title=title, kind="rapport_activite",
                        due_date=date.today() + timedelta(days=days), owner_role="director")
    db.session.add(deadline)
    db.session.commit()
    return deadline


def test_the_dashboard_puts_overdue_items_first(client, db, login_as):
    overdue(db)
    overdue(db, "Plan d'action à venir", days=12)
    login_as(Role.DIRECTOR)
    html = client.get("/").get_data(as_text=True)
    assert html.index("En retard") < html.index("Rapport SPW en retard") < html.index(
        "Dans les 30 jours") < html.index("Plan d&#39;action à venir")


def test_submitting_needs_a_proof_and_keeps_the_file(client, db, login_as):
    deadline = overdue(db)
    login_as(Role.SECRETARY)
    response = post_form(client, f"/echeances/{deadline.id}/soumettre", {
        "submitted_on": date.today().isoformat(), "proof_reference": ""})
    assert "Joignez une preuve" in response.get_data(as_text=True)
    response = post_form(client, f"/echeances/{deadline.id}/soumettre", {
        "submitted_on": date.today().isoformat(), "proof_reference": "AR 2026-118",
        "proof_file": (io.BytesIO(PDF), "accuse.pdf")}, content_type="multipart/form-data")
    assert response.status_code == 302
    db.session.expire_all()
    stored = db.session.get(Deadline, deadline.id)
    assert stored.status == "soumis" and stored.proof_filename == "accuse.pdf"
    assert f"/echeances/{deadline.id}/soumettre" not in client.get("/").get_data(as_text=True)
    proof = client.get(f"/echeances/{deadline.id}/preuve")
    assert proof.data == PDF and proof.headers["Content-Disposition"].startswith("attachment")


def test_a_disguised_file_is_refused(client, db, login_as):
    deadline = overdue(db)
    login_as(Role.SECRETARY)
    response = post_form(client, f"/echeances/{deadline.id}/soumettre", {
        "submitted_on": date.today().isoformat(),
        "proof_file": (io.BytesIO(b"MZ\x90\x00 not a pdf"), "preuve.pdf")},
        content_type="multipart/form-data")
    assert "Formats acceptés" in response.get_data(as_text=True)
    assert db.session.get(Deadline, deadline.id).status == "a_faire"


def test_proofs_are_for_signed_in_users_only(app, client, db, login_as):
    deadline = overdue(db)
    login_as(Role.SECRETARY)
    post_form(client, f"/echeances/{deadline.id}/soumettre", {
        "submitted_on": date.today().isoformat(),
        "proof_file": (io.BytesIO(PDF), "accuse.pdf")}, content_type="multipart/form-data")
    anonymous = app.test_client()
    assert anonymous.get(f"/echeances/{deadline.id}/preuve").status_code == 302


def test_month_calendar_shows_the_day(client, db, login_as):
    overdue(db, "Échéance du calendrier", days=0)
    login_as(Role.BOARD)
    today = date.today()
    html = client.get(f"/echeances/calendrier?mois={today:%Y-%m}").get_data(as_text=True)
    assert "Échéance du calendrier" in html


def test_ical_feed_parses_works_without_sign_in_and_can_be_revoked(app, client, db, login_as):
    overdue(db, "PAC, version 2027 ; à introduire", days=3)
    login_as(Role.DIRECTOR)
    client.post("/echeances/calendrier/jeton",
                data={"csrf_token": csrf_token(client), "action": "creer"})
    html = client.get("/echeances/calendrier").get_data(as_text=True)
    url = html.split('<code class="feed-url">')[1].split("</code>")[0]
    path = url.split("localhost", 1)[1]
    feed = app.test_client().get(path)  # no session at all
    assert feed.status_code == 200 and feed.mimetype == "text/calendar"
    calendar = Calendar.from_ical(feed.data)
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert "PAC, version 2027 ; à introduire" in summaries
    client.post("/echeances/calendrier/jeton",
                data={"csrf_token": csrf_token(client), "action": "revoquer"})
    assert app.test_client().get(path).status_code == 404
