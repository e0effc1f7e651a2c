"""The intern and volunteer forms (choices of supervisor set by the view)."""

from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from tracker.forms import (
    DATE_MESSAGE,
    REQUIRED,
    EuroField,
    Form,
    FrenchDateField,
    WholeNumberField,
    optional_int,
)

# InputRequired, not DataRequired: « 300,5 » must read « Tapez un nombre entier… », which
# DataRequired would replace with « Ce champ est obligatoire ».
HOURS = [InputRequired(REQUIRED), NumberRange(0, 10_000, "De 0 à 10 000 heures.")]
HOURS_MESSAGE = "Tapez un nombre entier d'heures, sans décimale (ex. 300)."


class InternForm(Form):
    full_name = StringField("Nom", validators=[DataRequired(REQUIRED), Length(max=200)])
    school = StringField("École", validators=[Length(max=200)])
    field = StringField("Filière", validators=[Length(max=200)],
                        description="Ex. assistant(e) social(e), psychologie, éducateur(trice).")
    start_date = FrenchDateField("Début du stage", validators=[DataRequired(DATE_MESSAGE)])
    end_date = FrenchDateField("Fin du stage", validators=[DataRequired(DATE_MESSAGE)])
    hours = WholeNumberField("Heures de stage", validators=HOURS, message=HOURS_MESSAGE)
    supervisor_id = SelectField("Maître de stage", coerce=optional_int,
                                validators=[Optional()])


class VolunteerForm(Form):
    full_name = StringField("Nom", validators=[DataRequired(REQUIRED), Length(max=200)])
    mission = StringField("Mission", validators=[Length(max=200)],
                          description="Ex. accueil, animation d'atelier, comptabilité.")
    start_date = FrenchDateField("Début", validators=[DataRequired(DATE_MESSAGE)])
    end_date = FrenchDateField("Fin", validators=[DataRequired(DATE_MESSAGE)],
                               description="Une fiche par période : une nouvelle fiche pour "
                                           "l'année suivante.")
    hours = WholeNumberField("Heures prestées", validators=HOURS, message=HOURS_MESSAGE)
    hourly_value = EuroField("Valorisation (€/h)", places=2, validators=[Optional()],
                                      description="Facultatif : pour valoriser le bénévolat "
                                                  "dans les comptes ou un rapport.")
