"""A deadline's life: corrected, postponed with a reason (its steps and reminders follow),
« sans objet », the funder's answer; one overdue state on every page; the command line lists
open deadlines only."""

import json
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from tests.factories import make_user
from tests.helpers import post_form
from tracker.audit.models import AuditEntry
from tracker.auth.roles import Role
from tracker.cli import cli
from tracker.deadlines.agenda import cancel_submission
from tracker.deadlines.dashboard import mark_submitted
from tracker.deadlines.life import (
    dismiss_deadline,
    edit_deadline,
    postpone_deadline,
    record_answer,
    reminder_plan,
)
from tracker.deadlines.milestones import add_milestone
from tracker.deadlines.models import Reminder
from tracker.deadlines.reminders import plan_reminders
from tracker.deadlines.services import create_deadline
from tracker.errors import ValidationError

TODAY = date(2026, 6, 1)


@pytest.fixture
def deadline(db):
    return create_deadline(title="Rapport PSSP", kind="rapport_activite",
                           due_date=date(2026, 6, 5), reminders="30,7,1,-1")


def test_postponing_moves_the_steps_and_reminds_again_before_the_new_date(db, deadline):
    make_user(Role.DIRECTOR)  # the reminders' recipient
    add_milestone(deadline, "Relecture", 14)
    plan_reminders(TODAY, datetime(2026, 6, 1, 8))
    sent = db.session.scalar(select(Reminder).where(Reminder.offset_days == 7))
    sent.status, sent.sent_at = "sent", datetime(2026, 5, 29, 8)
    db.session.flush()
    with pytest.raises(ValidationError, match="motif"):
        postpone_deadline(deadline, date(2026, 7, 10), " ")
    with pytest.raises(ValidationError, match="doit suivre"):
        postpone_deadline(deadline, date(2026, 6, 5), "délai")
    postpone_deadline(deadline, date(2026, 7, 10), "Délai accordé par le SPW")
    assert deadline.due_date == date(2026, 7, 10)
    assert deadline.milestones[0].due_date == date(2026, 6, 26)
    # the pending reminders of the old date are gone, the one sent stays as history
    assert [(row.offset_days, row.status) for row in db.session.scalars(select(Reminder))] \
        == [(7, "sent")]
    plan_reminders(date(2026, 7, 3), datetime(2026, 7, 3, 8))
    again = db.session.scalars(select(Reminder).where(Reminder.offset_days == 7)).all()
    assert sorted(row.remind_on for row in again) == [date(2026, 5, 29), date(2026, 7, 3)]
    states = [item.state for item in reminder_plan(deadline, date(2026, 7, 3))]
    assert "rappel envoyé le 29/05/2026 à" in states[-1] and "date antérieure" in states[-1]
    changes = db.session.scalars(select(AuditEntry).where(
        AuditEntry.entity_type == "Échéance", AuditEntry.action == "update")).all()
    assert any(entry.before.get("due_date") == "2026-06-05"
               and entry.after.get("due_date") == "2026-07-10"
               and entry.after.get("postponed_reason") == "Délai accordé par le SPW"
               for entry in changes)


def test_correcting_sans_objet_and_reopening(db, deadline):
    edit_deadline(deadline, title="  Rapport  PSSP 2025 ", due_date=date(2026, 6, 4),
                  owner="role:secretary")
    assert (deadline.title, deadline.due_date, deadline.owner_role) == \
        ("Rapport PSSP 2025", date(2026, 6, 4), "secretary")
    with pytest.raises(ValidationError, match="Responsable inconnu"):
        edit_deadline(deadline, title="x", due_date=date(2026, 6, 4), owner="chef")
    dismiss_deadline(deadline, "Appel à projets non reconduit")
    assert deadline.status == "sans_objet"
    assert reminder_plan(deadline, TODAY)[0].state == "sans objet (échéance close)"
    with pytest.raises(ValidationError, match="close"):
        postpone_deadline(deadline, date(2026, 8, 1), "x")
    cancel_submission(deadline)
    assert deadline.status == "a_faire" and deadline.dismissed_reason == ""


def test_the_funders_answer_comes_after_the_submission(db, deadline):
    with pytest.raises(ValidationError, match="après la soumission"):
        record_answer(deadline, "refuse", date(2026, 6, 20), "")
    mark_submitted(deadline, submitted_on=date(2026, 6, 4), reference="courriel")
    with pytest.raises(ValidationError, match="précéder"):
        record_answer(deadline, "refuse", date(2026, 6, 1), "")
    record_answer(deadline, "refuse", date(2026, 6, 20), "Budget incomplet")
    assert (deadline.status, deadline.answered_on, deadline.answer_note) == \
        ("refuse", date(2026, 6, 20), "Budget incomplet")


def test_one_overdue_state_on_the_list_the_page_and_the_dashboard(client, db, login_as):
    late = create_deadline(title="Décompte FWB", kind="rapport_activite",
                           due_date=date.today() - timedelta(days=12))
    db.session.commit()
    login_as(Role.DIRECTOR)
    page = client.get(f"/echeances/{late.id}").get_data(as_text=True)
    assert '<span class="status status-en_retard">En retard</span>' in page
    assert "dû : part au prochain envoi" in page  # not « aucun rappel encore dû »
    listing = client.get("/echeances/?statut=ouvertes").get_data(as_text=True)
    assert '<span class="status status-en_retard">En retard</span>' in listing
    assert "Décompte FWB" in client.get("/").get_data(as_text=True).split('id="en-retard"')[1]


def test_the_pages_postpone_and_record_the_answer(client, db, login_as, deadline):
    db.session.commit()
    login_as(Role.SECRETARY)
    refused = post_form(client, f"/echeances/{deadline.id}/reporter",
                        {"reporter-new_date": "01/07/2026", "reporter-reason": ""})
    assert refused.status_code == 400 and 'value="01/07/2026"' in refused.get_data(
        as_text=True)
    done = post_form(client, f"/echeances/{deadline.id}/reporter",
                     {"reporter-new_date": "01/07/2026", "reporter-reason": "Délai"})
    assert done.status_code == 302
    assert post_form(client, f"/echeances/{deadline.id}/modifier", {
        "corriger-title": "Rapport PSSP corrigé", "corriger-due_date": "02/07/2026",
        "corriger-owner": "role:director"}).status_code == 302
    db.session.expire_all()
    assert (deadline.title, deadline.due_date) == ("Rapport PSSP corrigé", date(2026, 7, 2))


def test_the_command_line_lists_open_deadlines_only(app, db, deadline):
    mark_submitted(deadline, submitted_on=date(2026, 6, 4), reference="courriel")
    db.session.commit()

    def listed(*extra):
        result = app.test_cli_runner().invoke(cli, ["deadlines", "--today", "2026-06-01",
                                                    "--format", "json", *extra])
        assert result.exit_code == 0, result.output
        return json.loads(result.output)

    assert listed() == []
    assert [item["state"] for item in listed("--all")] == ["Soumis"]
