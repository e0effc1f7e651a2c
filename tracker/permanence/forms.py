"""A new organisation, a slot, an observed week."""

from wtforms import BooleanField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from tracker.forms import (
    DATE_MESSAGE,
    REQUIRED,
    Form,
    FrenchDateField,
    TimeOfDayField,
    WholeNumberField,
    choices,
    optional_int,
)
from tracker.permanence.models import WEEKDAYS


class ScheduleForm(Form):
    label = StringField("Intitulé", validators=[DataRequired(REQUIRED), Length(max=150)],
                        description="Ex. Organisation 2026, Nouvelle organisation.")
    valid_from = FrenchDateField("À partir du", validators=[DataRequired(DATE_MESSAGE)])
    planned = BooleanField("En projet (demandée, pas encore en vigueur)")
    copy_of = SelectField("Reprendre les plages de", coerce=optional_int,
                          validators=[Optional()])


class SlotForm(Form):
    weekday = SelectField("Jour", coerce=optional_int, choices=choices(
        (number, day.capitalize()) for number, day in enumerate(WEEKDAYS, start=1)))
    start_time = TimeOfDayField("Début", validators=[DataRequired(REQUIRED)])
    end_time = TimeOfDayField("Fin", validators=[DataRequired(REQUIRED)])
    label = StringField("Nom de la plage", validators=[DataRequired(REQUIRED), Length(max=80)],
                        description="Ex. Lundi matin.")
    lines = WholeNumberField("Lignes ouvertes", default=1, validators=[Optional()])


class WeekForm(Form):
    week_start = FrenchDateField("Semaine du (lundi)", validators=[DataRequired(DATE_MESSAGE)])
    from_log = BooleanField("Compter les appels manqués du journal (type « Appel manqué », "
                            "avec leur heure : l'export du central téléphonique importé)")
