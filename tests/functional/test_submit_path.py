"""The one submit path (tracker/web.py) and the app-level handler of domain errors."""

from flask import get_flashed_messages

from tests.factories import make_person
from tracker.errors import DomainError, ValidationError
from tracker.staffing.forms import PersonForm
from tracker.staffing.models import Person
from tracker.web import run_action, submit_form


def test_an_unexpected_domain_error_is_a_french_page_not_a_500(app, db):
    with app.test_request_context("/", headers={"Accept": "text/html"}):
        response = app.make_response(
            app.handle_user_exception(DomainError("Cette année est verrouillée.")))
        assert response.status_code == 422
        html = response.get_data(as_text=True)
        assert "Action impossible" in html and "Cette année est verrouillée." in html


def test_a_validation_error_rolls_back_and_lands_on_its_field(app, db):
    with app.test_request_context("/", method="POST", data={"full_name": "Anna"}):
        form = PersonForm(meta={"csrf": False})
        del form.user_id

        def half_done():
            make_person("Écrit puis annulé")
            raise ValidationError("full_name", "Ce nom ne convient pas.")

        assert submit_form(form, half_done, success="x", then="/") is None
        assert form.full_name.errors == ["Ce nom ne convient pas."]
        assert form.full_name.data == "Anna"  # what was typed stays
        assert db.session.scalar(db.select(Person).where(
            Person.full_name == "Écrit puis annulé")) is None


def test_a_button_commits_and_says_so_or_says_why(app, db):
    with app.test_request_context("/"):
        done = run_action(lambda: make_person("Bouton"), success=lambda p: f"{p.full_name} ok",
                          then="/suite")
        assert done.status_code == 302 and done.headers["Location"] == "/suite"
        refused = run_action(lambda: (_ for _ in ()).throw(DomainError("Impossible ici.")),
                             success="x", then="/retour", refused="Non fait")
        assert refused.headers["Location"] == "/retour"
        assert get_flashed_messages(with_categories=True) == [
            ("success", "Bouton ok"), ("error", "Non fait : Impossible ici.")]


def test_a_small_form_says_every_problem_at_once(app, db):
    from tracker.deadlines.forms import AnswerForm
    from tracker.web import submit_inline

    with app.test_request_context("/", method="POST", data={
            "reponse-answer": "accepte", "reponse-answered_on": "32/13/2025",
            "reponse-note": "x" * 600}):
        form = AnswerForm(prefix="reponse", meta={"csrf": False})
        submit_inline(form, lambda: None, success="x", then="/", refused="Non enregistré")
        (category, message), = get_flashed_messages(with_categories=True)
        assert category == "error" and message.startswith("Non enregistré : Reçue le : ")
        assert " ; Note : " in message  # both fields, in one message
