"""The cost file upload, and a grant's tranches."""

from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from tracker.forms import (
    DATE_MESSAGE,
    REQUIRED,
    EuroField,
    Form,
    FrenchDateField,
    WholeNumberField,
    optional_int,
)


class CostImportForm(Form):
    file = FileField("Fichier CSV ou XLSX", validators=[FileRequired("Choisissez un fichier.")])
    dry_run = BooleanField("Vérifier seulement (ne rien enregistrer)")


class TrancheForm(Form):
    instrument_id = SelectField("Instrument", coerce=optional_int, validators=[Optional()])
    year = WholeNumberField("Année du subside", validators=[Optional()])
    label = StringField("Tranche", validators=[DataRequired(REQUIRED), Length(max=100)],
                        description="Ex. avance, deuxième tranche, solde.")
    expected_on = FrenchDateField("Attendue le", validators=[DataRequired(DATE_MESSAGE)])
    expected_amount = EuroField("Montant attendu (€)", places=2,
                                         validators=[Optional()])


class ReceivedForm(Form):
    received_on = FrenchDateField("Reçue le", validators=[DataRequired(DATE_MESSAGE)])
    received_amount = EuroField("Montant reçu (€)", places=2, validators=[Optional()],
                                         description="Vide : le montant attendu.")
