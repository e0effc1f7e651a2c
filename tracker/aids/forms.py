"""A parameter value from a date."""

from wtforms import BooleanField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from tracker.aids.catalogue import AID_NAMES, AIDS, PARAMETERS
from tracker.forms import DATE_MESSAGE, EuroField, Form, FrenchDateField, choices


class ParameterForm(Form):
    key = SelectField("Paramètre", choices=choices(
        (f"{aid}:{code}", f"{AID_NAMES[aid]} – {meaning.label} ({meaning.unit})")
        for aid in AIDS for code, meaning in PARAMETERS[aid].items()))
    value = EuroField("Valeur", places=3, validators=[Optional()],
                      description="En ETP, en mois ou en euros selon le paramètre.")
    valid_from = FrenchDateField("À partir du", validators=[DataRequired(DATE_MESSAGE)])
    source = StringField("Source", validators=[Length(max=300)],
                         description="D'où vient la valeur (décision, arrêté, courrier…).")
    to_verify = BooleanField("À vérifier (valeur provisoire, à confirmer auprès de l'organisme)")
