"""Helpers shared by every module's forms: the French base form, French-typed fields, choices
and the mapping of a service's ValidationError onto a form."""

import re
from datetime import date, datetime, time
from decimal import Decimal

from flask_wtf import FlaskForm
from wtforms import BooleanField, DecimalField, Field, HiddenField, IntegerField, SelectChoice
from wtforms.widgets import TextInput

from tracker.errors import UnreadableInput, ValidationError
from tracker.formatting import TIMEZONE
from tracker.params import read_year
from tracker.tabular import parse_date as parse_cell_date
from tracker.tabular import parse_number
from tracker.tabular import parse_time as parse_cell_time

REQUIRED = "Ce champ est obligatoire."
DATE_MESSAGE = "Tapez la date comme 31/12/2024 (jour/mois/année)."


INCOMPLETE = ("Formulaire incomplet : rien n'a été modifié. Rechargez la page et "
              "enregistrez à nouveau.")


class Form(FlaskForm):
    """Every form of the application: WTForms' own messages in French (its bundled catalogue),
    whatever the browser's language.

    An unchecked box sends nothing, so a post that lacks fields would uncheck them all (an
    empty post once retired « Appel téléphonique »). `form_sent`, rendered by hidden_tag(),
    always comes with a real form: a form with check boxes refuses a post without it."""

    class Meta:
        locales = ("fr",)

    form_sent = HiddenField(default="1")

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if any(isinstance(field, BooleanField) for field in self) \
                and not self.form_sent.raw_data:
            self.form_errors.append(INCOMPLETE)
            return False
        return valid


def optional_int(value):
    return int(value) if value not in (None, "", "None") else None


def apply_validation_error(form: FlaskForm, error: ValidationError) -> None:
    """Show a service's ValidationError on its field (or on the whole form), keeping the input."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        form.form_errors.append(error.message)




class FrenchDecimalField(DecimalField):
    """A decimal typed « 0,5 » or « 0.5 » (an FTE, days): a dot is always the decimal mark."""

    thousands = False
    example = "0,5"

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
        """« 0,5 », « 0.5 », « 12 000 »; for euros also « 12.000,00 » (EuroField)."""
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        try:
            self.data = parse_number(valuelist[0], thousands=self.thousands)
        except ValueError as error:
            self.data = None
            raise ValueError(f"Tapez un nombre, par exemple {self.example}.") from error


class EuroField(FrenchDecimalField):
    """An amount in euros: « 12.000,00 », « 12 000 », « 12000,5 » (a dot between groups of
    three digits separates thousands, as in Belgium)."""

    thousands = True
    example = "12.000,00"

    def _value(self):
        """An amount shown back as it was written: « 84,70 », never « 84,7 »."""
        if self.raw_data or self.data is None:
            return super()._value()
        return f"{Decimal(self.data):.2f}".replace(".", ",")


class WholeNumberField(IntegerField):
    """A whole number typed in a text box (a number input turns « 7,5 » into 75 in some
    browsers); a French message when it is not one."""

    widget = TextInput()

    def __init__(self, *args, message: str = "Tapez un nombre entier (ex. 12).", **kwargs):
        kwargs.setdefault("render_kw", {"inputmode": "numeric", "autocomplete": "off"})
        super().__init__(*args, **kwargs)
        self.parse_message = message

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        text = valuelist[0].replace("\u00a0", "").replace(" ", "")
        if not text:
            self.data = None
            return
        if not re.fullmatch(r"[+-]?\d+", text):
            self.data = None
            raise ValueError(self.parse_message)
        self.data = int(text)


class YearField(WholeNumberField):
    """A year, read as every year of the application is (tracker.params: one range, one
    French message), never a number too large for the database."""

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        text = valuelist[0].replace("\u00a0", "").replace(" ", "")
        self.data = None
        if text:
            try:
                self.data = read_year(text)
            except UnreadableInput as error:
                raise ValueError(error.message) from error


class FrenchDateField(Field):
    """A date typed as JJ/MM/AAAA whatever the browser's language (a native date input shows
    « mm/dd/yyyy » in an English browser); 2024-12-31 is accepted too."""

    widget = TextInput()

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("render_kw", {"placeholder": "JJ/MM/AAAA", "inputmode": "numeric",
                                        "autocomplete": "off", "class": "date-input"})
        super().__init__(label, validators, **kwargs)

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return self.data.strftime("%d/%m/%Y") if self.data else ""

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        text = valuelist[0].strip()
        self.data = parse_date(text) if text else None
        if text and self.data is None:
            raise ValueError(DATE_MESSAGE)


TIME_MESSAGE = "Tapez l'heure comme 14:05, 14h05 ou 14h."


def local_time_now() -> time:
    """The time of day in Brussels, to the minute (what an entry form proposes)."""
    return datetime.now(TIMEZONE).time().replace(second=0, microsecond=0)


class TimeOfDayField(Field):
    """A time typed « 14:05 », « 14h05 » or « 14h » in a text box (a native time input
    follows the browser's language and is slow with the keyboard)."""

    widget = TextInput()

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("render_kw", {"placeholder": "HH:MM", "inputmode": "numeric",
                                        "autocomplete": "off", "class": "time-input"})
        super().__init__(label, validators, **kwargs)

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return self.data.strftime("%H:%M") if self.data else ""

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        text = valuelist[0].strip()
        self.data = None
        if text:
            try:
                self.data = parse_cell_time(text)
            except ValueError as error:
                raise ValueError(TIME_MESSAGE) from error


def parse_date(text: str) -> date | None:
    """A date typed in a form or a filter, read as the imports read it (31/12/2024 or
    2024-12-31); None if it is none."""
    try:
        return parse_cell_date(text)
    except ValueError:
        return None


def choices(pairs) -> list[SelectChoice]:
    """(value, label) pairs as WTForms select choices."""
    return [SelectChoice(str(value), label) for value, label in pairs]
