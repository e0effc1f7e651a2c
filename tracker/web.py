"""The one way a view changes data: validate, run one service, then either commit, say so and
redirect, or roll back and say why in French, keeping what was typed. Views pass a service
call as a function; the result feeds the success message and the next page."""

from collections.abc import Callable
from typing import Any, TypeVar

from flask import abort, flash, redirect
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from tracker.errors import DomainError, ValidationError
from tracker.extensions import db
from tracker.forms import apply_validation_error

Model = TypeVar("Model")
Outcome = str | Callable[[Any], str]  # a text, or a function of the service's result


def _text(outcome: Outcome, result: Any) -> str:
    return outcome(result) if callable(outcome) else outcome


def _done(result: Any, success: Outcome, then: Outcome) -> Response:
    db.session.commit()
    flash(_text(success, result), "success")
    return redirect(_text(then, result))


def submit_form(form: FlaskForm, action: Callable[[], Any], *, success: Outcome,
                then: Outcome) -> Response | None:
    """A page's form: on success the redirect; None when the page must show the form again
    (invalid input, or the service's ValidationError put on its field)."""
    if not form.validate_on_submit():
        return None
    try:
        result = action()
    except ValidationError as error:
        db.session.rollback()
        apply_validation_error(form, error)
        return None
    return _done(result, success, then)


def submit_inline(form: FlaskForm, action: Callable[[], Any], *, success: Outcome,
                  then: str, refused: str) -> Response:
    """A small form inside another page: always back to that page, the problem flashed
    (« {refused} : Année : … »)."""
    if not form.validate_on_submit():
        flash(f"{refused} : {every_error(form)}", "error")
        return redirect(then)
    return run_action(action, success=success, then=then, refused=refused)


def run_action(action: Callable[[], Any], *, success: Outcome, then: str,
               refused: str | None = None) -> Response:
    """A button (delete, undo, finalise…): the service runs; a DomainError is flashed (after
    `refused`, if given) and nothing is kept; either way back to `then`."""
    try:
        result = action()
    except DomainError as error:
        db.session.rollback()
        flash(f"{refused} : {error.message}" if refused else error.message, "error")
        return redirect(then)
    return _done(result, success, then)


def run_service(action: Callable[[], Any]) -> tuple[Any, DomainError | None]:
    """A service whose refusal the page shows itself (a form it renders again): committed,
    or rolled back with its DomainError returned."""
    try:
        result = action()
    except DomainError as error:
        db.session.rollback()
        return None, error
    db.session.commit()
    return result, None


def every_error(form: FlaskForm) -> str:
    """Every field's problem at once (« Date : … ; Montant : … »), not one per submit."""
    problems = [f"{form_field.label.text} : {error}" for form_field in form
                for error in form_field.errors]
    return " ; ".join(problems) if problems else "formulaire incomplet."


def get_or_404(model: type[Model], identity: Any) -> Model:
    """The row, or the French « page introuvable »."""
    return db.session.get(model, identity) or abort(404)
