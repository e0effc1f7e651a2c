"""Preparation milestones worked back from a due date: on a rule (copied to each deadline it
generates) or on one deadline; each ticked off on its own; on the dashboard, in the digest and
in the iCal feed."""

from datetime import date

import pytest

from tests.helpers import post_form
from tracker.auth.roles import Role
from tracker.deadlines.dashboard import calendar_feed
from tracker.deadlines.milestones import parse_milestones, upcoming_milestones
from tracker.deadlines.models import Deadline, Milestone
from tracker.deadlines.reminders import digest_text
from tracker.deadlines.services import create_deadline, save_rule_and_generate
from tracker.errors import ValidationError

STEPS = "J-30 données extraites ; J-14 projet ; J-7 relecture CA"


def test_a_rule_gives_each_deadline_its_steps_worked_back_from_the_due_date(db):
    save_rule_and_generate(None, date(2026, 1, 10), title="Rapport COCOF",
                           kind="rapport_activite", rule_type="yearly", month=4, day=30,
                           milestones="j-7 relecture CA;J-30: données extraites\nJ-14 projet")
    deadline = db.session.scalar(db.select(Deadline).where(Deadline.due_date
                                                           == date(2026, 4, 30)))
    assert [(m.label, m.due_date) for m in deadline.milestones] == [
        ("données extraites", date(2026, 3, 31)), ("projet", date(2026, 4, 16)),
        ("relecture CA", date(2026, 4, 23))]
    assert deadline.rule.milestones == STEPS  # shown back as the director reads it


@pytest.mark.parametrize("text", ["J+3 relecture", "J-30", "trente jours avant : projet",
                                  "J-400 trop tôt"])
def test_a_step_that_cannot_be_read_is_refused_in_french(text):
    with pytest.raises(ValidationError, match="illisible : écrivez J-N"):
        parse_milestones(text)


def test_steps_are_ticked_off_one_by_one_and_shown_where_the_office_looks(app, client, db,
                                                                           login_as):
    today = date.today()
    deadline = create_deadline(title="Rapport AViQ", kind="rapport_activite",
                               due_date=date.fromordinal(today.toordinal() + 20))
    db.session.commit()
    login_as(Role.SECRETARY)
    for label, days in (("données extraites", "30"), ("relecture CA", "7")):
        response = post_form(client, f"/echeances/{deadline.id}/etapes",
                             {"label": label, "days_before": days})
        assert response.status_code == 302
    extracted, review = deadline.milestones
    assert upcoming_milestones(today) == [extracted, review]  # late one first
    home = client.get("/").get_data(as_text=True)
    assert "données extraites" in home and "en retard" in home

    post_form(client, f"/echeances/etapes/{extracted.id}/cocher", {"retour": "accueil"})
    db.session.expire_all()
    assert extracted.done_on == today and upcoming_milestones(today) == [review]
    digest = digest_text([deadline], today)
    assert f"étape « données extraites » pour le {extracted.due_date:%d/%m/%Y} (J-30) : " \
           f"faite le {today:%d/%m/%Y}" in digest
    assert "étape « relecture CA »" in digest and "à faire" in digest

    feed = calendar_feed("test.example")
    assert f"UID:milestone-{review.id}@test.example" in feed
    assert "SUMMARY:Étape : relecture CA – Rapport AViQ" in feed

    review_id = review.id
    response = post_form(client, f"/echeances/etapes/{review_id}/supprimer", {})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Milestone, review_id) is None


def test_a_step_without_its_number_of_days_keeps_the_page(client, db, login_as):
    deadline = create_deadline(title="Rapport", kind="autre", due_date=date(2030, 1, 1))
    db.session.commit()
    login_as(Role.DIRECTOR)
    response = post_form(client, f"/echeances/{deadline.id}/etapes", {"label": "Projet"},
                         follow_redirects=True)
    assert "Étape non ajoutée" in response.get_data(as_text=True)
    assert not deadline.milestones
