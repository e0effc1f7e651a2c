"""Helpers shared by every module's forms."""

from flask_wtf import FlaskForm
from wtforms import DecimalField, SelectChoice
from wtforms.widgets import TextInput

from tracker.errors import ValidationError


def apply_validation_error(form: FlaskForm, error: ValidationError) -> None:
    """Show a service's ValidationError on its field (or on the whole form), keeping the input."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        form.form_errors.append(error.message)


class FrenchDecimalField(DecimalField):
    """Accepts « 0,5 » as well as « 0.5 », and shows stored values as « 0,5 »."""

    widget = TextInput()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("render_kw", {"inputmode": "decimal", "autocomplete": "off"})
        super().__init__(*args, **kwargs)

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        if self.data is None:
            return ""
        return format(self.data.normalize(), "f").replace(".", ",")

    def process_formdata(self, valuelist):
        if valuelist:
            valuelist = [valuelist[0].replace("\u00a0", "").replace(" ", "").replace(",", ".")]
        super().process_formdata(valuelist)


def choices(pairs) -> list[SelectChoice]:
    """(value, label) pairs as WTForms select choices."""
    return [SelectChoice(str(value), label) for value, label in pairs]
