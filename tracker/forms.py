"""Helpers shared by every module's forms."""

from flask_wtf import FlaskForm

from tracker.errors import ValidationError


def apply_validation_error(form: FlaskForm, error: ValidationError) -> None:
    """Show a service's ValidationError on its field (or on the whole form), keeping the input."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        form.form_errors.append(error.message)
