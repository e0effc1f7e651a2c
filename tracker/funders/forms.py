"""Forms for funders, instruments, yearly amounts and cadre posts."""

from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from tracker.formatting import month_name
from tracker.forms import (
    DATE_MESSAGE,
    REQUIRED,
    EuroField,
    Form,
    FrenchDateField,
    FrenchDecimalField,
    YearField,
    choices,
)
from tracker.funders.vocabulary import (
    DOCUMENT_KINDS,
    FUNDER_KINDS,
    FUNDER_LEVELS,
    INSTRUMENT_KINDS,
    INSTRUMENT_STATUSES,
)


class FunderForm(Form):
    code = StringField("Code", validators=[DataRequired(REQUIRED), Length(max=30)])
    name = StringField("Nom", validators=[DataRequired(REQUIRED), Length(max=200)])
    short_name = StringField("Nom court", validators=[Length(max=60)],
                             description="Tel qu'on l'écrit dans un tableau (ex. AViQ, Fonds "
                                         "propres) ; vide : le nom complet.")
    level = SelectField("Niveau", choices=choices(FUNDER_LEVELS.items()))
    kind = SelectField("Type", choices=choices(FUNDER_KINDS.items()))
    active = BooleanField("Actif", default=True)


class InstrumentForm(Form):
    funder_id = SelectField("Financeur", coerce=int, validators=[DataRequired(REQUIRED)])
    kind = SelectField("Type", choices=choices(INSTRUMENT_KINDS.items()))
    title = StringField("Intitulé", validators=[DataRequired(REQUIRED), Length(max=300)])
    legal_reference = StringField("Référence légale", validators=[Length(max=300)])
    start_date = FrenchDateField("Début", validators=[DataRequired(DATE_MESSAGE)])
    end_date = FrenchDateField("Fin", description="Vide : sans date de fin.",
                         validators=[Optional()])
    status = SelectField("Statut", choices=choices(INSTRUMENT_STATUSES.items()))
    year_start_month = SelectField(
        "Exercice", coerce=int, default=1,
        choices=choices([(1, "Année civile (janvier à décembre)")] + [
            (month, f"De {month_name(month)} à {month_name(month - 1)}"
             + (" (année scolaire)" if month == 9 else "")) for month in range(2, 13)]),
        description="La période de ses montants et de sa justification.")
    missions = TextAreaField("Missions", description="Une mission par ligne.")


class AmountForm(Form):
    year = YearField("Année", validators=[InputRequired(REQUIRED)])  # keeps its own message
    requested = EuroField("Demandé (€)", places=2, validators=[Optional()])
    granted = EuroField("Accordé (€)", places=2, validators=[Optional()])
    received = EuroField("Reçu (€)", places=2, validators=[Optional()])


class CadrePostForm(Form):
    function_code = SelectField("Fonction", validators=[DataRequired(REQUIRED)])
    fte = FrenchDecimalField("ETP", places=3, validators=[DataRequired(REQUIRED)])
    valid_from = FrenchDateField("À partir du", validators=[DataRequired(DATE_MESSAGE)])
    funded = BooleanField("Financé (décocher pour un poste demandé, non accordé)", default=True)
    note = StringField("Remarque", validators=[Length(max=300)])


class InstrumentDocumentForm(Form):
    kind = SelectField("Type de document", choices=choices(DOCUMENT_KINDS.items()),
                       validators=[DataRequired(REQUIRED)])
    issued_on = FrenchDateField("Date du document", validators=[Optional()])
    reference = StringField("Référence (n° d'arrêté, de décision…)",
                            validators=[Optional(), Length(max=200)])
    replaces = SelectField("Remplace (nouvelle version de)", coerce=int, default=0,
                           validators=[Optional()])
    file = FileField("Fichier (PDF, JPEG, PNG, DOCX ou XLSX, 20 Mo au plus)",
                     validators=[FileRequired("Choisissez un fichier.")])
